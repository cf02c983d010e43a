import type { SearchItem, SearchResponse } from '@couple-chat/protocol';
import { describe, expect, it } from 'vitest';
import {
  canGoNewer,
  canGoOlder,
  currentItem,
  initialSearchState,
  position,
  type SearchAction,
  type SearchState,
  searchReducer,
  wantsMore,
} from './searchState';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const item = (seq: number): SearchItem => ({
  message: {
    id: id(seq),
    seq,
    senderId: 'u1',
    body: `영화 ${seq}`,
    createdAt: '2026-11-24T06:00:00.000Z',
    deletedAt: null,
    attachments: [],
  },
  matches: [{ start: 0, end: 2 }],
});
/** Results newest first: seqs from `from` down. */
const page = (seqs: number[], total: number, next: string | null): SearchResponse => ({
  total,
  items: seqs.map(item),
  next,
});
const run = (state: SearchState, ...actions: SearchAction[]) =>
  actions.reduce(searchReducer, state);
const key = 'q=영화&limit=30';
const first = (p: SearchResponse): SearchAction => ({ type: 'page', key, page: p, append: false });
const more = (p: SearchResponse): SearchAction => ({ type: 'page', key, page: p, append: true });
const seqOf = (state: SearchState) => currentItem(state)?.message.seq;

describe('searchReducer', () => {
  it('loads the first page and shows the count before any result is chosen', () => {
    const state = run(initialSearchState, { type: 'search', key }, first(page([9, 8], 37, '8')));
    expect(state.status).toBe('ready');
    expect(state.total).toBe(37);
    expect(position(state)).toBeNull();
    expect(currentItem(state)).toBeNull();
    expect(canGoOlder(state)).toBe(true);
    expect(canGoNewer(state)).toBe(false);
  });

  it('counts "n of total" while moving older (▲) and newer (▼)', () => {
    let state = run(initialSearchState, { type: 'search', key }, first(page([9, 8, 7], 3, null)));
    state = run(state, { type: 'select', index: 0 });
    expect(position(state)).toEqual({ index: 1, total: 3 });
    state = run(state, { type: 'older' }, { type: 'older' });
    expect(seqOf(state)).toBe(7);
    expect(position(state)).toEqual({ index: 3, total: 3 });
    expect(canGoOlder(state)).toBe(false);
    // Past the oldest with no further page: nothing moves.
    expect(run(state, { type: 'older' })).toBe(state);
    state = run(state, { type: 'newer' });
    expect(seqOf(state)).toBe(8);
    expect(position(state)).toEqual({ index: 2, total: 3 });
  });

  it('does not go newer than the newest result', () => {
    const state = run(initialSearchState, { type: 'search', key }, first(page([9, 8], 2, null)), {
      type: 'select',
      index: 0,
    });
    expect(canGoNewer(state)).toBe(false);
    expect(run(state, { type: 'newer' })).toBe(state);
  });

  it('▲ with no result chosen goes to the newest one', () => {
    const state = run(initialSearchState, { type: 'search', key }, first(page([9, 8], 2, null)), {
      type: 'older',
    });
    expect(seqOf(state)).toBe(9);
  });

  it('▲ on the last loaded result fetches the next page, then moves onto its first result', () => {
    let state = run(initialSearchState, { type: 'search', key }, first(page([9, 8], 4, '8')), {
      type: 'select',
      index: 1,
    });
    const moves = state.moves;
    state = run(state, { type: 'older' });
    // Still on the last loaded one, waiting for the page.
    expect(seqOf(state)).toBe(8);
    expect(state).toMatchObject({ pendingOlder: true, loadingMore: true });
    expect(state.moves).toBe(moves);
    state = run(state, more(page([5, 3], 4, null)));
    expect(seqOf(state)).toBe(5);
    expect(position(state)).toEqual({ index: 3, total: 4 });
    expect(state).toMatchObject({ pendingOlder: false, loadingMore: false, next: null });
    expect(state.moves).toBe(moves + 1);
  });

  it('keeps asking while a further page brings nothing new (a shifted boundary)', () => {
    let state = run(
      initialSearchState,
      { type: 'search', key },
      first(page([9, 8], 3, '8')),
      { type: 'select', index: 1 },
      { type: 'older' },
      // The same message again (it moved across the boundary), and more to come.
      more(page([8], 3, '8b')),
    );
    expect(seqOf(state)).toBe(8);
    expect(state).toMatchObject({ pendingOlder: true, loadingMore: true, next: '8b' });
    state = run(state, more(page([2], 3, null)));
    expect(seqOf(state)).toBe(2);
    expect(state.items.map((i) => i.message.seq)).toEqual([9, 8, 2]);
  });

  it('pages on for the endless list without moving the current result', () => {
    let state = run(initialSearchState, { type: 'search', key }, first(page([9, 8], 4, '8')), {
      type: 'select',
      index: 0,
    });
    expect(wantsMore(state)).toBe(true);
    state = run(state, { type: 'more' });
    expect(state.loadingMore).toBe(true);
    expect(wantsMore(state)).toBe(false);
    // A second "more" while one is on its way changes nothing.
    expect(run(state, { type: 'more' })).toBe(state);
    state = run(state, more(page([7, 6], 4, null)));
    expect(seqOf(state)).toBe(9);
    expect(state.items).toHaveLength(4);
    expect(wantsMore(state)).toBe(false);
  });

  it('drops the answer of an earlier search', () => {
    const state = run(
      initialSearchState,
      { type: 'search', key: 'q=old' },
      { type: 'search', key },
      { type: 'page', key: 'q=old', page: page([1], 1, null), append: false },
    );
    expect(state).toMatchObject({ status: 'loading', items: [], key });
  });

  it('a failed first page is an error; a failed further page keeps the results', () => {
    const error = new Error('down');
    const failed = run(initialSearchState, { type: 'search', key }, { type: 'failed', key, error });
    expect(failed).toMatchObject({ status: 'failed', error });

    const paging = run(
      initialSearchState,
      { type: 'search', key },
      first(page([9], 2, '9')),
      { type: 'select', index: 0 },
      { type: 'older' },
      { type: 'failed', key, error },
    );
    expect(paging).toMatchObject({
      status: 'ready',
      error,
      loadingMore: false,
      pendingOlder: false,
    });
    expect(seqOf(paging)).toBe(9);
    // ▲ again asks again.
    expect(run(paging, { type: 'older' })).toMatchObject({ pendingOlder: true, error: null });
  });

  it('counts a new total (messages came or went) but never below what is loaded', () => {
    const state = run(
      initialSearchState,
      { type: 'search', key },
      first(page([9, 8], 5, '8')),
      more(page([7, 6, 5], 1, null)),
    );
    expect(state.total).toBe(5);
  });

  it('choosing the same result again is a new move (it jumps again)', () => {
    const chosen = run(initialSearchState, { type: 'search', key }, first(page([9], 1, null)), {
      type: 'select',
      index: 0,
    });
    const again = run(chosen, { type: 'select', index: 0 });
    expect(again.moves).toBe(chosen.moves + 1);
    expect(run(chosen, { type: 'select', index: 5 })).toBe(chosen);
  });

  it('an empty result is ready with nothing to move to', () => {
    const state = run(initialSearchState, { type: 'search', key }, first(page([], 0, null)));
    expect(state).toMatchObject({ status: 'ready', total: 0 });
    expect(canGoOlder(state)).toBe(false);
    expect(run(state, { type: 'older' })).toBe(state);
  });

  it('reset forgets the results but keeps counting moves', () => {
    const chosen = run(initialSearchState, { type: 'search', key }, first(page([9], 1, null)), {
      type: 'select',
      index: 0,
    });
    const reset = run(chosen, { type: 'reset' });
    expect(reset).toMatchObject({ key: null, status: 'idle', items: [], current: null });
    expect(reset.moves).toBe(chosen.moves);
  });
});
