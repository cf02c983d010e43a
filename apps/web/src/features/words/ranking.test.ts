import type { WordRankingResponse } from '@couple-chat/protocol';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import {
  barPercent,
  formatWindow,
  isRankingEmpty,
  rankedRows,
  resized,
  withoutWords,
} from './ranking';

const ranking: WordRankingResponse = {
  from: '2026-11-19',
  to: '2026-11-25',
  timeZone: 'Asia/Seoul',
  top: 5,
  me: [
    { word: '음식', count: 12 },
    { word: '영화', count: 6 },
    { word: '내일', count: 3 },
  ],
  partner: [{ word: '영화', count: 2 }],
  together: [
    { word: '음식', count: 12 },
    { word: '영화', count: 8 },
    { word: '내일', count: 3 },
  ],
};

describe('barPercent', () => {
  it('is proportional to the largest count of the section', () => {
    expect(barPercent(12, 12)).toBe(100);
    expect(barPercent(6, 12)).toBe(50);
    expect(barPercent(1, 3)).toBe(33.3);
  });

  it('keeps a sliver for a tiny count and nothing for none', () => {
    expect(barPercent(1, 300)).toBe(3);
    expect(barPercent(0, 10)).toBe(0);
    expect(barPercent(5, 0)).toBe(0);
  });
});

describe('rankedRows', () => {
  it('measures each bar against the first (largest) word', () => {
    expect(rankedRows(ranking.me).map((row) => row.barPercent)).toEqual([100, 50, 25]);
  });

  it('gives equal counts the same place and skips the places they take', () => {
    const rows = rankedRows([
      { word: 'a', count: 5 },
      { word: 'b', count: 3 },
      { word: 'c', count: 3 },
      { word: 'd', count: 1 },
    ]);
    expect(rows.map((row) => row.rank)).toEqual([1, 2, 2, 4]);
  });

  it('is empty for an empty section', () => {
    expect(rankedRows([])).toEqual([]);
  });
});

describe('withoutWords', () => {
  it('drops an excluded word from every section', () => {
    const next = withoutWords(ranking, ['영화']);
    expect(next.me.map((w) => w.word)).toEqual(['음식', '내일']);
    expect(next.partner).toEqual([]);
    expect(next.together.map((w) => w.word)).toEqual(['음식', '내일']);
    expect(next.from).toBe(ranking.from);
  });
});

describe('resized', () => {
  it('cuts every section to a smaller size at once', () => {
    const next = resized(ranking, 3);
    expect(next.top).toBe(3);
    expect(resized({ ...ranking, top: 10 }, 3).me).toHaveLength(3);
  });

  it('keeps what it has for a larger size until the server sends more', () => {
    expect(resized(ranking, 10).together).toHaveLength(3);
  });
});

describe('isRankingEmpty', () => {
  it('is true only when no section has a word', () => {
    expect(isRankingEmpty(ranking)).toBe(false);
    expect(isRankingEmpty({ ...ranking, me: [], partner: [], together: [] })).toBe(true);
  });
});

describe('formatWindow', () => {
  it('writes both ends in the reader’s language', () => {
    expect(formatWindow('2026-11-19', '2026-11-25', 'ko')).toEqual({
      from: '11월 19일',
      to: '11월 25일',
    });
    expect(formatWindow('2026-11-19', '2026-11-25', 'en')).toEqual({
      from: 'Nov 19',
      to: 'Nov 25',
    });
  });

  it('does not move a date with the browser’s time zone', () => {
    expect(formatWindow('2026-12-26', '2027-01-01', 'ko').to).toBe('1월 1일');
  });

  it('reads as a range with the dictionary', () => {
    const range = formatWindow('2026-11-19', '2026-11-25', 'ko');
    expect(i18n.getFixedT('ko')('words.range', range)).toBe('11월 19일 – 11월 25일');
  });
});
