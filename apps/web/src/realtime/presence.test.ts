import { PROTOCOL_VERSION, type ServerFrame } from '@couple-chat/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeConnection, type SocketHandlers } from './connection';
import { PresenceBook, presenceTtlMs } from './presence';

describe('PresenceBook', () => {
  it('is online while one connection was announced within the TTL', () => {
    const book = new PresenceBook();
    expect(book.isOnline('p')).toBe(false);
    expect(book.apply('p', 'c1', true, 0)).toBe(true);
    expect(book.isOnline('p')).toBe(true);
    // A second connection, then a re-announcement: no change either way.
    expect(book.apply('p', 'c2', true, 10_000)).toBe(false);
    expect(book.apply('p', 'c1', true, 30_000)).toBe(false);
    expect(book.nextExpiry()).toBe(10_000 + presenceTtlMs);
    expect(book.expire(10_000 + presenceTtlMs - 1)).toBe(false);
    // c2 ages out; c1 was re-announced and stays.
    expect(book.expire(10_000 + presenceTtlMs)).toBe(true);
    expect(book.isOnline('p')).toBe(true);
    expect(book.expire(30_000 + presenceTtlMs)).toBe(true);
    expect(book.isOnline('p')).toBe(false);
    expect(book.nextExpiry()).toBeUndefined();
  });

  it('goes offline only when the last connection says so', () => {
    const book = new PresenceBook();
    book.apply('p', 'c1', true, 0);
    book.apply('p', 'c2', true, 0);
    expect(book.apply('p', 'c1', false, 1)).toBe(false);
    expect(book.isOnline('p')).toBe(true);
    expect(book.apply('p', 'c2', false, 2)).toBe(true);
    expect(book.isOnline('p')).toBe(false);
    // An offline for a connection never seen changes nothing.
    expect(book.apply('p', 'c3', false, 3)).toBe(false);
  });

  it('keeps users apart and forgets everything on clear', () => {
    const book = new PresenceBook();
    book.apply('p', 'c1', true, 0);
    expect(book.isOnline('someone else')).toBe(false);
    expect(book.clear()).toBe(true);
    expect(book.isOnline('p')).toBe(false);
    expect(book.clear()).toBe(false);
  });
});

describe('RealtimeConnection presence', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup() {
    let handlers: SocketHandlers | undefined;
    const connection = new RealtimeConnection({
      url: () => 'ws://test/ws',
      createSocket: (_url, h) => {
        handlers = h;
        // The server answers pings, so the socket stays up while the partner goes quiet.
        const send = (data: string) =>
          JSON.parse(data).type === 'ping' && h.onMessage(JSON.stringify({ type: 'pong' }));
        return { send, close() {} };
      },
      random: () => 1,
    });
    let changes = 0;
    connection.on('presence', () => {
      changes += 1;
    });
    const receive = (frame: ServerFrame) => handlers?.onMessage(JSON.stringify(frame));
    const hello = () =>
      receive({
        type: 'hello',
        protocol: PROTOCOL_VERSION,
        userId: 'me',
        coupleId: 'c',
        lastSeq: 0,
      });
    const presence = (connectionId: string, online: boolean) =>
      receive({ type: 'presence', userId: 'partner', connectionId, online });
    connection.start();
    handlers?.onOpen();
    hello();
    return {
      connection,
      hello,
      presence,
      drop: () => handlers?.onClose(1006),
      changes: () => changes,
    };
  }

  it('announces, expires after 75 s without re-announcement, and goes offline', () => {
    const s = setup();
    expect(s.connection.isOnline('partner')).toBe(false);
    s.presence('x', true);
    expect(s.connection.isOnline('partner')).toBe(true);
    expect(s.changes()).toBe(1);

    // Re-announced every 30 s: stays online well past 75 s.
    for (let i = 0; i < 4; i++) {
      vi.advanceTimersByTime(30_000);
      s.presence('x', true);
    }
    expect(s.connection.isOnline('partner')).toBe(true);
    expect(s.changes()).toBe(1);

    // Silence (the instance died): online until 75 s, offline at 75 s.
    vi.advanceTimersByTime(presenceTtlMs - 1);
    expect(s.connection.isOnline('partner')).toBe(true);
    vi.advanceTimersByTime(1);
    expect(s.connection.isOnline('partner')).toBe(false);
    expect(s.changes()).toBe(2);

    s.presence('y', true);
    s.presence('y', false);
    expect(s.connection.isOnline('partner')).toBe(false);
    expect(s.changes()).toBe(4);
  });

  it('forgets the partner on a new hello and when the socket drops', () => {
    const s = setup();
    s.presence('x', true);
    s.hello();
    expect(s.connection.isOnline('partner')).toBe(false);
    expect(s.changes()).toBe(2);

    s.presence('x', true);
    s.drop();
    expect(s.connection.isOnline('partner')).toBe(false);
    expect(s.changes()).toBe(4);
    // No stray expiry timer fires later.
    vi.advanceTimersByTime(presenceTtlMs * 2);
    expect(s.changes()).toBe(4);
  });
});
