import { WsCloseCode } from '@couple-chat/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCouple, type SignedUp, signUp } from './support/factories.js';
import { HttpClient } from './support/http-client.js';
import {
  coupleChanges as changes,
  range,
  realtimeApp,
  realtimeVariants,
  seqs,
  sync,
} from './support/realtime.js';
import type { TestApp } from './support/test-app.js';
import { refusedHandshakeStatus, WsClient } from './support/ws-client.js';

describe.each(realtimeVariants())('WebSocket /ws on $name', (variant) => {
  const rt = realtimeApp(variant);
  let t: TestApp;
  beforeAll(() => {
    t = rt.t();
  });
  const user = () => signUp(t.baseUrl);
  const couple = () => createCouple(t.baseUrl);
  const socket = rt.socket;
  /** A second device of the same user: a fresh log-in, its own session. */
  async function secondDevice(u: SignedUp) {
    const client = new HttpClient(t.baseUrl);
    const res = await client.post('/api/sessions', {
      login: u.input.username,
      password: u.input.password,
    });
    expect(res.status).toBe(200);
    return { client };
  }

  describe('handshake', () => {
    it('refuses a connection without a session cookie with HTTP 401', async () => {
      expect(await refusedHandshakeStatus(t.baseUrl)).toBe(401);
    });

    it.each([
      ['a garbage cookie', 'cc_session=garbage'],
      ['an empty cookie', 'cc_session='],
      ['another cookie only', 'theme=dark'],
    ])('refuses %s with HTTP 401', async (_label, cookie) => {
      expect(await refusedHandshakeStatus(t.baseUrl, { cookie })).toBe(401);
    });

    it('refuses the cookie of a logged-out session with HTTP 401', async () => {
      const u = await user();
      const token = u.client.sessionCookie;
      await u.client.delete('/api/sessions/current');
      expect(await refusedHandshakeStatus(t.baseUrl, { session: token })).toBe(401);
    });

    it('refuses a foreign Origin with HTTP 403, even with a valid session', async () => {
      const u = await user();
      const status = await refusedHandshakeStatus(t.baseUrl, {
        session: u.client.sessionCookie,
        origin: 'https://evil.example',
      });
      expect(status).toBe(403);
    });

    it('accepts the same origin', async () => {
      const u = await user();
      const ws = await WsClient.connect(t.baseUrl, {
        session: u.client.sessionCookie,
        origin: t.baseUrl,
      });
      expect((await ws.next()).type).toBe('hello');
      await ws.close();
    });
  });

  describe('hello', () => {
    it('comes first, with the user and no couple while single', async () => {
      const u = await user();
      const { hello } = await socket(u);
      expect(hello).toEqual({
        type: 'hello',
        protocol: 1,
        userId: u.user.id,
        coupleId: null,
        lastSeq: 0,
      });
    });

    it("carries the couple id and where the couple's log stands", async () => {
      const c = await couple();
      await changes(c, 2);
      const { hello } = await socket(c.b);
      expect(hello).toEqual({
        type: 'hello',
        protocol: 1,
        userId: c.b.user.id,
        coupleId: c.coupleId,
        lastSeq: 3,
      });
    });
  });

  describe('sync', () => {
    it('replays the whole log in order, then synced with the last seq', async () => {
      const c = await couple();
      await changes(c, 3);
      const { ws } = await socket(c.a);
      const { events, synced } = await sync(ws, 0, 'first');
      expect(seqs(events)).toEqual([1, 2, 3, 4]);
      expect(events.every((e) => e.coupleId === c.coupleId)).toBe(true);
      expect(events[0]?.event).toEqual({ type: 'couple.connected', by: c.b.user.id });
      expect(events[1]?.event).toEqual({
        type: 'couple.updated',
        by: c.a.user.id,
        startDate: '2024-01-10',
      });
      expect(synced).toEqual({ type: 'synced', id: 'first', lastSeq: 4 });
      // The replay matches the REST history exactly.
      const history = (await c.a.client.get('/api/couple/events')).body.events;
      expect(events.map(({ type: _t, coupleId: _c, ...e }) => e)).toEqual(history);
    });

    it('then delivers live events in seq order, once each, to both partners and every device', async () => {
      const c = await couple();
      const receivers = [
        (await socket(c.a)).ws,
        (await socket(c.b)).ws,
        (await socket(await secondDevice(c.a))).ws,
      ];
      for (const ws of receivers) expect(seqs((await sync(ws, 0)).events)).toEqual([1]);
      await changes(c, 6);
      await c.b.client.post('/api/couple/ending');
      await c.a.client.delete('/api/couple/ending');
      for (const ws of receivers) {
        await ws.next('event', (e) => e.seq === 9);
        expect(seqs(ws.events())).toEqual(range(1, 9));
        expect(ws.events().at(-1)?.event).toEqual({
          type: 'couple.ending_cancelled',
          by: c.a.user.id,
        });
      }
    });

    it('resumes after a reconnect with exactly the events missed, then live ones', async () => {
      const c = await couple();
      await changes(c, 2);
      const first = (await socket(c.a)).ws;
      expect(seqs((await sync(first, 0)).events)).toEqual([1, 2, 3]);
      await first.close();

      await changes(c, 4); // seq 4..7 while a is away
      const { ws, hello } = await socket(c.a);
      expect(hello.lastSeq).toBe(7);
      const { events, synced } = await sync(ws, 3);
      expect(seqs(events)).toEqual([4, 5, 6, 7]);
      expect(synced.lastSeq).toBe(7);
      await changes(c, 1);
      await ws.next('event', (e) => e.seq === 8);
      expect(seqs(ws.events())).toEqual([4, 5, 6, 7, 8]);
    });

    it('replays nothing when already up to date', async () => {
      const c = await couple();
      const { ws } = await socket(c.b);
      const { events, synced } = await sync(ws, 1);
      expect(events).toEqual([]);
      expect(synced.lastSeq).toBe(1);
    });

    it('answers a sync while single with an error not_in_couple carrying the id', async () => {
      const u = await user();
      const { ws } = await socket(u);
      ws.send({ type: 'sync', id: 'x1', afterSeq: 0 });
      expect(await ws.next('error')).toMatchObject({ id: 'x1', code: 'not_in_couple' });
      expect(ws.isOpen).toBe(true);
    });

    it('sends no events before the client asks to sync', async () => {
      const c = await couple();
      const { ws } = await socket(c.a);
      await changes(c, 2);
      const { events } = await sync(ws, 0);
      expect(seqs(events)).toEqual([1, 2, 3]);
      expect(seqs(ws.events())).toEqual([1, 2, 3]);
    });
  });

  describe('ping', () => {
    it('answers pong with the same id, or none', async () => {
      const u = await user();
      const { ws } = await socket(u);
      ws.send({ type: 'ping', id: 'p-42' });
      expect(await ws.next('pong')).toEqual({ type: 'pong', id: 'p-42' });
      ws.send({ type: 'ping' });
      expect(await ws.next('pong')).toEqual({ type: 'pong' });
    });
  });

  describe('bad frames', () => {
    it.each([
      ['malformed JSON', '{"type": "ping"', false],
      ['JSON that is not an object', '42', false],
      ['an unknown frame type', JSON.stringify({ type: 'message.send', body: 'hi' }), false],
      ['an extra key', JSON.stringify({ type: 'ping', id: 'a', admin: true }), false],
      ['a negative afterSeq', JSON.stringify({ type: 'sync', afterSeq: -1 }), false],
      ['an over-long id', JSON.stringify({ type: 'ping', id: 'x'.repeat(65) }), false],
      ['a binary frame', JSON.stringify({ type: 'ping', id: 'bin' }), true],
    ])('answers %s with error validation_failed and stays open', async (_label, data, binary) => {
      const c = await couple();
      const { ws } = await socket(c.a);
      ws.sendRaw(binary ? Buffer.from(data) : data, binary);
      const error = await ws.next('error');
      expect(error.code).toBe('validation_failed');
      expect(error.message).toEqual(expect.any(String));
      expect(ws.frames.some((f) => f.type === 'pong' || f.type === 'synced')).toBe(false);
      expect(await ws.roundTrip('after')).toEqual({ type: 'pong', id: 'after' });
      expect(ws.isOpen).toBe(true);
    });

    it('closes the connection with 1009 on a frame over 64 KiB', async () => {
      const u = await user();
      const { ws } = await socket(u);
      ws.sendRaw(JSON.stringify({ type: 'ping', id: 'x'.repeat(64 * 1024) }));
      expect((await ws.closed()).code).toBe(WsCloseCode.tooLarge);
    });
  });

  describe('couple isolation', () => {
    it("never delivers one couple's events or notices to another couple's sockets", async () => {
      const couples = await Promise.all([couple(), couple()]);
      const watchers = await Promise.all(
        couples.flatMap((c) => [c.a, c.b].map(async (u) => ({ c, ws: (await socket(u)).ws }))),
      );
      for (const { ws } of watchers) await sync(ws, 0);
      await Promise.all(couples.map((c) => changes(c, 5)));
      await couples[1]?.a.client.post('/api/couple/ending');
      for (const { c, ws } of watchers) {
        const last = c === couples[1] ? 7 : 6;
        await ws.next('event', (e) => e.seq === last);
        expect(seqs(ws.events())).toEqual(range(1, last));
        for (const frame of ws.frames) {
          if (frame.type === 'event' || frame.type === 'hello') {
            expect(frame.coupleId).toBe(c.coupleId);
          }
        }
        const ids = [c.a.user.id, c.b.user.id];
        for (const e of ws.events()) expect(ids).toContain((e.event as { by?: string }).by);
        expect(ws.frames.filter((f) => f.type === 'notice')).toEqual([]);
      }
    });
  });
});
