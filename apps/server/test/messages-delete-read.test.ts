import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCouple, signUp, type TestCouple } from './support/factories.js';
import {
  chatRows,
  deleteRefused,
  eventsThrough,
  framesOf,
  messageVariants,
  secondDevice,
  sendOk,
  uniqueText,
} from './support/messages.js';
import { chattingCouple, realtimeApp, seqs, sync } from './support/realtime.js';
import type { TestApp } from './support/test-app.js';
import type { WsClient } from './support/ws-client.js';

describe.each(messageVariants())('chat messages on $name: delete, read, typing', (variant) => {
  const rt = realtimeApp(variant);
  let t: TestApp;
  beforeAll(() => {
    t = rt.t();
  });
  const chat = () => chattingCouple(rt);
  const eventTypes = (ws: WsClient) => ws.events().map((e) => e.event.type);

  describe('message.delete', () => {
    it("erases the text everywhere: the message, the replayed log and the log's rows", async () => {
      const { c, a, b } = await chat();
      const secret = uniqueText('a secret');
      const sent = await sendOk(a, secret);
      const kept = await sendOk(b, 'kept');
      t.clock.advance(90_000);
      a.send({ type: 'message.delete', messageId: sent.messageId });
      for (const ws of [a, b]) {
        const events = await eventsThrough(ws, 4);
        expect(events.at(-1)).toMatchObject({
          seq: 4,
          at: new Date(t.clock.now()).toISOString(),
          event: { type: 'message.deleted', id: sent.messageId, by: c.a.user.id },
        });
      }
      const deletedAt = new Date(t.clock.now()).toISOString();
      const tombstone = {
        id: sent.messageId,
        seq: sent.seq,
        senderId: c.a.user.id,
        body: null,
        createdAt: sent.at,
        deletedAt,
        attachments: [],
      };
      const history = (await c.b.client.get('/api/messages')).body;
      expect(history.messages).toEqual([
        tombstone,
        expect.objectContaining({ id: kept.messageId, body: 'kept', deletedAt: null }),
      ]);

      // A fresh replay shows the original event as a tombstone, then the deletion.
      const { ws: fresh } = await rt.socket(c.b);
      const replay = await sync(fresh, 0);
      expect(seqs(replay.events)).toEqual([1, 2, 3, 4]);
      expect(replay.events[1]?.event).toEqual({ type: 'message.created', message: tombstone });
      expect(JSON.stringify(replay.events)).not.toContain(secret);
      const rest = (await c.a.client.get('/api/couple/events')).body.events;
      expect(JSON.stringify(rest)).not.toContain(secret);

      const rows = await chatRows(t, c.coupleId);
      expect(rows.events.map((e) => e.payload).join('\n')).not.toContain(secret);
      expect(rows.messages.map((m) => m.body)).toEqual([null, 'kept']);
      const anywhere = await t.database.db
        .selectFrom('couple_events')
        .select('seq')
        .where('payload', 'like', `%${secret.split(' ').at(-1)}%`)
        .execute();
      expect(anywhere).toEqual([]);
    });

    it('is a no-op the second time, and a resend of its id gets the original ack', async () => {
      const { c, a, b } = await chat();
      const sent = await sendOk(a, 'regret');
      a.send({ type: 'message.delete', messageId: sent.messageId });
      await eventsThrough(b, 3);
      const before = await chatRows(t, c.coupleId);
      t.clock.advance(1000);
      a.send({ type: 'message.delete', messageId: sent.messageId });
      // Actions on a socket run in order: once this resend is acked, the delete is done.
      expect(await sendOk(a, 'regret', sent.messageId)).toEqual(sent);
      expect(await sendOk(a, 'something else', sent.messageId)).toEqual(sent);
      const barrier = await sendOk(a, 'barrier');
      expect(barrier.seq).toBe(4);
      await eventsThrough(b, 4);
      expect(eventTypes(b)).toEqual([
        'couple.connected',
        'message.created',
        'message.deleted',
        'message.created',
      ]);
      expect(framesOf(a, 'error')).toEqual([]);
      const after = await chatRows(t, c.coupleId);
      expect(after.messages[0]).toEqual(before.messages[0]);
      expect(after.messages.map((m) => m.body)).toEqual([null, 'barrier']);
      expect(after.events.slice(0, 3)).toEqual(before.events);
    });

    it("refuses deleting the partner's message with not_your_message, changing nothing", async () => {
      const { c, a, b } = await chat();
      const sent = await sendOk(a, 'mine to delete');
      const before = await chatRows(t, c.coupleId);
      const error = await deleteRefused(b, sent.messageId);
      expect(error).toMatchObject({ code: 'not_your_message', messageId: sent.messageId });
      expect(await chatRows(t, c.coupleId)).toEqual(before);
      expect((await c.b.client.get('/api/messages')).body.messages[0].body).toBe('mine to delete');
    });

    it('answers an unknown id, or one of another couple, with not_found', async () => {
      const { c, a } = await chat();
      const other = await chat();
      const theirs = await sendOk(other.a, 'not yours');
      const before = await chatRows(t, c.coupleId);
      for (const messageId of [randomUUID(), theirs.messageId]) {
        expect(await deleteRefused(a, messageId)).toMatchObject({ code: 'not_found', messageId });
      }
      expect(await chatRows(t, c.coupleId)).toEqual(before);
      const stillThere = await chatRows(t, other.c.coupleId);
      expect(stillThere.messages.map((m) => m.body)).toEqual(['not yours']);
    });

    it('answers a single user with not_in_couple', async () => {
      const u = await signUp(t.baseUrl);
      const { ws } = await rt.socket(u);
      const messageId = randomUUID();
      expect(await deleteRefused(ws, messageId)).toMatchObject({ code: 'not_in_couple' });
    });
  });

  describe('read positions', () => {
    let shared: Promise<TestCouple> | undefined;
    const positions = async (c: Awaited<ReturnType<typeof chat>>['c']) => {
      const res = await c.a.client.get('/api/read-positions');
      expect(res.status).toBe(200);
      return res.body.positions;
    };

    it('moves forward only, tells both partners, and clamps to the end of the log', async () => {
      const { c, a, b } = await chat();
      expect(await positions(c)).toEqual([]);
      for (let i = 0; i < 3; i++) await sendOk(a, `m${i}`); // seq 2..4
      b.send({ type: 'read', seq: 3 });
      for (const ws of [a, b]) {
        const events = await eventsThrough(ws, 5);
        expect(events.at(-1)?.event).toEqual({
          type: 'read.updated',
          userId: c.b.user.id,
          seq: 3,
        });
      }
      expect(await positions(c)).toEqual([{ userId: c.b.user.id, seq: 3 }]);

      // Backwards or the same: nothing logged. The next send proves those frames were handled.
      b.send({ type: 'read', seq: 2 });
      b.send({ type: 'read', seq: 3 });
      const barrier = await sendOk(b, 'barrier');
      expect(barrier.seq).toBe(6);
      await eventsThrough(a, 6);
      expect(seqs(a.events())).toEqual([1, 2, 3, 4, 5, 6]);
      expect(await positions(c)).toEqual([{ userId: c.b.user.id, seq: 3 }]);

      // Past the end: clamped to the last seq there is.
      a.send({ type: 'read', seq: 10_000 });
      for (const ws of [a, b]) {
        const events = await eventsThrough(ws, 7);
        expect(events.at(-1)?.event).toEqual({
          type: 'read.updated',
          userId: c.a.user.id,
          seq: 6,
        });
      }
      const sorted = (await positions(c)).sort(
        (x: { seq: number }, y: { seq: number }) => x.seq - y.seq,
      );
      expect(sorted).toEqual([
        { userId: c.b.user.id, seq: 3 },
        { userId: c.a.user.id, seq: 6 },
      ]);
      // "Read to the end" again after the read events: the newest message is still 6, so nothing
      // new is logged and the partners' clients cannot ping-pong read events.
      a.send({ type: 'read', seq: 10_000 });
      const after = await sendOk(a, 'after reads'); // same socket: handled after the read
      expect(after.seq).toBe(8);
      const rows = await chatRows(t, c.coupleId);
      expect(rows.events.map((e) => e.type)).toEqual([
        'couple.connected',
        'message.created',
        'message.created',
        'message.created',
        'read.updated',
        'message.created',
        'read.updated',
        'message.created',
      ]);
      expect(framesOf(a, 'error')).toEqual([]);
      expect(framesOf(b, 'error')).toEqual([]);
    });

    it.each([
      ['zero', { seq: 0 }],
      ['a fraction', { seq: 1.5 }],
      ['a string', { seq: '3' }],
      ['an extra key', { seq: 1, userId: 'x' }],
    ])('refuses a read with %s as validation_failed', async (_label, fields) => {
      shared ??= createCouple(t.baseUrl);
      const c = await shared;
      const { ws: a } = await rt.socket(c.a);
      a.send({ type: 'read', ...fields });
      expect((await a.next('error')).code).toBe('validation_failed');
      expect(await positions(c)).toEqual([]);
    });

    it('answers GET /api/read-positions with 409 while single and 401 without a session', async () => {
      const u = await signUp(t.baseUrl);
      const single = await u.client.get('/api/read-positions');
      expect(single.status).toBe(409);
      expect(single.body.error.code).toBe('not_in_couple');
      const anonymous = await fetch(`${t.baseUrl}/api/read-positions`);
      expect(anonymous.status).toBe(401);
    });
  });

  describe('typing', () => {
    it("reaches only the partner's sockets and is never logged", async () => {
      const { c, a, b } = await chat();
      const a2 = (await rt.socket(await secondDevice(t, c.a))).ws;
      const b2 = (await rt.socket(await secondDevice(t, c.b))).ws; // never synced: typing still arrives
      const before = await chatRows(t, c.coupleId);
      a.send({ type: 'typing', typing: true });
      for (const ws of [b, b2]) {
        expect(await ws.next('typing')).toEqual({
          type: 'typing',
          userId: c.a.user.id,
          typing: true,
        });
      }
      // The partner's reply travels the same topic after a's: once it arrives, a's would have too.
      b.send({ type: 'typing', typing: false });
      for (const ws of [a, a2]) {
        expect(await ws.next('typing')).toEqual({
          type: 'typing',
          userId: c.b.user.id,
          typing: false,
        });
        expect(framesOf(ws, 'typing')).toHaveLength(1);
      }
      expect(framesOf(b, 'typing')).toHaveLength(1);
      expect(await chatRows(t, c.coupleId)).toEqual(before);
      expect(seqs(a.events())).toEqual([1]);
    });

    it("never reaches another couple's sockets", async () => {
      const one = await chat();
      const two = await chat();
      one.a.send({ type: 'typing', typing: true });
      await one.b.next('typing');
      two.a.send({ type: 'typing', typing: true });
      await two.b.next('typing');
      for (const ws of [one.a, one.b, two.a, two.b]) {
        expect(framesOf(ws, 'typing')).toHaveLength(ws === one.a || ws === two.a ? 0 : 1);
      }
      expect(framesOf(two.b, 'typing')[0]?.userId).toBe(two.c.a.user.id);
    });

    it('is dropped silently for a single user', async () => {
      const u = await signUp(t.baseUrl);
      const { ws } = await rt.socket(u);
      ws.send({ type: 'typing', typing: true });
      expect(await ws.roundTrip('after')).toEqual({ type: 'pong', id: 'after' });
      expect(framesOf(ws, 'error')).toEqual([]);
    });
  });
});
