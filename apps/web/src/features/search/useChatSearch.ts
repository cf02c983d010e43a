import type { SearchMatch, SearchQuery } from '@couple-chat/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { currentItem } from './searchState';
import { useSearch } from './useSearch';

/** What the chat does for the search: show a message or a day, and go back to the live chat. */
export interface SearchJumps {
  showMessage(messageId: string, seq: number, matches?: readonly SearchMatch[]): Promise<void>;
  showDay(day: string): Promise<void>;
  leave(): void;
}

// From this width the list sits beside the chat and stays open while moving through results.
const wideQuery = '(min-width: 60rem)';
const isWide = () => typeof matchMedia === 'function' && matchMedia(wideQuery).matches;

/**
 * The chat's search mode: the bar replaces the header, results show in a list (over the chat on
 * phones, beside it on wide screens), and each result chosen or stepped to is shown in the chat.
 */
export function useChatSearch(jumps: SearchJumps, onLeave: () => void) {
  const [open, setOpen] = useState(false);
  const [listShown, setListShown] = useState(false);
  const [picking, setPicking] = useState(false);
  const [query, setQuery] = useState<SearchQuery | null>(null);
  const [lastDay, setLastDay] = useState<string | null>(null);
  const search = useSearch();
  const { showMessage, showDay, leave } = jumps;

  // Every move to a result (chosen, ▲ or ▼, or reached once a further page came) shows it.
  const item = currentItem(search.state);
  const { moves } = search.state;
  const shownMoves = useRef(moves);
  useEffect(() => {
    if (moves === shownMoves.current) return;
    shownMoves.current = moves;
    if (item) void showMessage(item.message.id, item.message.seq, item.matches);
  }, [moves, item, showMessage]);

  const { reset, select: selectResult, older: olderResult, newer: newerResult } = search;
  const runSearch = search.search;
  // On a phone the list covers the chat: it steps aside once a result is to be seen.
  const toChat = useCallback(() => {
    if (!isWide()) setListShown(false);
  }, []);

  return {
    open,
    listShown,
    picking,
    query,
    lastDay,
    search,
    start: useCallback(() => setOpen(true), []),
    submit: useCallback(
      (next: SearchQuery) => {
        setQuery(next);
        setListShown(true);
        runSearch(next);
      },
      [runSearch],
    ),
    select: useCallback(
      (index: number) => {
        selectResult(index);
        toChat();
      },
      [selectResult, toChat],
    ),
    older: useCallback(() => {
      olderResult();
      toChat();
    }, [olderResult, toChat]),
    newer: useCallback(() => {
      newerResult();
      toChat();
    }, [newerResult, toChat]),
    toggleList: useCallback(() => setListShown((shown) => !shown), []),
    pickDate: useCallback(() => setPicking(true), []),
    closePicker: useCallback(() => setPicking(false), []),
    pickDay: useCallback(
      (day: string) => {
        setPicking(false);
        setLastDay(day);
        toChat();
        void showDay(day);
      },
      [showDay, toChat],
    ),
    close: useCallback(() => {
      reset();
      setOpen(false);
      setListShown(false);
      setPicking(false);
      setQuery(null);
      leave();
      onLeave();
    }, [reset, leave, onLeave]),
  };
}
