import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RealtimeConnection } from '../../realtime/connection';
import { useRealtimeConnection } from '../../realtime/hooks';

/** Idle this long after the last keystroke and "typing" is over. */
export const typingIdleMs = 3000;
// A lost "stopped" frame (a dropped connection) must not leave the indicator on forever.
const partnerTypingTimeoutMs = 8000;

/** Tells the partner when I start typing and when I stop (idle, sent, cleared or left). */
export function useTypingSender(connection: RealtimeConnection) {
  const typing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const stop = useCallback(() => {
    clearTimeout(timer.current);
    if (!typing.current) return;
    typing.current = false;
    connection.send({ type: 'typing', typing: false });
  }, [connection]);

  const onDraftChange = useCallback(
    (draft: string) => {
      if (draft.trim() === '') {
        stop();
        return;
      }
      if (!typing.current) typing.current = connection.send({ type: 'typing', typing: true });
      clearTimeout(timer.current);
      timer.current = setTimeout(stop, typingIdleMs);
    },
    [connection, stop],
  );

  useEffect(() => stop, [stop]);
  return useMemo(() => ({ onDraftChange, stop }), [onDraftChange, stop]);
}

/** Whether the partner is typing right now, from the typing frames they send. */
export function usePartnerTyping(partnerId: string) {
  const connection = useRealtimeConnection();
  const [typing, setTyping] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const stop = useCallback(() => {
    clearTimeout(timer.current);
    setTyping(false);
  }, []);

  useEffect(() => {
    const offTyping = connection.on('typing', (frame) => {
      if (frame.userId !== partnerId) return;
      clearTimeout(timer.current);
      setTyping(frame.typing);
      if (frame.typing) timer.current = setTimeout(() => setTyping(false), partnerTypingTimeoutMs);
    });
    // Typing is never replayed; after a drop, assume it stopped.
    const offStatus = connection.on('status', (status) => status !== 'open' && stop());
    return () => {
      offTyping();
      offStatus();
      clearTimeout(timer.current);
    };
  }, [connection, partnerId, stop]);

  return useMemo(() => ({ typing, stop }), [typing, stop]);
}
