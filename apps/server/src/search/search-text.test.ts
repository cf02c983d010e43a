import { describe, expect, it } from 'vitest';
import { findMatches, fold, parseQuery, planTerm, textGrams } from './search-text.js';

/** The brute-force meaning of a query: every term is a substring of the folded text. */
const contains = (body: string, query: string) =>
  parseQuery(query).every((t) => fold(body).text.includes(t.text));

/** What the index says, evaluated over a message's grams the way both databases do. */
function indexSays(body: string, query: string): boolean {
  const grams = textGrams(body);
  return parseQuery(query).every((term) =>
    term.clauses.every((c) =>
      c.kind === 'prefix'
        ? grams.some((g) => g.startsWith(c.char))
        : grams.some((_, i) => c.grams.every((g, k) => grams[i + k] === g)),
    ),
  );
}

describe('fold', () => {
  it('lower-cases Latin letters, maps full-width ASCII and collapses white space, keeping offsets', () => {
    const f = fold('Hello  ＷＯＲＬＤ\n음식!');
    expect(f.text).toBe('hello world 음식!');
    expect(f.from.slice(0, 7)).toEqual([0, 1, 2, 3, 4, 5, 7]);
    expect(f.from.at(-1)).toBe('Hello  ＷＯＲＬＤ\n음식!'.length);
  });
});

describe('textGrams', () => {
  it("gives each word's bigrams, then its last character", () => {
    expect(textGrams('음식을 먹자')).toEqual(['음식', '식을', '을', '먹자', '자']);
    expect(textGrams('A, b!')).toEqual(['a', 'b']);
    expect(textGrams('ㅋㅋ 😀❤️')).toEqual(['ㅋㅋ', 'ㅋ', '😀❤', '❤\ufe0f', '\ufe0f']);
  });
});

describe('parseQuery', () => {
  it('splits words, keeps a quoted phrase whole and folds both', () => {
    expect(parseQuery('  음식 "맛있는  Pizza" 음식 ').map((t) => t.text)).toEqual([
      '음식',
      '맛있는 pizza',
    ]);
    expect(parseQuery('“오늘 저녁”').map((t) => t.text)).toEqual(['오늘 저녁']);
  });

  it('treats %, _, *, backslashes and unbalanced or empty quotes as plain characters', () => {
    expect(parseQuery('100% a_b * c\\d "" "x').map((t) => t.text)).toEqual([
      '100%',
      'a_b',
      '*',
      'c\\d',
      '""',
      '"x',
    ]);
  });

  it('plans one syllable as a prefix, two as a bigram, three as consecutive bigrams', () => {
    expect(planTerm('밥')).toMatchObject({
      clauses: [{ kind: 'prefix', char: '밥' }],
      exact: true,
    });
    expect(planTerm('음식')).toMatchObject({ clauses: [{ kind: 'phrase', grams: ['음식'] }] });
    expect(planTerm('보고싶')).toMatchObject({
      clauses: [{ kind: 'phrase', grams: ['보고', '고싶'] }],
      exact: true,
    });
    // A run followed by punctuation ends a word: its last character's own gram follows.
    expect(planTerm('진짜?')).toMatchObject({
      clauses: [{ kind: 'phrase', grams: ['진짜', '짜'] }],
      exact: false,
    });
    expect(planTerm('%')).toMatchObject({ clauses: [], exact: false });
  });
});

describe('the index agrees with substring search', () => {
  const bodies = [
    '음식을 너무 많이 시켰나봐',
    '검색어를 입력해',
    'Pizza again? We had PIZZA yesterday',
    '맛있는 음식 먹자!',
    '100% 확실해',
    '밥 먹었어? 볶음밥',
    'a_b 그리고 a-b',
    '진짜? 진짜로',
    'ㅋㅋㅋㅋ',
  ];
  const queries = [
    '음식',
    '음',
    '식을',
    '검색',
    '색어를',
    'pizza',
    'IZZ',
    'zza again',
    '"맛있는 음식"',
    '"음식 먹자!"',
    '맛있는 음식',
    '100%',
    '%',
    'a_b',
    '밥',
    '밥 먹',
    '진짜?',
    '짜로',
    'ㅋㅋㅋ',
    '"zz"',
    '없는말',
  ];
  it.each(queries)('for %s: exact terms never need the text, others are a superset', (query) => {
    for (const body of bodies) {
      const truth = contains(body, query);
      if (truth) expect(indexSays(body, query), `${query} in ${body}`).toBe(true);
      if (parseQuery(query).every((t) => t.exact))
        expect(indexSays(body, query), `${query} in ${body}`).toBe(truth);
    }
  });
});

describe('findMatches', () => {
  it('gives UTF-16 offsets into the original text, merged and sorted', () => {
    const body = 'Pizza 🍕 again? We had PIZZA';
    expect(findMatches(body, parseQuery('pizza again'))).toEqual([
      { start: 0, end: 5 },
      { start: 9, end: 14 },
      { start: 23, end: 28 },
    ]);
    expect(findMatches(body, parseQuery('"had  pizza"'))).toEqual([{ start: 19, end: 28 }]);
    expect(findMatches(body, parseQuery('pizza 없는말'))).toBeNull();
  });
});
