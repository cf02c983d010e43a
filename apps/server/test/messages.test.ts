import { randomUUID } from 'node:crypto';
import { MESSAGE_MAX_LENGTH } from '@couple-chat/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCouple, signUp, type TestCouple } from './support/factories.js';
import {
  chatRows,
  createdEvents,
  eventsThrough,
  framesOf,
  messageVariants,
  replyTo,
  secondDevice,
  send,
  sendOk,
} from './support/messages.js';
import { realtimeApp, seqs, sync } from './support/realtime.js';
import type { TestApp } from './support/test-app.js';

describe.each(messageVariants())('chat messages on $name: sending', (variant) => {
  const rt = realtimeApp(variant);
  let t: TestApp;
  beforeAll(() => {
    t = rt.t();
  });
  /** One couple for the many small cases that need no fresh one (signing up is slow). */
  let shared: Promise<TestCouple> | undefined;
  const sharedCouple = () => {
    shared ??= createCouple(t.baseUrl);
    return shared;
  };
  /** A couple with a synced socket for each partner (and a second device of `a`). */
  async function chat() {
    const c = await createCouple(t.baseUrl);
    const a = (await rt.socket(c.a)).ws;
    const b = (await rt.socket(c.b)).ws;
    const a2 = (await rt.socket(await secondDevice(t, c.a))).ws;
    for (const ws of [a, b, a2]) expect(seqs((await sync(ws, 0)).events)).toEqual([1]);
    return { c, a, b, a2 };
  }

  describe('message.send', () => {
    it('acks with the next seq and the time, after storing it', async () => {
      const { c, a } = await chat();
      const messageId = randomUUID();
      const ack = await send(a, 'hello 안녕', messageId);
      expect(ack).toEqual({
        type: 'message.ack',
        messageId,
        seq: 2,
        at: new Date(t.clock.now()).toISOString(),
      });
      const rows = await chatRows(t, c.coupleId);
      expect(rows.lastSeq).toBe(2);
      expect(rows.messages).toEqual([
        expect.objectContaining({
          id: messageId,
          seq: 2,
          sender_id: c.a.user.id,
          body: 'hello 안녕',
          deleted_at: null,
        }),
      ]);
      expect(rows.events.map((e) => [e.seq, e.type])).toEqual([
        [1, 'couple.connected'],
        [2, 'message.created'],
      ]);
    });

    it("delivers message.created once, in seq order, to both partners and the sender's other device", async () => {
      const { c, a, b, a2 } = await chat();
      const acks = [];
      for (const [ws, body] of [
        [a, 'one'],
        [b, 'two'],
        [a2, 'three'],
        [a, 'four'],
      ] as const) {
        t.clock.advance(1000);
        acks.push(await sendOk(ws, body));
      }
      expect(acks.map((x) => x.seq)).toEqual([2, 3, 4, 5]);
      const senders = [c.a.user.id, c.b.user.id, c.a.user.id, c.a.user.id];
      const expected = acks.map((ack, i) => ({
        id: ack.messageId,
        seq: ack.seq,
        senderId: senders[i],
        body: ['one', 'two', 'three', 'four'][i],
        createdAt: ack.at,
        deletedAt: null,
        attachments: [],
      }));
      for (const ws of [a, b, a2]) {
        await eventsThrough(ws, 5);
        // A barrier: anything duplicated would arrive before this later event.
        expect(seqs(ws.events())).toEqual([1, 2, 3, 4, 5]);
        expect(createdEvents(ws)).toEqual(expected);
        expect(ws.events().every((e) => e.coupleId === c.coupleId)).toBe(true);
      }
      const history = (await c.b.client.get('/api/messages')).body;
      expect(history).toEqual({ messages: expected, hasMore: false });
    });

    it('stores the body trimmed, and accepts exactly the maximum length', async () => {
      const { c, a, b } = await chat();
      const trimmed = await sendOk(a, '  \n spaced out \t ');
      const longest = '가'.repeat(MESSAGE_MAX_LENGTH);
      const long = await sendOk(a, `  ${longest}  `);
      await eventsThrough(b, long.seq);
      expect(createdEvents(b).map((m) => m.body)).toEqual(['spaced out', longest]);
      const rows = await chatRows(t, c.coupleId);
      expect(rows.messages.map((m) => m.body)).toEqual(['spaced out', longest]);
      expect(trimmed.seq).toBe(2);
    });

    it.each([
      ['an empty body', { messageId: randomUUID(), body: '' }],
      ['a whitespace-only body', { messageId: randomUUID(), body: ' \n\t ' }],
      [
        'a body over the limit',
        { messageId: randomUUID(), body: 'x'.repeat(MESSAGE_MAX_LENGTH + 1) },
      ],
      ['a non-string body', { messageId: randomUUID(), body: 42 }],
      ['no body', { messageId: randomUUID() }],
      ['a non-uuid messageId', { messageId: 'msg-1', body: 'hi' }],
      ['no messageId', { body: 'hi' }],
      ['an extra key', { messageId: randomUUID(), body: 'hi', senderId: 'someone-else' }],
    ])('refuses %s with error validation_failed and stores nothing', async (_label, fields) => {
      const c = await sharedCouple();
      const before = await chatRows(t, c.coupleId);
      const { ws: a } = await rt.socket(c.a);
      const { ws: b } = await rt.socket(c.b);
      await sync(b, before.lastSeq);
      a.send({ type: 'message.send', ...fields });
      const error = await a.next('error');
      expect(error.code).toBe('validation_failed');
      expect(error.message).toEqual(expect.any(String));
      // A valid send afterwards is the next seq: the refused one took no place in the log.
      const ack = await sendOk(a, 'after');
      expect(ack.seq).toBe(before.lastSeq + 1);
      await eventsThrough(b, ack.seq);
      expect(createdEvents(b).map((m) => m.body)).toEqual(['after']);
      const after = await chatRows(t, c.coupleId);
      expect(after.messages.map((m) => m.body)).toEqual([
        ...before.messages.map((m) => m.body),
        'after',
      ]);
      expect(after.events).toHaveLength(before.events.length + 1);
      expect(framesOf(a, 'message.ack')).toHaveLength(1);
    });

    it('names the message in a validation error when its id is readable', async () => {
      const { a } = await chat();
      const messageId = randomUUID();
      const tooLong = await send(a, 'x'.repeat(MESSAGE_MAX_LENGTH + 1), messageId);
      expect(tooLong).toMatchObject({ type: 'error', code: 'validation_failed', messageId });
    });

    it('answers a single user with error not_in_couple naming the message', async () => {
      const u = await signUp(t.baseUrl);
      const { ws } = await rt.socket(u);
      const messageId = randomUUID();
      const reply = await send(ws, 'anyone there?', messageId);
      expect(reply).toMatchObject({ type: 'error', code: 'not_in_couple', messageId });
      expect(ws.isOpen).toBe(true);
      const stored = await t.database.db
        .selectFrom('messages')
        .select('id')
        .where('id', '=', messageId)
        .execute();
      expect(stored).toEqual([]);
    });
  });

  describe('resending (idempotency)', () => {
    it('returns the same ack for the same id and body, storing and delivering nothing new', async () => {
      const { c, a, b } = await chat();
      const messageId = randomUUID();
      const first = await sendOk(a, 'only once', messageId);
      t.clock.advance(60_000);
      const again = await sendOk(a, 'only once', messageId);
      expect(again).toEqual(first);
      // Trimming makes these the same text, so it is the same message too.
      expect(await sendOk(a, '  only once\n', messageId)).toEqual(first);
      const barrier = await sendOk(a, 'barrier');
      expect(barrier.seq).toBe(first.seq + 1);
      await eventsThrough(b, barrier.seq);
      expect(createdEvents(b).map((m) => m.id)).toEqual([messageId, barrier.messageId]);
      expect((await chatRows(t, c.coupleId)).messages).toHaveLength(2);
    });

    it('returns the same ack after a reconnect and from the sender’s other device', async () => {
      const { c, a, b, a2 } = await chat();
      const messageId = randomUUID();
      const first = await sendOk(a, 'sent before the tunnel', messageId);
      await a.close();
      t.clock.advance(5_000);
      const { ws: reconnected } = await rt.socket(c.a);
      expect(await sendOk(reconnected, 'sent before the tunnel', messageId)).toEqual(first);
      expect(await sendOk(a2, 'sent before the tunnel', messageId)).toEqual(first);
      const barrier = await sendOk(reconnected, 'barrier');
      for (const ws of [b, a2]) {
        await eventsThrough(ws, barrier.seq);
        expect(createdEvents(ws).map((m) => m.id)).toEqual([messageId, barrier.messageId]);
      }
      expect((await chatRows(t, c.coupleId)).messages).toHaveLength(2);
    });

    it('refuses the same id with another body, or from the partner, with message_id_conflict', async () => {
      const { c, a, b, a2 } = await chat();
      const messageId = randomUUID();
      await sendOk(a, 'mine', messageId);
      const before = await chatRows(t, c.coupleId);
      for (const [ws, body] of [
        [a, 'edited'],
        [a2, 'edited elsewhere'],
        [b, 'mine'],
        [b, 'stolen'],
      ] as const) {
        const reply = await send(ws, body, messageId);
        expect(reply).toMatchObject({ type: 'error', code: 'message_id_conflict', messageId });
      }
      expect(await chatRows(t, c.coupleId)).toEqual(before);
      expect(before.messages.map((m) => [m.body, m.sender_id])).toEqual([['mine', c.a.user.id]]);
    });

    it('lets another couple use the same id for their own message', async () => {
      const one = await chat();
      const two = await chat();
      const messageId = randomUUID();
      const ackOne = await sendOk(one.a, 'ours', messageId);
      const ackTwo = await sendOk(two.b, 'theirs', messageId);
      expect([ackOne.seq, ackTwo.seq]).toEqual([2, 2]);
      expect((await chatRows(t, one.c.coupleId)).messages.map((m) => m.body)).toEqual(['ours']);
      expect((await chatRows(t, two.c.coupleId)).messages.map((m) => m.body)).toEqual(['theirs']);
    });

    it('stores one message when the same send races on two sockets', async () => {
      const { c, a, b, a2 } = await chat();
      for (let round = 0; round < 5; round++) {
        const messageId = randomUUID();
        const fromA = a.frames.length;
        const fromA2 = a2.frames.length;
        a.send({ type: 'message.send', messageId, body: `race ${round}` });
        a2.send({ type: 'message.send', messageId, body: `race ${round}` });
        const [one, two] = await Promise.all([
          replyTo(a, messageId, fromA),
          replyTo(a2, messageId, fromA2),
        ]);
        expect(one.type).toBe('message.ack');
        expect(two).toEqual(one);
      }
      const barrier = await sendOk(a, 'barrier');
      expect(barrier.seq).toBe(7);
      await eventsThrough(b, barrier.seq);
      expect(seqs(b.events())).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(createdEvents(b).map((m) => m.body)).toEqual([
        'race 0',
        'race 1',
        'race 2',
        'race 3',
        'race 4',
        'barrier',
      ]);
      const rows = await chatRows(t, c.coupleId);
      expect(rows.messages.map((m) => m.seq)).toEqual([2, 3, 4, 5, 6, 7]);
      expect(rows.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });
  });
});
