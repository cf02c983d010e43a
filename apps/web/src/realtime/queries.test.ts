import { PROTOCOL_VERSION, type ServerFrame } from '@couple-chat/protocol';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeConnection, type SocketHandlers } from './connection';
import { wireQueries } from './queries';

function setup() {
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
  const unwire = wireQueries(connection, queryClient);
  connection.start();
  handlers?.onOpen();
  const receive = (frame: ServerFrame) => handlers?.onMessage(JSON.stringify(frame));
  const invalidatedKeys = () =>
    invalidate.mock.calls.map(([filters]) => JSON.stringify(filters?.queryKey)).sort();
  return { connection, receive, invalidate, invalidatedKeys, unwire };
}

const hello = (coupleId: string | null): ServerFrame => ({
  type: 'hello',
  protocol: PROTOCOL_VERSION,
  userId: 'u1',
  coupleId,
  lastSeq: 0,
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('wireQueries', () => {
  it('re-reads the couple and the requests after each hello', () => {
    const { receive, invalidatedKeys } = setup();
    receive(hello(null));
    vi.advanceTimersByTime(50);
    expect(invalidatedKeys()).toEqual(['["connection-requests"]', '["couple"]']);
  });

  it('refetches once for a burst of couple events', () => {
    const { receive, invalidatedKeys, invalidate } = setup();
    receive(hello('c1'));
    vi.advanceTimersByTime(50);
    invalidate.mockClear();
    for (const seq of [1, 2, 3]) {
      receive({
        type: 'event',
        coupleId: 'c1',
        seq,
        at: '2026-01-01T00:00:00.000Z',
        event: { type: 'couple.ending_cancelled', by: 'u2' },
      });
    }
    vi.advanceTimersByTime(50);
    expect(invalidatedKeys()).toEqual(['["couple"]', '["couple-events"]']);
  });

  it('leaves messages and reads to the chat: no couple refetch for them', () => {
    const { receive, invalidatedKeys, invalidate } = setup();
    receive(hello('c1'));
    vi.advanceTimersByTime(50);
    invalidate.mockClear();
    receive({
      type: 'event',
      coupleId: 'c1',
      seq: 1,
      at: '2026-01-01T00:00:00.000Z',
      event: { type: 'read.updated', userId: 'u2', seq: 1 },
    });
    vi.advanceTimersByTime(50);
    expect(invalidatedKeys()).toEqual([]);
  });

  it('refetches requests on a notice, and everything couple-related when a couple forms', () => {
    const { receive, invalidatedKeys, invalidate } = setup();
    receive(hello(null));
    vi.advanceTimersByTime(50);
    invalidate.mockClear();
    receive({ type: 'notice', notice: 'requests.changed' });
    vi.advanceTimersByTime(50);
    expect(invalidatedKeys()).toEqual(['["connection-requests"]', '["couple"]']);
    invalidate.mockClear();
    receive({ type: 'notice', notice: 'couple.formed' });
    vi.advanceTimersByTime(50);
    expect(invalidatedKeys()).toEqual([
      '["connection-requests"]',
      '["couple"]',
      '["couple-events"]',
      '["invite","mine"]',
    ]);
  });

  it('re-checks the session when handshakes fail, at most once a minute', () => {
    let handlers: SocketHandlers | undefined;
    const connection = new RealtimeConnection({
      url: () => 'ws://test/ws',
      createSocket: (_url, h) => {
        handlers = h;
        return { send: () => {}, close: () => {} };
      },
      random: () => 1,
    });
    const queryClient = new QueryClient();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries').mockResolvedValue();
    wireQueries(connection, queryClient);
    connection.start();
    handlers?.onClose(1006);
    vi.advanceTimersByTime(1000);
    handlers?.onClose(1006);
    vi.advanceTimersByTime(50);
    expect(invalidate.mock.calls.map(([f]) => f?.queryKey)).toEqual([['me']]);
  });

  it('stops after unwiring', () => {
    const { receive, invalidate, unwire } = setup();
    unwire();
    receive(hello(null));
    vi.advanceTimersByTime(50);
    expect(invalidate).not.toHaveBeenCalled();
  });
});
