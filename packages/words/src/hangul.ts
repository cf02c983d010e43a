// Hangul syllable arithmetic (Unicode: syllable = 0xAC00 + (initial * 21 + vowel) * 28 + final).

const BASE = 0xac00;
const LAST = 0xd7a3;

/** Vowel (jungseong) indices used by the conjugation rules. */
export const V = {
  a: 0,
  ae: 1,
  ya: 2,
  yae: 3,
  eo: 4,
  e: 5,
  yeo: 6,
  ye: 7,
  o: 8,
  wa: 9,
  wae: 10,
  oe: 11,
  yo: 12,
  u: 13,
  wo: 14,
  we: 15,
  wi: 16,
  yu: 17,
  eu: 18,
  ui: 19,
  i: 20,
} as const;

/** Final consonant (jongseong) indices; 0 means none. */
export const F = {
  none: 0,
  n: 4,
  l: 8,
  lm: 10,
  m: 16,
  b: 17,
  s: 19,
  ss: 20,
  ng: 21,
  h: 27,
} as const;

export function isSyllable(code: number): boolean {
  return code >= BASE && code <= LAST;
}

export interface Syllable {
  initial: number;
  vowel: number;
  final: number;
}

export function decompose(ch: string): Syllable | null {
  const code = ch.charCodeAt(0) - BASE;
  if (code < 0 || code > LAST - BASE) return null;
  return {
    initial: Math.floor(code / 588),
    vowel: Math.floor((code % 588) / 28),
    final: code % 28,
  };
}

export function compose(initial: number, vowel: number, final = 0): string {
  return String.fromCharCode(BASE + (initial * 21 + vowel) * 28 + final);
}

/** The final consonant index of the last syllable of `s`, or -1 when it does not end in a syllable. */
export function finalOf(s: string): number {
  const code = s.charCodeAt(s.length - 1) - BASE;
  return code < 0 || code > LAST - BASE ? -1 : code % 28;
}

export function vowelOf(s: string): number {
  const code = s.charCodeAt(s.length - 1) - BASE;
  return code < 0 || code > LAST - BASE ? -1 : Math.floor((code % 588) / 28);
}

/** The last syllable of `s` with its final consonant replaced. */
export function withFinal(s: string, final: number): string {
  const d = decompose(s.slice(-1));
  return d ? s.slice(0, -1) + compose(d.initial, d.vowel, final) : s;
}

/** The last syllable of `s` with its vowel (and final) replaced. */
export function withVowel(s: string, vowel: number, final = 0): string {
  const d = decompose(s.slice(-1));
  return d ? s.slice(0, -1) + compose(d.initial, vowel, final) : s;
}

// Conjoining jamo (what NFD produces) → compatibility jamo (what people type), for leftovers that NFC
// could not compose into a syllable, so "ᄏᄏ" and "ㅋㅋ" are the same.
const INITIAL_COMPAT = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
const VOWEL_COMPAT = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ';
const FINAL_COMPAT = ' ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ';

export function conjoiningToCompat(code: number): string | null {
  if (code >= 0x1100 && code <= 0x1112) return INITIAL_COMPAT[code - 0x1100] ?? null;
  if (code >= 0x1161 && code <= 0x1175) return VOWEL_COMPAT[code - 0x1161] ?? null;
  if (code >= 0x11a8 && code <= 0x11c2) return FINAL_COMPAT[code - 0x11a7] ?? null;
  return null;
}
