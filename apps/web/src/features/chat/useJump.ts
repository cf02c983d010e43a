import type { CoupleDto, MessageDto, SearchMatch } from '@couple-chat/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { formatDateTime, localDateAt } from '../../lib/dates';
import type { ViewerItem } from '../files/viewer';
import type { RevealRequest } from './MessageList';
import { shownMessages } from './pastWindow';
import type { useChat } from './useChat';

// How long a message jumped to stays drawn out.
const highlightMs = 2400;

/** What the drawer hands the chat to show one message: `navigate('/', { state: { jumpTo } })`. */
export interface JumpTo {
  messageId: string;
  seq: number;
}

function jumpFromState(state: unknown): JumpTo | null {
  const jump = (state as { jumpTo?: Partial<JumpTo> } | null)?.jumpTo;
  return typeof jump?.messageId === 'string' && typeof jump.seq === 'number'
    ? { messageId: jump.messageId, seq: jump.seq }
    : null;
}

/** A search result's matched text, marked in its bubble while the search is open. */
export interface Marks {
  messageId: string;
  matches: readonly SearchMatch[];
}

type Chat = Pick<ReturnType<typeof useChat>, 'state' | 'history'>;

/**
 * Shows one message (a search result, or from the viewer or the drawer) or the start of a day:
 * when it is not on screen yet, the page around it replaces the list; then it is scrolled to and
 * drawn out for a moment. A later jump wins over one still loading.
 */
export function useJumpToMessage(
  chat: Chat,
  setReveal: (update: (current: RevealRequest | null) => RevealRequest) => void,
  timeZone: string,
) {
  const [highlight, setHighlight] = useState<string | null>(null);
  const [missing, setMissing] = useState<'message' | 'day' | null>(null);
  const [jumpError, setJumpError] = useState<unknown>(null);
  const [marks, setMarks] = useState<Marks | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const jumps = useRef(0);
  const latest = useRef(chat.state);
  latest.current = chat.state;
  const { fetchAt, openPage, backToLive } = chat.history;

  const land = useCallback(
    (key: string, messageId: string, options: Omit<RevealRequest, 'key' | 'request'>) => {
      setReveal((r) => ({ key, request: (r?.request ?? 0) + 1, ...options }));
      setHighlight(messageId);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setHighlight(null), highlightMs);
    },
    [setReveal],
  );

  /** Starts a jump; the check it returns turns false once a later jump begins. */
  const begin = useCallback(() => {
    jumps.current += 1;
    const jump = jumps.current;
    setMissing(null);
    setJumpError(null);
    return () => jump === jumps.current;
  }, []);

  const showMessage = useCallback(
    async (messageId: string, seq: number, matches?: readonly SearchMatch[]) => {
      const isCurrent = begin();
      setMarks(matches ? { messageId, matches } : null);
      const state = latest.current;
      const has = (messages: readonly MessageDto[]) => messages.some((m) => m.id === messageId);
      if (has(shownMessages(state).messages)) return land(messageId, messageId, {});
      if (has(state.messages)) {
        backToLive();
        return land(messageId, messageId, { instant: true });
      }
      try {
        const page = await fetchAt({ around: seq });
        if (!isCurrent()) return;
        if (!has(page.messages)) return setMissing('message');
        openPage(page);
        land(messageId, messageId, { instant: true });
      } catch (error) {
        if (isCurrent()) setJumpError(error);
      }
    },
    [begin, land, fetchAt, openPage, backToLive],
  );

  /** The day's first message at the top, under its date. */
  const showDay = useCallback(
    async (day: string) => {
      const isCurrent = begin();
      setMarks(null);
      try {
        const page = await fetchAt({ day });
        if (!isCurrent()) return;
        const anchor = page.messages.find((m) => m.seq === page.anchor);
        if (!anchor) return setMissing('day');
        openPage(page);
        const date = localDateAt(new Date(anchor.createdAt), timeZone);
        land(`day-${date}`, anchor.id, { instant: true, block: 'start' });
      } catch (error) {
        if (isCurrent()) setJumpError(error);
      }
    },
    [begin, land, fetchAt, openPage, timeZone],
  );

  /** Search closed: no marks, nothing loading, and the live chat again. */
  const leave = useCallback(() => {
    begin();
    setMarks(null);
    backToLive();
  }, [begin, backToLive]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const location = useLocation();
  const navigate = useNavigate();
  const { state: routeState, pathname } = location;
  const loaded = chat.state.loaded;
  useEffect(() => {
    const jump = jumpFromState(routeState);
    if (!jump || !loaded) return;
    // Once handled, the jump leaves the history entry, so a reload does not jump again.
    navigate(pathname, { replace: true, state: null });
    void showMessage(jump.messageId, jump.seq);
  }, [routeState, loaded, pathname, navigate, showMessage]);

  return { highlight, missing, jumpError, marks, showMessage, showDay, leave };
}

/** "준호 · 11월 25일 오후 9:01" for the viewer's top line. */
export function useDescribeItem(couple: CoupleDto, myId: string) {
  const { t } = useTranslation();
  return useCallback(
    (item: ViewerItem) =>
      t('lightbox.from', {
        name: item.senderId === myId ? t('lightbox.me') : couple.partner.displayName,
        time: formatDateTime(
          new Date(item.createdAt),
          t('app.locale'),
          couple.timeZone,
          new Date(),
        ),
      }),
    [t, myId, couple.partner.displayName, couple.timeZone],
  );
}
