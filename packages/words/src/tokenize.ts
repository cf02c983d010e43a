// The tokenizer: one pass over the message, splitting it into runs of one script (Hangul syllables, jamo,
// Latin letters, digits, other letters); everything else (spaces, punctuation, emoji, symbols) separates.
// Links and e-mail addresses are removed first. Each run is then read by its script's rules.
import { normalizeEnglish } from './english.js';
import { conjoiningToCompat, decompose, isSyllable } from './hangul.js';
import { analyzeHangul, isAuxAfter, isParticleChain, isSuffixOnly } from './korean.js';
import {
  JAMO_ABBREVIATIONS,
  KO_COUNTERS,
  KO_NUMERALS,
  LAUGH_SYLLABLES,
  REPEAT_AS_ONE,
} from './lexicon/core.js';

/** Longer words are dropped: no real word is this long, and it bounds the work per word. */
export const MAX_WORD_LENGTH = 30;

enum Run {
  None,
  Hangul,
  Jamo,
  Latin,
  Digit,
  Other,
}

function classify(code: number): Run {
  if (code < 0x80) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return Run.Latin;
    if (code >= 0x30 && code <= 0x39) return Run.Digit;
    return Run.None;
  }
  if (isSyllable(code)) return Run.Hangul;
  if (code >= 0x3131 && code <= 0x318e) return Run.Jamo;
  if (
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) ||
    (code >= 0x1e00 && code <= 0x1eff)
  ) {
    return Run.Latin;
  }
  return Run.None;
}

const OTHER_LETTER = /\p{L}/u;
const WHITESPACE = /\s/;

/**
 * NFC (so decomposed Hangul, as some keyboards and macOS file names produce, equals composed Hangul), then
 * compatibility folding for everything except Hangul: full-width Ａ and １ become A and 1, ligatures split.
 * Hangul is left out of NFKC on purpose: NFKC turns the jamo ㅋ into a conjoining jamo that then merges
 * with a following vowel (ㅋㅠ → 큐), which would break ㅋㅋㅠㅠ.
 */
export function normalizeText(text: string): string {
  const s = text.normalize('NFC');
  // Fast path: plain ASCII, Hangul syllables and jamo need nothing more.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a range check, not a control-character match
  if (!/[^\u0000-\u007f\uac00-\ud7a3\u3131-\u318e]/.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80 || isSyllable(code) || (code >= 0x3131 && code <= 0x318e)) {
      out += ch;
      continue;
    }
    const compat = conjoiningToCompat(code);
    if (compat) out += compat;
    else if (code >= 0xffa0 && code <= 0xffdc)
      out += ch; // half-width jamo: rare, left alone
    else out += ch.normalize('NFKC');
  }
  return out;
}

/** Stands in for a removed link, so the tokenizer knows a link was there. */
const LINK = '\u0001';

const TLDS = new Set(
  'com net org kr me io co ly gl be app dev ai tv xyz info biz so gg link site jp us uk cn to ms'.split(
    ' ',
  ),
);
const DOMAIN = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.([a-z]{2,})(?:[/?#:].*)?$/i;

/** Whether a run of non-space ASCII is a link or an e-mail address (dropped: never a word). */
function isLink(run: string): boolean {
  if (run.includes('://') || /^www\./i.test(run)) return true;
  const at = run.indexOf('@');
  if (at > 0 && run.indexOf('.', at) > at + 1) return true;
  // Trim surrounding punctuation with index loops (a regex like /[.,!?]+$/ backtracks quadratically).
  let start = 0;
  let end = run.length;
  while (start < end && '(['.includes(run[start] ?? '')) start++;
  while (end > start && '.,!?)]'.includes(run[end - 1] ?? '')) end--;
  const m = DOMAIN.exec(run.slice(start, end));
  return m !== null && TLDS.has((m[1] ?? '').toLowerCase());
}

/** Replaces links and e-mail addresses with a placeholder, keeping everything else (e.g. Hangul around them). */
function removeLinks(s: string): string {
  if (!s.includes('.') && !s.includes('@')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const code = s.charCodeAt(i);
    if (code > 0x20 && code < 0x7f) {
      let j = i + 1;
      while (j < s.length) {
        const c = s.charCodeAt(j);
        if (c <= 0x20 || c >= 0x7f) break;
        j++;
      }
      const run = s.slice(i, j);
      out += isLink(run) ? LINK : run;
      i = j;
    } else {
      out += s[i];
      i++;
    }
  }
  return out;
}

/** Sound of a vowel at the end of a syllable, so a lengthening 아 after 파 or 와 is recognised. */
const VOWEL_END = [0, 5, 0, 1, 4, 5, 4, 5, 8, 0, 5, 5, 8, 13, 4, 5, 20, 13, 18, 20, 20];

/**
 * Repeated syllables: 하하하하 → 하하, 헐헐헐 → 헐, 좋아아아 → 좋아, 사랑해애애 → 사랑해, 너무우우 → 너무.
 */
export function normalizeHangulRepeats(run: string): string {
  const first = run[0] ?? '';
  if (run.length >= 2 && run === first.repeat(run.length)) {
    if (LAUGH_SYLLABLES.has(first)) return first + first;
    if (REPEAT_AS_ONE.has(first) || run.length >= 3) return first;
    return run;
  }
  let s = run;
  // A trailing run of the same bare vowel syllable (아, 어, 우 …): lengthening.
  const last = s[s.length - 1] ?? '';
  const d = decompose(last);
  if (d && d.initial === 11 && d.final === 0) {
    let k = s.length - 1;
    while (k > 0 && s[k - 1] === last) k--;
    const count = s.length - k;
    if (count >= 2) {
      s = s.slice(0, k + 1);
      const prev = decompose(s[s.length - 2] ?? '');
      if (prev && prev.final === 0 && VOWEL_END[prev.vowel] === VOWEL_END[d.vowel])
        s = s.slice(0, -1);
    }
  }
  // Any other run of 3+ equal syllables collapses to one.
  if (s.length >= 3) {
    let out = '';
    for (let i = 0; i < s.length; ) {
      const c = s[i] ?? '';
      let j = i + 1;
      while (j < s.length && s[j] === c) j++;
      out += j - i >= 3 ? c : s.slice(i, j);
      i = j;
    }
    s = out;
  }
  return s;
}

const LAUGH_JAMO: Record<string, string> = { ㅋ: 'ㅋㅋ', ㅎ: 'ㅎㅎ', ㅠ: 'ㅠㅠ', ㅜ: 'ㅠㅠ' };

/** A run of jamo: laughter and crying (ㅋㅋ, ㅎㅎ, ㅠㅠ), abbreviations (ㅇㅇ, ㅇㅋ), emoticons dropped (ㅡㅡ). */
export function jamoWords(run: string): string[] {
  // Runs of 3+ of one jamo become 2 (ㅇㅇㅇ → ㅇㅇ); a repeated pair becomes one (ㅇㅋㅇㅋ → ㅇㅋ).
  let s = run.replace(/(.)\1{2,}/gu, '$1$1');
  if (s.length >= 4 && s.length % 2 === 0 && s === s.slice(0, 2).repeat(s.length / 2))
    s = s.slice(0, 2);
  if (JAMO_ABBREVIATIONS.has(s)) return [s === 'ㅎㅎㅎ' ? 'ㅎㅎ' : s];
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] ?? '';
    const laugh = LAUGH_JAMO[c];
    if (laugh) {
      let j = i + 1;
      while (j < s.length && LAUGH_JAMO[s[j] ?? ''] === laugh) j++;
      out.push(laugh);
      i = j;
      continue;
    }
    const code = c.charCodeAt(0);
    const isVowel = code >= 0x314f && code <= 0x3163;
    let j = i + 1;
    while (j < s.length) {
      const n = s[j] ?? '';
      const nv = n.charCodeAt(0) >= 0x314f && n.charCodeAt(0) <= 0x3163;
      if (LAUGH_JAMO[n] || nv !== isVowel) break;
      j++;
    }
    // Other vowels are emoticons (ㅡㅡ, ㅗ); other consonants are kept as typed (ㅇ, ㄷㄷ).
    if (!isVowel) out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

interface Context {
  /** The connective the previous Korean word ended in (an auxiliary after it is not counted). */
  connective: string | null;
  /** Whether the previous word was a number or a numeral (a counter after it is not counted). */
  numeral: boolean;
  /** Whether no word has been read yet. */
  first: boolean;
  /** Whether a link or e-mail address was just removed (a particle after it, as in "… 으로", is dropped). */
  afterLink: boolean;
}

/** Whether a Hangul run right after a number is only a counter/unit and particles (시에, 만원, 개월). */
function isCounterRun(run: string): boolean {
  if (isSuffixOnly(run)) return true;
  for (let i = run.length; i >= 1; i--) {
    const stem = run.slice(0, i);
    if (!KO_COUNTERS.has(stem)) continue;
    // 3시에, 세 잔째야: the counter, an optional ordinal 째, then particles or the copula.
    const ordinal = run.slice(i).startsWith('째');
    const rest = ordinal ? run.slice(i + 1) : run.slice(i);
    if (rest === '' || isParticleChain(rest, ordinal ? '째' : stem)) return true;
  }
  return false;
}

function hangulWords(raw: string, after: Run, ctx: Context, out: string[]): void {
  const run = normalizeHangulRepeats(raw);
  if (run.length > MAX_WORD_LENGTH) {
    ctx.connective = null;
    ctx.numeral = false;
    return;
  }
  if (after === Run.Digit && isCounterRun(run)) {
    ctx.connective = null;
    ctx.numeral = true; // 3시 30분, 6시 반
    return;
  }
  if ((after === Run.Latin || ctx.afterLink) && isSuffixOnly(run)) return;
  const res = analyzeHangul(run, ctx.first);
  const drop =
    res.lemma !== null &&
    ((ctx.connective !== null && isAuxAfter(ctx.connective, res.lemma)) ||
      (ctx.numeral && (KO_COUNTERS.has(res.lemma) || isCounterRun(run))));
  if (!drop) for (const w of res.words) if (w.length <= MAX_WORD_LENGTH) out.push(w);
  ctx.connective = res.connective;
  ctx.numeral = KO_NUMERALS.has(run) || (drop && ctx.numeral);
}

/** Units written right after a number (8pm, 5km): not words. */
const LATIN_UNITS = new Set(
  'am pm min mins h hr hrs k km kg m cm mm st nd rd th x s ml l g gb mb tb kb fps p sec secs'.split(
    ' ',
  ),
);

/** The words that count in one chat message, normalised, in order, duplicates kept. */
export function tokenize(text: string): string[] {
  const s = removeLinks(normalizeText(text));
  const out: string[] = [];
  const ctx: Context = { connective: null, numeral: false, first: true, afterLink: false };
  let prev = Run.None; // the previous run in the same space-separated chunk
  let i = 0;
  while (i < s.length) {
    const code = s.codePointAt(i) ?? 0;
    let kind = classify(code);
    if (kind === Run.None) {
      const ch = String.fromCodePoint(code);
      if (OTHER_LETTER.test(ch)) kind = Run.Other;
      else {
        if (WHITESPACE.test(ch)) prev = Run.None;
        else if (ch === LINK) {
          ctx.afterLink = true;
          prev = Run.None;
        } else {
          // Punctuation, emoji and symbols end a phrase: no auxiliary or counter across them.
          ctx.connective = null;
          ctx.numeral = false;
          prev = Run.None;
        }
        i += ch.length;
        continue;
      }
    }
    // Extend the run. Latin words keep inner apostrophes (don't); numbers keep inner . , : (3.5, 7:30).
    let j = i + (code > 0xffff ? 2 : 1);
    while (j < s.length) {
      const c = s.codePointAt(j) ?? 0;
      let k = classify(c);
      if (k === Run.None && kind === Run.Other && OTHER_LETTER.test(String.fromCodePoint(c)))
        k = Run.Other;
      if (k === kind) {
        j += c > 0xffff ? 2 : 1;
        continue;
      }
      const next = classify(s.codePointAt(j + 1) ?? 0);
      if (kind === Run.Latin && (c === 0x27 || c === 0x2019) && next === Run.Latin) j++;
      else if (kind === Run.Digit && (c === 0x2e || c === 0x2c || c === 0x3a) && next === Run.Digit)
        j++;
      else break;
    }
    const raw = s.slice(i, j);
    switch (kind) {
      case Run.Hangul:
        hangulWords(raw, prev, ctx, out);
        break;
      case Run.Jamo:
        out.push(...jamoWords(raw));
        ctx.connective = null;
        ctx.numeral = false;
        break;
      case Run.Latin: {
        const unit = (prev === Run.Digit || ctx.numeral) && LATIN_UNITS.has(raw.toLowerCase());
        const w = !unit && raw.length <= MAX_WORD_LENGTH * 2 ? normalizeEnglish(raw) : null;
        if (w && w.length <= MAX_WORD_LENGTH) out.push(w);
        ctx.connective = null;
        ctx.numeral = false;
        break;
      }
      case Run.Digit:
        // Numbers are not words; they make a following counter (3 시, 2 만원) not count either.
        ctx.connective = null;
        ctx.numeral = true;
        break;
      default: {
        const w = raw.toLowerCase();
        if (w.length <= MAX_WORD_LENGTH) out.push(w);
        ctx.connective = null;
        ctx.numeral = false;
      }
    }
    prev = kind;
    ctx.first = false;
    ctx.afterLink = false;
    i = j;
  }
  return out;
}
