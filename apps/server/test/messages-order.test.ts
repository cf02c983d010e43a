import { randomUUID } from 'node:crypto';
import { WsCloseCode } from '@couple-chat/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCouple, signUp } from './support/factories.js';
import {
  chatRows,
  createdEvents,
  eventsThrough,
  framesOf,
  messageVariants,
  repliesTo,
  secondDevice,
  whenFrames,
} from './support/messages.js';
import { range, realtimeApp, seqs, sync } from './support/realtime.js';
import type { TestApp } from './support/test-app.js';
import type { WsClient } from './support/ws-client.js';

/** Frames a fresh socket may send at once (the server's burst); the tests stay under it. */
const BURST = 60;

describe.each(messageVariants())('chat messages on $name: order and budget', (variant) => {
  const rt = realtimeApp(variant);
  let t: TestApp;
  beforeAll(() => {
    t = rt.t();
  });

  it('orders 200 interleaved sends from both partners into a gap-free log delivered once each', async () => {
    const c = await createCouple(t.baseUrl);
    // Two devices per partner, so that no socket exceeds its frame budget: 1 sync + 50 sends.
    const senders = [
      { user: c.a.user.id, ws: (await rt.socket(c.a)).ws },
      { user: c.b.user.id, ws: (await rt.socket(c.b)).ws },
      { user: c.a.user.id, ws: (await rt.socket(await secondDevice(t, c.a))).ws },
      { user: c.b.user.id, ws: (await rt.socket(await secondDevice(t, c.b))).ws },
    ];
    for (const { ws } of senders) await sync(ws, 0);
    const total = 200;
    const sent: { ws: WsClient; user: string; messageId: string; body: string }[] = [];
    for (let i = 0; i < total; i++) {
      const sender = senders[i % senders.length] as (typeof senders)[number];
      const item = { ...sender, messageId: randomUUID(), body: `load ${i}` };
      sent.push(item);
      item.ws.send({ type: 'message.send', messageId: item.messageId, body: item.body });
    }
    expect(total / senders.length + 1).toBeLessThanOrEqual(BURST);
    const perSocket = await Promise.all(
      senders.map(({ ws }) =>
        repliesTo(
          ws,
          sent.filter((s) => s.ws === ws).map((s) => s.messageId),
          0,
          15_000,
        ),
      ),
    );
    const acks = perSocket.flat();
    expect(acks).toHaveLength(total);
    for (const ack of acks) expect(ack.type).toBe('message.ack');
    const seqOf = new Map(acks.map((a) => [a.messageId, a.type === 'message.ack' ? a.seq : 0]));

    // Every ack a distinct place, together exactly the seqs after the connection event.
    const last = total + 1;
    expect([...seqOf.values()].sort((x, y) => x - y)).toEqual(range(2, last));
    // One device's messages keep the order it sent them in.
    for (const { ws } of senders) {
      const mine = sent.filter((s) => s.ws === ws).map((s) => seqOf.get(s.messageId) ?? 0);
      expect(mine).toEqual([...mine].sort((x, y) => x - y));
    }

    const rows = await chatRows(t, c.coupleId);
    expect(rows.lastSeq).toBe(last);
    expect(rows.events.map((e) => e.seq)).toEqual(range(1, last));
    expect(rows.messages).toHaveLength(total);
    for (const s of sent) {
      expect(rows.messages.find((m) => m.id === s.messageId)).toMatchObject({
        seq: seqOf.get(s.messageId),
        body: s.body,
        sender_id: s.user,
      });
    }

    // Every socket of both partners received every event once, in ascending seq.
    const bySeq = [...sent].sort(
      (x, y) => (seqOf.get(x.messageId) ?? 0) - (seqOf.get(y.messageId) ?? 0),
    );
    for (const { ws } of senders) {
      await eventsThrough(ws, last, 15_000);
      expect(seqs(ws.events())).toEqual(range(1, last));
      expect(createdEvents(ws).map((m) => [m.id, m.body, m.senderId])).toEqual(
        bySeq.map((s) => [s.messageId, s.body, s.user]),
      );
    }

    // A reconnect resumes with exactly what came after the client's last seq.
    const { ws: again } = await rt.socket(c.b);
    const resumed = await sync(again, 137);
    expect(seqs(resumed.events)).toEqual(range(138, last));
    expect(resumed.synced.lastSeq).toBe(last);
    expect(resumed.events.map((e) => e.event)).toEqual(
      senders[0]?.ws
        .events()
        .slice(137)
        .map((e) => e.event),
    );
  });

  describe('frame budget', () => {
    it('refuses a burst past the budget with rate_limited and keeps the socket open', async () => {
      const u = await signUp(t.baseUrl);
      const { ws } = await rt.socket(u);
      for (let i = 0; i < 100; i++) ws.send({ type: 'ping', id: `b${i}` });
      const answered = () =>
        framesOf(ws, 'pong').length + framesOf(ws, 'error').length >= 100 ? true : undefined;
      await whenFrames(ws, answered, 'an answer to each of 100 pings');
      const pongs = framesOf(ws, 'pong');
      const refusals = framesOf(ws, 'error');
      expect(pongs.length).toBeGreaterThanOrEqual(BURST);
      expect(pongs.length).toBeLessThan(75);
      expect(refusals.length).toBe(100 - pongs.length);
      for (const e of refusals) expect(e).toMatchObject({ code: 'rate_limited' });
      // The budget refills (20 a second): after a second the socket answers again.
      await new Promise((r) => setTimeout(r, 1000));
      expect(await ws.roundTrip('later')).toEqual({ type: 'pong', id: 'later' });
      expect(ws.isOpen).toBe(true);
    });

    it('stores only the sends within budget and names each refused one', async () => {
      const c = await createCouple(t.baseUrl);
      const { ws } = await rt.socket(c.a);
      const ids = Array.from({ length: 80 }, () => randomUUID());
      for (const messageId of ids) ws.send({ type: 'message.send', messageId, body: 'flood' });
      const replies = await repliesTo(ws, ids);
      const acked = replies.filter((r) => r.type === 'message.ack').map((r) => r.messageId);
      const refused = replies.filter((r) => r.type === 'error');
      expect(acked.length).toBeGreaterThanOrEqual(BURST);
      expect(refused.length).toBe(80 - acked.length);
      expect(refused.length).toBeGreaterThan(0);
      for (const r of refused) expect(r.code).toBe('rate_limited');
      const rows = await chatRows(t, c.coupleId);
      expect(rows.messages.map((m) => m.id).sort()).toEqual([...acked].sort());
    });

    it('closes a socket that keeps flooding with 1008, leaving other sockets alone', async () => {
      const u = await signUp(t.baseUrl);
      const { ws } = await rt.socket(u);
      const { ws: other } = await rt.socket(await secondDevice(t, u));
      for (let i = 0; i < 400 && ws.isOpen; i++) ws.send({ type: 'ping' });
      expect((await ws.closed()).code).toBe(WsCloseCode.policyViolation);
      // At most the threshold of refusals was answered before the close.
      expect(framesOf(ws, 'error').length).toBeLessThanOrEqual(200);
      expect(framesOf(ws, 'error').length).toBeGreaterThan(100);
      expect(await other.roundTrip('still-here')).toEqual({ type: 'pong', id: 'still-here' });
    });
  });
});
