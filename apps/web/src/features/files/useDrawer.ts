import type { DrawerResponse, DrawerTab } from '@couple-chat/protocol';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { fetchDrawer } from './api';
import { nextDrawerCursor } from './drawer';
import { drawerTabQueryKey } from './keys';

type FetchPage = (
  tab: DrawerTab,
  before: string | undefined,
  signal?: AbortSignal,
) => Promise<DrawerResponse>;

/** One tab of the drawer, page after page by the server's cursor until `next` is null. */
export function drawerQuery(tab: DrawerTab, fetchPage: FetchPage = fetchDrawer) {
  return infiniteQueryOptions({
    queryKey: drawerTabQueryKey(tab),
    queryFn: ({ pageParam, signal }) => fetchPage(tab, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextDrawerCursor,
  });
}

export function useDrawer(tab: DrawerTab) {
  return useInfiniteQuery(drawerQuery(tab));
}

/** Calls `onVisible` whenever the returned element scrolls into (or near) view: the endless scroll. */
export function useSentinel<T extends Element>(onVisible: () => void, active: boolean) {
  const ref = useRef<T>(null);
  const latest = useRef(onVisible);
  latest.current = onVisible;
  useEffect(() => {
    const element = ref.current;
    if (!element || !active || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) latest.current();
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [active]);
  return ref;
}
