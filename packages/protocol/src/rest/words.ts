import { z } from 'zod';
import { LocalDate } from './couple.js';

/** How many words the ranking shows per partner; the user picks, and it is remembered. */
export const RANKING_SIZES = [3, 5, 10] as const;
export const RankingSize = z.union([z.literal(3), z.literal(5), z.literal(10)]);
export type RankingSize = z.infer<typeof RankingSize>;
export const DEFAULT_RANKING_SIZE: RankingSize = 5;

/** The longest word the tokenizer counts; anything longer cannot be in the ranking. */
export const WORD_MAX_LENGTH = 30;

/** One word as a user typed or tapped it; the server normalises it as the tokenizer does. */
export const WordInput = z.string().trim().min(1).max(WORD_MAX_LENGTH);

export const RankedWord = z.object({ word: z.string(), count: z.number().int().positive() });
export type RankedWord = z.infer<typeof RankedWord>;

/** GET /api/word-ranking?top= — omit `top` for the user's saved choice. */
export const WordRankingQuery = z
  .object({ top: z.coerce.number().pipe(RankingSize).optional() })
  .strict();

export const WordRankingResponse = z
  .object({
    /** The window: today and the 6 days before, in the couple's time zone. */
    from: LocalDate,
    to: LocalDate,
    timeZone: z.string(),
    top: RankingSize,
    me: z.array(RankedWord),
    partner: z.array(RankedWord),
    /** Both partners' words added up. */
    together: z.array(RankedWord),
  })
  .meta({ id: 'WordRanking' });
export type WordRankingResponse = z.infer<typeof WordRankingResponse>;

/** PUT /api/word-ranking/settings */
export const WordRankingSettings = z.object({ top: RankingSize }).strict();
export type WordRankingSettings = z.infer<typeof WordRankingSettings>;

export const ExcludedWordDto = z.object({
  word: z.string(),
  excludedBy: z.string(),
  excludedAt: z.iso.datetime(),
});
export type ExcludedWordDto = z.infer<typeof ExcludedWordDto>;

/** GET /api/excluded-words, and the answer to every change of the list. */
export const ExcludedWordsResponse = z
  .object({
    /** The couple's exclusions, most recent first. */
    words: z.array(ExcludedWordDto),
    /** Filler words offered as a one-tap set, already normalised. */
    suggested: z.array(z.string()),
  })
  .meta({ id: 'ExcludedWords' });
export type ExcludedWordsResponse = z.infer<typeof ExcludedWordsResponse>;

/** POST /api/excluded-words (exclude) and POST /api/excluded-words/restore (undo). */
export const ExcludedWordsChange = z.object({ words: z.array(WordInput).min(1).max(50) }).strict();
export type ExcludedWordsChange = z.infer<typeof ExcludedWordsChange>;
