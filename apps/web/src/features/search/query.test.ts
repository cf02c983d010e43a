import { describe, expect, it } from 'vitest';
import { checkSearch, isUntilBeforeSince, noFilters, searchKey, searchParams } from './query';

const checked = (q: string, filters = noFilters) => {
  const result = checkSearch(q, filters);
  if (!result.ok) throw new Error('expected a valid search');
  return result.query;
};

describe('checkSearch', () => {
  it('does nothing for an empty or blank query', () => {
    expect(checkSearch('', noFilters)).toEqual({ ok: false, empty: true });
    expect(checkSearch('   ', { ...noFilters, from: 'me' })).toEqual({ ok: false, empty: true });
  });

  it('trims the words and leaves unset filters out', () => {
    expect(checked('  영화  ')).toEqual({ q: '영화', limit: 30 });
  });

  it('reports words over the limit as too long', () => {
    const result = checkSearch('가'.repeat(101), noFilters);
    expect(result).toMatchObject({ ok: false, empty: false, problems: { q: { code: 'too_big' } } });
  });

  it('reports an end date before the start date on the end date', () => {
    const result = checkSearch('영화', { ...noFilters, since: '2026-11-25', until: '2026-11-01' });
    if (result.ok || result.empty) throw new Error('expected problems');
    expect(isUntilBeforeSince(result.problems)).toBe(true);
  });

  it('refuses a date that does not exist', () => {
    const result = checkSearch('영화', { ...noFilters, since: '2026-02-30' });
    expect(result).toMatchObject({ ok: false, empty: false });
  });
});

describe('searchParams', () => {
  it('sends only what is set: no empty parameters', () => {
    const params = searchParams(checked('영화 "제주도 여행"'));
    expect([...params.keys()]).toEqual(['q', 'limit']);
    expect(params.get('q')).toBe('영화 "제주도 여행"');
    expect(params.toString()).not.toMatch(/=(&|$)/);
  });

  it('adds who, what, the dates and the cursor', () => {
    const query = checked('영화', {
      from: 'partner',
      kind: 'links',
      since: '2026-11-01',
      until: '2026-11-30',
    });
    const params = searchParams(query, '1234');
    expect(Object.fromEntries(params)).toEqual({
      q: '영화',
      from: 'partner',
      kind: 'links',
      since: '2026-11-01',
      until: '2026-11-30',
      before: '1234',
      limit: '30',
    });
  });

  it('leaves out a null cursor, and one open end of the date range', () => {
    const params = searchParams(checked('영화', { ...noFilters, until: '2026-11-30' }), null);
    expect(params.has('before')).toBe(false);
    expect(params.has('since')).toBe(false);
    expect(params.get('until')).toBe('2026-11-30');
  });

  it('encodes Korean, spaces, quotes and % safely', () => {
    const params = searchParams(checked('100% "맛집 추천"'));
    expect(params.toString()).toBe('q=100%25+%22%EB%A7%9B%EC%A7%91+%EC%B6%94%EC%B2%9C%22&limit=30');
    expect(new URLSearchParams(params.toString()).get('q')).toBe('100% "맛집 추천"');
  });
});

describe('searchKey', () => {
  it('is the same for the same search and differs with a filter', () => {
    expect(searchKey(checked('영화'))).toBe(searchKey(checked(' 영화 ')));
    expect(searchKey(checked('영화'))).not.toBe(
      searchKey(checked('영화', { ...noFilters, from: 'me' })),
    );
  });
});
