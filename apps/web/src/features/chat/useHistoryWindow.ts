import type { MessagesResponse } from '@couple-chat/protocol';
import { type Dispatch, useCallback, useMemo, useRef, useState } from 'react';
import { isApiError } from '../../api/client';
import { fetchMessages, fetchMessagesAt, type PagePlace } from './api';
import type { ChatAction, ChatState } from './chatState';
import { shownMessages } from './pastWindow';

/**
 * Paging through history around what the list shows: older pages (live chat or a window in the
 * past), newer pages below a window, and opening a window at a search result or a day.
 */
export function useHistoryWindow(
  state: ChatState,
  dispatch: Dispatch<ChatAction>,
  loadBackTo: (createdAt: string) => Promise<void>,
  onError: (error: unknown) => void,
) {
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [loadingNewer, setLoadingNewer] = useState(false);
  // Scroll events can outrun the re-render that says a page is on its way: one request per edge.
  const asking = useRef({ older: -1, newer: -1 });
  const { past, messages, hasMore } = state;
  const shown = useMemo(
    () => shownMessages({ past, messages, hasMore }),
    [past, messages, hasMore],
  );
  const oldestSeq = shown.messages[0]?.seq;
  const newestSeq = shown.messages.at(-1)?.seq;
  const { live } = shown;

  const loadOlder = useCallback(async () => {
    if (oldestSeq === undefined || asking.current.older === oldestSeq) return;
    asking.current.older = oldestSeq;
    setLoadingOlder(true);
    try {
      const page = await fetchMessages(oldestSeq);
      const { messages, hasMore } = page;
      dispatch(
        live
          ? { type: 'page', messages, hasMore, older: true }
          : { type: 'past.older', edge: oldestSeq, messages, hasMore },
      );
      const oldest = messages[0];
      if (oldest) void loadBackTo(oldest.createdAt);
    } catch (error) {
      if (!isApiError(error, 'network_error')) onError(error);
    } finally {
      asking.current.older = -1;
      setLoadingOlder(false);
    }
  }, [oldestSeq, live, dispatch, loadBackTo, onError]);

  const loadNewer = useCallback(async () => {
    if (live || newestSeq === undefined || asking.current.newer === newestSeq) return;
    asking.current.newer = newestSeq;
    setLoadingNewer(true);
    try {
      const page = await fetchMessagesAt({ after: newestSeq });
      dispatch({
        type: 'past.newer',
        edge: newestSeq,
        messages: page.messages,
        hasNewer: page.hasNewer ?? false,
      });
    } catch (error) {
      if (!isApiError(error, 'network_error')) onError(error);
    } finally {
      asking.current.newer = -1;
      setLoadingNewer(false);
    }
  }, [newestSeq, live, dispatch, onError]);

  /** Fetches the page around a seq or a day; `openPage` then shows it (unless a later jump won). */
  const fetchAt = useCallback(
    (place: Exclude<PagePlace, { after: number }>) => fetchMessagesAt(place),
    [],
  );

  const openPage = useCallback(
    (page: MessagesResponse) => {
      dispatch({
        type: 'past.open',
        messages: page.messages,
        hasMore: page.hasMore,
        hasNewer: page.hasNewer ?? false,
      });
      const oldest = page.messages[0];
      if (oldest) void loadBackTo(oldest.createdAt);
    },
    [dispatch, loadBackTo],
  );

  const backToLive = useCallback(() => dispatch({ type: 'past.close' }), [dispatch]);

  return {
    shown,
    loadingOlder,
    loadOlder,
    loadingNewer,
    loadNewer,
    fetchAt,
    openPage,
    backToLive,
  };
}
