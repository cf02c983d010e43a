// For tests: the realtime wiring over a fake socket, to see which queries an event refetches.
import { type CoupleEventPayload, PROTOCOL_VERSION, type ServerFrame } from '@couple-chat/protocol';
import { QueryClient } from '@tanstack/react-query';
import { vi } from 'vitest';
import { RealtimeConnection, type SocketHandlers } from './connection';
import { wireQueries } from './queries';

/** A connected, synced connection whose `event()` delivers a couple event; needs fake timers. */
export function wiredQueries() {
  let handlers: SocketHandlers | undefined;
  const connection = new RealtimeConnection({
    url: () => 'ws://test/ws',
    createSocket: (_url, h) => {
      handlers = h;
      return { send: () => {}, close: () => {} };
    },
  });
  const queryClient = new QueryClient();
  const invalidate = vi.spyOn(queryClient, 'invalidateQueries').mockResolvedValue();
  wireQueries(connection, queryClient);
  connection.start();
  handlers?.onOpen();
  const receive = (frame: ServerFrame) => handlers?.onMessage(JSON.stringify(frame));
  receive({ type: 'hello', protocol: PROTOCOL_VERSION, userId: 'u1', coupleId: 'c1', lastSeq: 0 });
  vi.advanceTimersByTime(50);
  invalidate.mockClear();
  let seq = 0;
  const event = (payload: CoupleEventPayload) => {
    seq += 1;
    receive({ type: 'event', coupleId: 'c1', seq, at: '2026-11-25T10:00:00.000Z', event: payload });
  };
  /** The query keys invalidated so far, as JSON, sorted. */
  const invalidatedKeys = () =>
    invalidate.mock.calls.map(([filters]) => JSON.stringify(filters?.queryKey)).sort();
  return { event, invalidatedKeys };
}
