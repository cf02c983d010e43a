import type { SearchItem, SearchResponse } from '@couple-chat/protocol';

/**
 * The results of one search and where the reader is in them. Items are newest first, so "older"
 * (▲) is the next index and "newer" (▼) the previous one.
 */
export interface SearchState {
  /** Which search the state belongs to; responses for another one are dropped. */
  key: string | null;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  error: unknown;
  items: SearchItem[];
  /** Matching messages in all, loaded or not. */
  total: number;
  /** The cursor of the next page; null once every page is in. */
  next: string | null;
  loadingMore: boolean;
  /** The result shown in the chat, as an index into `items`; null while only the list shows. */
  current: number | null;
  /** Counts every move to a result, so choosing the same one again jumps again. */
  moves: number;
  /** ▲ was pressed on the last loaded result: it moves on once the next page is in. */
  pendingOlder: boolean;
}

export type SearchAction =
  | { type: 'search'; key: string }
  | { type: 'page'; key: string; page: SearchResponse; append: boolean }
  | { type: 'failed'; key: string; error: unknown }
  /** The list scrolled to its end: the next page is wanted. */
  | { type: 'more' }
  | { type: 'select'; index: number }
  | { type: 'older' }
  | { type: 'newer' }
  | { type: 'reset' };

export const initialSearchState: SearchState = {
  key: null,
  status: 'idle',
  error: null,
  items: [],
  total: 0,
  next: null,
  loadingMore: false,
  current: null,
  moves: 0,
  pendingOlder: false,
};

/** Pages joined, each message once (a page boundary can shift when messages come or go). */
function appendItems(items: readonly SearchItem[], incoming: readonly SearchItem[]): SearchItem[] {
  const seen = new Set(items.map((item) => item.message.id));
  return [...items, ...incoming.filter((item) => !seen.has(item.message.id))];
}

const moveTo = (state: SearchState, index: number): SearchState => ({
  ...state,
  current: index,
  moves: state.moves + 1,
  pendingOlder: false,
});

function onPage(state: SearchState, page: SearchResponse, append: boolean): SearchState {
  const items = append ? appendItems(state.items, page.items) : page.items;
  const next: SearchState = {
    ...state,
    status: 'ready',
    error: null,
    items,
    // Messages sent or deleted meanwhile change the count; the newest answer knows best.
    total: Math.max(page.total, items.length),
    next: page.next,
    loadingMore: false,
    current: append ? state.current : null,
  };
  if (!append || !state.pendingOlder || state.current === null) return next;
  if (state.current + 1 < items.length) return moveTo(next, state.current + 1);
  // The page brought nothing new: keep asking while the server has more.
  return { ...next, pendingOlder: page.next !== null, loadingMore: page.next !== null };
}

export function searchReducer(state: SearchState, action: SearchAction): SearchState {
  switch (action.type) {
    case 'search':
      return { ...initialSearchState, key: action.key, status: 'loading', moves: state.moves };
    case 'page':
      return action.key === state.key ? onPage(state, action.page, action.append) : state;
    case 'failed':
      if (action.key !== state.key) return state;
      // A failed further page keeps what is shown; only a failed first page is an error screen.
      return state.status === 'ready'
        ? { ...state, loadingMore: false, pendingOlder: false, error: action.error }
        : { ...state, status: 'failed', error: action.error };
    case 'more':
      return wantsMore(state) ? { ...state, loadingMore: true, error: null } : state;
    case 'select':
      return action.index >= 0 && action.index < state.items.length
        ? moveTo(state, action.index)
        : state;
    case 'older': {
      if (state.current === null) return state.items.length > 0 ? moveTo(state, 0) : state;
      if (state.current + 1 < state.items.length) return moveTo(state, state.current + 1);
      if (state.next === null || state.status !== 'ready') return state;
      return { ...state, pendingOlder: true, loadingMore: true, error: null };
    }
    case 'newer':
      return state.current !== null && state.current > 0 ? moveTo(state, state.current - 1) : state;
    case 'reset':
      return { ...initialSearchState, moves: state.moves };
  }
}

/** Whether another page can be asked for now (there is one, and none is on its way). */
export function wantsMore(state: SearchState): boolean {
  return state.status === 'ready' && state.next !== null && !state.loadingMore;
}

/** The result shown in the chat, if any. */
export function currentItem(state: SearchState): SearchItem | null {
  return state.current === null ? null : (state.items[state.current] ?? null);
}

/** "3 of 37": the current result's place among all matches, or null when none is chosen. */
export function position(state: SearchState): { index: number; total: number } | null {
  return state.current === null ? null : { index: state.current + 1, total: state.total };
}

export function canGoOlder(state: SearchState): boolean {
  if (state.current === null) return state.items.length > 0;
  return state.current + 1 < state.items.length || state.next !== null;
}

export function canGoNewer(state: SearchState): boolean {
  return state.current !== null && state.current > 0;
}
