import type { RankingSize } from '@couple-chat/protocol';

/** Query keys of the word ranking; the realtime wiring invalidates them too. */
export const wordRankingQueryKey = ['word-ranking'] as const;
/** One ranking per size asked for; `saved` is whatever the user chose last time. */
export const rankingQueryKey = (top: RankingSize | 'saved') =>
  [...wordRankingQueryKey, top] as const;
export const excludedWordsQueryKey = ['excluded-words'] as const;
