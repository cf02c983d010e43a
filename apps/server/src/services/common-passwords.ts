/**
 * Passwords that appear at the top of every public breach list, plus the keyboard walks Korean
 * users favour. Compared after lower-casing; a short list catches the guesses attackers try first.
 */
const list = `
123456 123456789 12345678 12345 1234567 1234567890 111111 000000 123123 654321 666666 121212
112233 123321 159753 147258 987654321 11111111 00000000 88888888 12341234 11223344 1234qwer
password password1 password123 passw0rd p@ssw0rd p@ssword qwerty qwerty123 qwerty1 qwertyuiop
qwer1234 qwe123 qweasd qweasdzxc qazwsx qazwsxedc 1q2w3e4r 1q2w3e4r5t 1q2w3e 1qaz2wsx 1qazxsw2
zaq12wsx asdf1234 asdfasdf asdfghjkl asd123 zxcvbnm zxcv1234 abc123 abcd1234 abc12345 a1234567
a1b2c3d4 aa123456 iloveyou iloveyou1 loveyou love1234 sarang saranghae saranghae1 letmein
welcome welcome1 admin admin123 administrator root1234 monkey dragon football baseball soccer
princess sunshine shadow master superman batman trustno1 whatever freedom starwars hello123
hellohello 123qwe 123qweasd 123abc 1234abcd test1234 testtest changeme secret secret123
computer internet samsung samsung1 naver1234 google123 korea123 seoul123 dkssud dkssudgktpdy
gkgkgk zzzzzzzz aaaaaaaa 1111111111 2580 25802580 7777777 77777777 99999999 asdf qwer
`;

export const commonPasswords: ReadonlySet<string> = new Set(list.split(/\s+/).filter(Boolean));

export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.toLowerCase());
}
