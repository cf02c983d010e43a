import type { SearchMatch } from '@couple-chat/protocol';

/**
 * How message text is searched, the same on every database: text is folded (lower case,
 * full-width ASCII as ASCII, every run of white space as one space), words are the runs of letters,
 * digits, marks and emoji, and the index stores each word's character bigrams followed by its last
 * character alone. Any substring of a word is then a run of consecutive bigrams (a phrase), a word's
 * end is its single-character token, and a single character is a prefix query — so 1-, 2- and
 * 3+-character queries are all answered by the index, exactly, and only what a word index cannot
 * express (punctuation, spaces inside a quoted phrase) is checked against the text afterwards.
 */

/** Text folded for matching, with where each of its UTF-16 units came from in the original. */
export interface Folded {
  text: string;
  /** `from[i]` is the original offset of folded unit `i`; `from[text.length]` is the original's length. */
  from: number[];
}

const isSpace = (cp: number) =>
  cp === 0x20 ||
  (cp >= 0x09 && cp <= 0x0d) ||
  cp === 0xa0 ||
  cp === 0x3000 ||
  /\s/u.test(String.fromCodePoint(cp));

/** One character folded: ASCII and Hangul syllables (nearly all chat text) take the fast path. */
function foldChar(cp: number): string {
  if (cp < 0x80) return String.fromCharCode(cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : cp);
  if (cp >= 0xac00 && cp <= 0xd7a3) return String.fromCharCode(cp);
  // Full-width ASCII (Ａ, ！) as typed on some Korean keyboards.
  if (cp >= 0xff01 && cp <= 0xff5e) return foldChar(cp - 0xfee0);
  return String.fromCodePoint(cp).toLowerCase();
}

/** Folds `text` and keeps the map back to the original's offsets (for highlighting). */
export function fold(text: string): Folded {
  let out = '';
  const from: number[] = [];
  let spaceRun = false;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    if (isSpaceFast(cp)) {
      if (!spaceRun) {
        out += ' ';
        from.push(i);
      }
      spaceRun = true;
    } else {
      spaceRun = false;
      const f = foldChar(cp);
      out += f;
      for (let k = 0; k < f.length; k++) from.push(i);
    }
    i += width;
  }
  from.push(text.length);
  return { text: out, from };
}

function isSpaceFast(cp: number): boolean {
  if (cp < 0x80) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d);
  if (cp >= 0xac00 && cp <= 0xd7a3) return false;
  return isSpace(cp);
}

const wordCharCache = new Map<number, boolean>();
const WORD_CHAR = /^[\p{L}\p{N}\p{M}\p{Extended_Pictographic}\p{Emoji_Component}]$/u;

/** Letters, digits, marks and emoji; in ASCII only a–z and 0–9 (folded text has no A–Z). */
export function isWordChar(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39);
  if (cp >= 0xac00 && cp <= 0xd7a3) return true;
  let known = wordCharCache.get(cp);
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCodePoint(cp));
    if (wordCharCache.size < 10_000) wordCharCache.set(cp, known);
  }
  return known;
}

/** The words (runs of word characters) of folded text, each as its characters (code points). */
export function wordsOf(folded: string): string[][] {
  const words: string[][] = [];
  let word: string[] = [];
  for (const ch of folded) {
    if (isWordChar(ch.codePointAt(0) as number)) word.push(ch);
    else if (word.length > 0) {
      words.push(word);
      word = [];
    }
  }
  if (word.length > 0) words.push(word);
  return words;
}

/** A word's index tokens: its bigrams, then its last character alone (the word's end). */
function wordGrams(word: string[], into: string[]): void {
  for (let i = 0; i + 1 < word.length; i++) into.push(word[i] + (word[i + 1] as string));
  into.push(word[word.length - 1] as string);
}

/** The grams of a message's text, in order (positions matter: a phrase is consecutive grams). */
export function textGrams(body: string): string[] {
  const grams: string[] = [];
  for (const word of wordsOf(fold(body).text)) wordGrams(word, grams);
  return grams;
}

/** What one part of a query asks of the index. */
export type GramClause =
  /** These grams at consecutive positions (one gram: that gram anywhere). */
  | { kind: 'phrase'; grams: string[] }
  /** Any gram that starts with this character: the character occurs in a word. */
  | { kind: 'prefix'; char: string };

/** One thing the user looks for: a word, or a quoted phrase; folded. */
export interface SearchTerm {
  text: string;
  /** Index clauses that every message containing `text` satisfies. */
  clauses: GramClause[];
  /** True when the clauses hold only for messages containing `text` (no check against the text needed). */
  exact: boolean;
}

/** The index clauses of one folded term, and whether they are exact. */
export function planTerm(text: string): SearchTerm {
  const chars = [...text];
  const clauses: GramClause[] = [];
  let runs = 0;
  for (let i = 0; i < chars.length; ) {
    if (!isWordChar(chars[i]?.codePointAt(0) as number)) {
      i++;
      continue;
    }
    let j = i;
    while (j < chars.length && isWordChar(chars[j]?.codePointAt(0) as number)) j++;
    const run = chars.slice(i, j);
    // A run followed by anything in the term ends a word in the message too.
    const endsWord = j < chars.length;
    runs++;
    if (run.length === 1 && !endsWord) clauses.push({ kind: 'prefix', char: run[0] as string });
    else {
      const grams: string[] = [];
      for (let k = 0; k + 1 < run.length; k++) grams.push(run[k] + (run[k + 1] as string));
      if (endsWord) grams.push(run[run.length - 1] as string);
      clauses.push({ kind: 'phrase', grams });
    }
    i = j;
  }
  // One run and nothing else: a word's substring, which the grams express exactly.
  return {
    text,
    clauses,
    exact: runs === 1 && chars.every((c) => isWordChar(c.codePointAt(0) as number)),
  };
}

/**
 * The terms of a query: words separated by spaces, or a phrase in double quotes ("…" or “…”),
 * every one of which a message must contain. Anything else — `%`, `_`, `*`, `\`, a lone quote — is a
 * plain character. Empty when nothing is left to look for.
 */
export function parseQuery(query: string): SearchTerm[] {
  const found: string[] = [];
  const pattern = /["“„]([^"“”„]*)["”“]|\S+/gu;
  for (const m of query.matchAll(pattern)) {
    const phrase = m[1];
    const raw = phrase !== undefined && phrase.trim() !== '' ? phrase : m[0];
    const text = fold(raw).text.trim();
    if (text !== '' && !found.includes(text)) found.push(text);
  }
  return found.map(planTerm);
}

/**
 * Where the terms occur in `body` (UTF-16 offsets into the original text), sorted and merged; null
 * when some term does not occur at all.
 */
export function findMatches(body: string, terms: readonly SearchTerm[]): SearchMatch[] | null {
  const folded = fold(body);
  const spans: [number, number][] = [];
  for (const term of terms) {
    let at = folded.text.indexOf(term.text);
    if (at < 0) return null;
    while (at >= 0) {
      spans.push([at, at + term.text.length]);
      at = folded.text.indexOf(term.text, at + term.text.length);
    }
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: SearchMatch[] = [];
  for (const [s, e] of spans) {
    const start = folded.from[s] as number;
    const end = folded.from[e] as number;
    const last = merged.at(-1);
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else merged.push({ start, end });
  }
  return merged;
}
