import type { CoupleDto } from '@couple-chat/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { formatDateTime } from '../../lib/dates';
import type { ViewerItem } from '../files/viewer';
import type { RevealRequest } from './MessageList';
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

/**
 * Shows one message in the chat (from the viewer or the drawer): older pages are read until it is
 * there, then it is scrolled to and drawn out for a moment.
 */
export function useJumpToMessage(
  chat: Pick<ReturnType<typeof useChat>, 'findMessage' | 'state'>,
  setReveal: (update: (current: RevealRequest | null) => RevealRequest) => void,
) {
  const [highlight, setHighlight] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { findMessage } = chat;

  const showMessage = useCallback(
    async (messageId: string, seq: number) => {
      setMissing(false);
      const found = await findMessage(messageId, seq);
      if (!found) {
        setMissing(true);
        return;
      }
      setReveal((r) => ({ key: messageId, request: (r?.request ?? 0) + 1 }));
      setHighlight(messageId);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setHighlight(null), highlightMs);
    },
    [findMessage, setReveal],
  );
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

  return { highlight, missing, showMessage };
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
