/** The key that makes usernames and e-mails unique regardless of case or Unicode form. */
export function identityKey(value: string): string {
  return value.trim().normalize('NFKC').toLowerCase();
}
