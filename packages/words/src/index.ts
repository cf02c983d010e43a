// @couple-chat/words: a pure, fast, Korean-first chat tokenizer for the most-used-words ranking and for
// keyword-triggered questions. No I/O at run time: the lexicon is compiled in.
import { MAX_WORD_LENGTH, tokenize } from './tokenize.js';

export { MAX_WORD_LENGTH, tokenize };

/** How often each word of `text` counts (see tokenize). */
export function countWords(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of tokenize(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/**
 * The form tokenize would produce for one word a user typed (an exclusion or a trigger keyword):
 * 음식을 → 음식, ㅋㅋㅋㅋㅋ → ㅋㅋ, Cats → cat, 먹었어 → 먹다. Null when nothing countable remains (a
 * stopword, a number, an emoji). When the input reads as several words (잘자 → 잘, 자다), the last one,
 * which carries the meaning, is returned.
 */
export function normalizeWord(input: string): string | null {
  const words = tokenize(input);
  return words.length > 0 ? (words[words.length - 1] ?? null) : null;
}

/**
 * A one-tap set of filler words to exclude from the ranking: interjections, laughter and crying,
 * intensifiers. Each is already in normalised form (normalizeWord(w) === w).
 */
export const SUGGESTED_FILLER_WORDS: readonly string[] = Object.freeze([
  '아',
  '음',
  '앗',
  '어',
  '오',
  '와',
  '헐',
  '응',
  '웅',
  '네',
  '넵',
  '흠',
  '엥',
  '헉',
  '그냥',
  '진짜',
  '정말',
  '너무',
  '좀',
  '완전',
  '엄청',
  '막',
  'ㅋㅋ',
  'ㅎㅎ',
  'ㅠㅠ',
  'ㅇㅇ',
  'ㅇㅋ',
  'ok',
  'okay',
  'lol',
  'haha',
  'yeah',
  'yes',
  'oh',
  'um',
  'uh',
  'hmm',
  'omg',
  'lmao',
  'so',
  'just',
  'really',
  'very',
  'like',
]);
