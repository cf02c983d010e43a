import type { RankedWord, RankingSize, WordRankingResponse } from '@couple-chat/protocol';

// A word counted once next to one counted 300 times still gets a sliver of bar, not nothing.
const minBarPercent = 3;

/** A bar's width in percent of the longest one: proportional to the count, never invisible. */
export function barPercent(count: number, max: number): number {
  if (max <= 0 || count <= 0) return 0;
  const percent = Math.round((count / max) * 1000) / 10;
  return Math.min(100, Math.max(minBarPercent, percent));
}

export interface RankedRow extends RankedWord {
  /** Equal counts share a place ("1, 2, 2, 4"), so a tie never looks like a win. */
  rank: number;
  barPercent: number;
}

/** One section's rows, in the server's order (most used first). */
export function rankedRows(words: readonly RankedWord[]): RankedRow[] {
  const max = Math.max(0, ...words.map((w) => w.count));
  let rank = 0;
  return words.map((word, index) => {
    if (index === 0 || word.count !== words[index - 1]?.count) rank = index + 1;
    return { ...word, rank, barPercent: barPercent(word.count, max) };
  });
}

export function isRankingEmpty(ranking: WordRankingResponse): boolean {
  return ranking.me.length === 0 && ranking.partner.length === 0 && ranking.together.length === 0;
}

/** The ranking without `words`: what both partners see once they are excluded. */
export function withoutWords(
  ranking: WordRankingResponse,
  words: readonly string[],
): WordRankingResponse {
  const gone = new Set(words);
  const keep = (list: RankedWord[]) => list.filter((w) => !gone.has(w.word));
  return {
    ...ranking,
    me: keep(ranking.me),
    partner: keep(ranking.partner),
    together: keep(ranking.together),
  };
}

/** What a ranking of one size shows at another until the server answers: a shorter list is exact. */
export function resized(ranking: WordRankingResponse, top: RankingSize): WordRankingResponse {
  return {
    ...ranking,
    top,
    me: ranking.me.slice(0, top),
    partner: ranking.partner.slice(0, top),
    together: ranking.together.slice(0, top),
  };
}

function formatDay(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

/** The ranking's window, each end in full: "11월 19일" / "Nov 19" (the year is always this week's). */
export function formatWindow(
  from: string,
  to: string,
  locale: string,
): { from: string; to: string } {
  return { from: formatDay(from, locale), to: formatDay(to, locale) };
}
