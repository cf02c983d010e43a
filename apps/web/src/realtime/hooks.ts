import { use, useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import type { EventFrame, RealtimeConnection, RealtimeStatus } from './connection';
import { RealtimeContext } from './RealtimeProvider';

export function useRealtimeConnection(): RealtimeConnection {
  const connection = use(RealtimeContext);
  if (!connection) throw new Error('useRealtimeConnection needs a RealtimeProvider above it');
  return connection;
}

/** The connection's state, re-rendering on every change. */
export function useRealtime(): { status: RealtimeStatus } {
  const connection = useRealtimeConnection();
  const subscribe = useCallback(
    (onChange: () => void) => connection.on('status', onChange),
    [connection],
  );
  const status = useSyncExternalStore(subscribe, () => connection.status);
  return { status };
}

/** Calls `handler` with each of the couple's events, once and in order; the latest handler wins. */
export function useCoupleEvents(handler: (frame: EventFrame) => void): void {
  const connection = useRealtimeConnection();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => connection.on('event', (frame) => latest.current(frame)), [connection]);
}

/** Whether the partner has the app open right now (and nothing more), re-rendering on change. */
export function usePartnerOnline(partnerId: string): boolean {
  const connection = useRealtimeConnection();
  const subscribe = useCallback(
    (onChange: () => void) => connection.on('presence', onChange),
    [connection],
  );
  return useSyncExternalStore(subscribe, () => connection.isOnline(partnerId));
}
