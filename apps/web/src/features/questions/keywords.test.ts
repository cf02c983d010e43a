import type { QuestionKeywordDto } from '@couple-chat/protocol';
import { describe, expect, it } from 'vitest';
import { countEnabled, matchKeywords, sampleWords } from './keywords';

const keyword = (id: string, ko: string, en: string, words: string[], enabled = true) =>
  ({ id, label: { ko, en }, words, enabled }) satisfies QuestionKeywordDto;
const keywords = [
  keyword('food', '음식', 'Food', ['음식', '밥', '요리']),
  keyword('travel', '여행', 'Travel', ['여행', '휴가'], false),
];

describe('matchKeywords', () => {
  it('finds a keyword by its name in either language or by one of its words', () => {
    expect(matchKeywords(keywords, '밥').map((k) => k.id)).toEqual(['food']);
    expect(matchKeywords(keywords, 'trav').map((k) => k.id)).toEqual(['travel']);
    expect(matchKeywords(keywords, ' FOOD ').map((k) => k.id)).toEqual(['food']);
  });

  it('shows every keyword for an empty search', () => {
    expect(matchKeywords(keywords, '  ')).toBe(keywords);
  });
});

describe('keywords in the list', () => {
  it('shows a few of the words and counts what is on', () => {
    expect(sampleWords(['a', 'b', 'c'], 2)).toBe('a · b…');
    expect(sampleWords(['a', 'b'])).toBe('a · b');
    expect(countEnabled(keywords)).toBe(1);
  });
});
