import { PROTOCOL_VERSION, type ServerFrame, WsCloseCode } from '@couple-chat/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type EventFrame,
  RealtimeConnection,
  type RealtimeOptions,
  type SocketHandlers,
} from './connection';

class FakeSocket {
  readonly sent: unknown[] = [];
  closedWith: number | undefined;
  constructor(
    readonly url: string,
    readonly handlers: SocketHandlers,
  ) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number) {
    this.closedWith = code;
  }
  open() {
    this.handlers.onOpen();
  }
  receive(frame: ServerFrame | string) {
    this.handlers.onMessage(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }
  drop(code = 1006) {
    this.handlers.onClose(code);
  }
}

const at = '2026-01-01T00:00:00.000Z';
const hello = (coupleId: string | null, lastSeq = 0): ServerFrame => ({
  type: 'hello',
  protocol: PROTOCOL_VERSION,
  userId: 'u1',
  coupleId,
  lastSeq,
});
const event = (seq: number, coupleId = 'c1'): ServerFrame => ({
  type: 'event',
  coupleId,
  seq,
  at,
  event: { type: 'couple.ending_cancelled', by: 'u2' },
});

function setup(options: Partial<RealtimeOptions> = {}) {
  const sockets: FakeSocket[] = [];
  const connection = new RealtimeConnection({
    url: () => 'ws://test/ws',
    createSocket: (url, handlers) => {
      const socket = new FakeSocket(url, handlers);
      sockets.push(socket);
      return socket;
    },
    random: () => 1,
    ...options,
  });
  const statuses: string[] = [];
  const events: number[] = [];
  connection.on('status', (status) => statuses.push(status));
  connection.on('event', (frame: EventFrame) => events.push(frame.seq));
  const latest = () => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket yet');
    return socket;
  };
  return { connection, sockets, statuses, events, latest };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('RealtimeConnection', () => {
  it('is open after the hello and then asks for what follows the current seq', () => {
    const { connection, latest, statuses } = setup();
    connection.start();
    expect(connection.status).toBe('connecting');
    latest().open();
    latest().receive(hello('c1', 7));
    expect(statuses).toEqual(['connecting', 'open']);
    expect(latest().sent).toEqual([{ type: 'sync', afterSeq: 7 }]);
  });

  it('does not sync when the user is not in a couple', () => {
    const { connection, latest } = setup();
    connection.start();
    latest().open();
    latest().receive(hello(null));
    expect(latest().sent).toEqual([]);
    expect(connection.send({ type: 'ping' })).toBe(true);
  });

  it('ignores frames that are not valid JSON or not in the protocol', () => {
    const { connection, latest } = setup();
    const frames: unknown[] = [];
    connection.on('frame', (frame) => frames.push(frame));
    connection.start();
    latest().open();
    latest().receive('not json');
    latest().receive(JSON.stringify({ type: 'mystery' }));
    latest().receive(JSON.stringify({ ...hello('c1'), protocol: PROTOCOL_VERSION + 1 }));
    latest().handlers.onMessage(new ArrayBuffer(2));
    expect(frames).toEqual([]);
    expect(connection.status).toBe('connecting');
  });

  it('delivers each event once and in order, asking once to fill a gap', () => {
    const { connection, latest, events } = setup();
    connection.start();
    latest().open();
    latest().receive(hello('c1', 2));
    latest().receive(event(3));
    latest().receive(event(3));
    latest().receive(event(5));
    latest().receive(event(6));
    expect(events).toEqual([3]);
    expect(latest().sent).toEqual([
      { type: 'sync', afterSeq: 2 },
      { type: 'sync', afterSeq: 3 },
    ]);
    latest().receive(event(4));
    latest().receive(event(5));
    expect(events).toEqual([3, 4, 5, 6]);
    expect(connection.lastSeq('c1')).toBe(6);
  });

  it("ignores another couple's events", () => {
    const { connection, latest, events } = setup();
    connection.start();
    latest().open();
    latest().receive(hello('c1', 0));
    latest().receive(event(1, 'c2'));
    expect(events).toEqual([]);
  });

  it('reconnects with growing delays and resumes after the last seen seq', () => {
    const { connection, sockets, latest, events } = setup();
    connection.start();
    latest().open();
    latest().receive(hello('c1', 0));
    latest().receive(event(1));
    latest().receive(event(2));
    latest().drop();
    expect(connection.status).toBe('reconnecting');

    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    latest().drop();
    vi.advanceTimersByTime(1999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);

    latest().open();
    // The server's own count is newer, but only what this tab saw counts.
    latest().receive(hello('c1', 5));
    expect(latest().sent).toEqual([{ type: 'sync', afterSeq: 2 }]);
    latest().receive(event(2));
    latest().receive(event(3));
    expect(events).toEqual([1, 2, 3]);
    expect(connection.status).toBe('open');
  });

  it('starts again from the shortest delay after a stable connection', () => {
    const { connection, sockets, latest } = setup();
    connection.start();
    latest().drop();
    vi.advanceTimersByTime(1000);
    latest().drop();
    vi.advanceTimersByTime(2000);
    latest().open();
    vi.advanceTimersByTime(10_000);
    latest().drop();
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(4);
  });

  it('keeps growing the delay when connections drop right after opening', () => {
    const { connection, sockets, latest } = setup();
    connection.start();
    latest().open();
    latest().drop();
    vi.advanceTimersByTime(1000);
    latest().open();
    latest().drop();
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(3);
  });

  it('closes and stays closed when stopped', () => {
    const { connection, sockets, latest } = setup();
    connection.start();
    latest().open();
    const socket = latest();
    connection.stop();
    expect(socket.closedWith).toBe(1000);
    socket.drop(1000);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(connection.status).toBe('idle');
  });

  it('gives up when the server says the session is gone', () => {
    const { connection, sockets, latest } = setup();
    let unauthenticated = 0;
    connection.on('unauthenticated', () => {
      unauthenticated += 1;
    });
    connection.start();
    latest().drop(WsCloseCode.unauthenticated);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(unauthenticated).toBe(1);
    expect(connection.status).toBe('idle');
  });

  it('passes notices on and follows the new couple when the server says hello again', () => {
    const { connection, sockets, latest } = setup();
    const notices: string[] = [];
    connection.on('notice', (notice) => notices.push(notice));
    connection.start();
    latest().open();
    latest().receive(hello(null));
    latest().receive({ type: 'notice', notice: 'requests.changed' });
    latest().receive({ type: 'notice', notice: 'couple.formed' });
    latest().receive(hello('c9', 1));
    expect(notices).toEqual(['requests.changed', 'couple.formed']);
    expect(sockets).toHaveLength(1);
    expect(latest().sent).toEqual([{ type: 'sync', afterSeq: 1 }]);
  });

  it('ignores a replaced socket that reports late', () => {
    const { connection, sockets, latest, events } = setup();
    connection.start();
    const old = latest();
    old.open();
    old.receive(hello('c1', 0));
    old.drop();
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(2);
    old.receive(event(1));
    old.drop();
    expect(events).toEqual([]);
    expect(sockets).toHaveLength(2);
    expect(connection.status).toBe('reconnecting');
  });

  it('reports sockets that close before opening, since a refused handshake looks the same', () => {
    const { connection, latest } = setup();
    let refused = 0;
    connection.on('refused', () => {
      refused += 1;
    });
    connection.start();
    latest().drop();
    expect(refused).toBe(1);
    vi.advanceTimersByTime(1000);
    latest().open();
    latest().drop();
    expect(refused).toBe(1);
  });

  it('pings while open and treats long silence as a dead connection', () => {
    const { connection, sockets, latest } = setup({ pingIntervalMs: 1000 });
    connection.start();
    latest().open();
    latest().receive(hello(null));
    vi.advanceTimersByTime(1000);
    expect(latest().sent).toEqual([{ type: 'ping' }]);
    latest().receive({ type: 'pong' });
    vi.advanceTimersByTime(1000);
    expect(latest().sent).toHaveLength(2);
    vi.advanceTimersByTime(1000);
    expect(sockets[0]?.closedWith).toBe(4000);
    expect(connection.status).toBe('reconnecting');
  });

  it('retries at once when asked, e.g. back online', () => {
    const { connection, sockets, latest } = setup();
    connection.start();
    latest().drop();
    connection.retryNow();
    expect(sockets).toHaveLength(2);
    connection.retryNow();
    expect(sockets).toHaveLength(2);
  });

  it('drops the socket at once when the browser goes offline, and refuses frames until back', () => {
    const { connection, sockets, latest } = setup();
    connection.start();
    latest().open();
    latest().receive(hello('c1'));
    connection.networkLost();
    expect(sockets[0]?.closedWith).toBe(4000);
    expect(connection.status).toBe('reconnecting');
    expect(connection.send({ type: 'typing', typing: true })).toBe(false);
    connection.retryNow();
    expect(sockets).toHaveLength(2);
  });

  it('passes acks and the partner typing on to their listeners', () => {
    const { connection, latest } = setup();
    const seen: string[] = [];
    connection.on('ack', (frame) => seen.push(`ack ${frame.messageId} ${frame.seq}`));
    connection.on('typing', (frame) => seen.push(`typing ${frame.userId} ${frame.typing}`));
    connection.start();
    latest().open();
    latest().receive(hello('c1'));
    latest().receive({ type: 'message.ack', messageId: 'm1', seq: 3, at });
    latest().receive({ type: 'typing', userId: 'u2', typing: true });
    expect(seen).toEqual(['ack m1 3', 'typing u2 true']);
  });

  it('keeps going when a listener throws, reporting the error asynchronously', () => {
    const { connection, latest } = setup();
    const report = vi.spyOn(globalThis, 'queueMicrotask').mockImplementation(() => {});
    const seen: string[] = [];
    connection.on('notice', () => {
      throw new Error('broken subscriber');
    });
    connection.on('notice', (notice) => seen.push(notice));
    connection.start();
    latest().open();
    latest().receive(hello(null));
    latest().receive({ type: 'notice', notice: 'requests.changed' });
    expect(seen).toEqual(['requests.changed']);
    expect(report).toHaveBeenCalledOnce();
    report.mockRestore();
  });
});
