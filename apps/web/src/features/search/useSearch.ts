import type { SearchQuery } from '@couple-chat/protocol';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { fetchSearch } from './api';
import { searchKey } from './query';
import { initialSearchState, searchReducer } from './searchState';

/** One search at a time: its first page, further pages as wanted, and moving through results. */
export function useSearch() {
  const [state, dispatch] = useReducer(searchReducer, initialSearchState);
  const query = useRef<SearchQuery | null>(null);
  const first = useRef<AbortController | null>(null);

  const search = useCallback((next: SearchQuery) => {
    first.current?.abort();
    const controller = new AbortController();
    first.current = controller;
    const key = searchKey(next);
    query.current = next;
    dispatch({ type: 'search', key });
    fetchSearch(next, null, controller.signal).then(
      (page) => dispatch({ type: 'page', key, page, append: false }),
      (error: unknown) => {
        if (!controller.signal.aborted) dispatch({ type: 'failed', key, error });
      },
    );
  }, []);

  // A further page whenever one is wanted (the list's end came into view, or ▲ passed the last).
  const { loadingMore, next, key } = state;
  useEffect(() => {
    const current = query.current;
    if (!loadingMore || next === null || key === null || !current) return;
    const controller = new AbortController();
    fetchSearch(current, next, controller.signal).then(
      (page) => dispatch({ type: 'page', key, page, append: true }),
      (error: unknown) => {
        if (!controller.signal.aborted) dispatch({ type: 'failed', key, error });
      },
    );
    return () => controller.abort();
  }, [loadingMore, next, key]);

  const reset = useCallback(() => {
    first.current?.abort();
    query.current = null;
    dispatch({ type: 'reset' });
  }, []);

  return {
    state,
    search,
    reset,
    retry: useCallback(() => query.current && search(query.current), [search]),
    more: useCallback(() => dispatch({ type: 'more' }), []),
    select: useCallback((index: number) => dispatch({ type: 'select', index }), []),
    older: useCallback(() => dispatch({ type: 'older' }), []),
    newer: useCallback(() => dispatch({ type: 'newer' }), []),
  };
}
