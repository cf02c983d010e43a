import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCouple } from './support/factories.js';
import {
  chatRows,
  createdEvents,
  eventsThrough,
  repliesTo,
  secondDevice,
} from './support/messages.js';
import { range, realtimeVariants, seqs, sync, twoInstances } from './support/realtime.js';
import type { TestApp } from './support/test-app.js';

// Two instances share one PostgreSQL schema and fan out through Redis.
const variants = realtimeVariants().filter((v) => v.redisUrl);
if (variants.length === 0) {
  console.warn(
    'NOTICE: TEST_DATABASE_URL and TEST_REDIS_URL are not both set; the chat messages across two instances tests are skipped.',
  );
}

// Skipped (not silently absent) when PostgreSQL and Redis are not both configured.
describe.skipIf(variants.length === 0)(
  'chat messages across two instances (needs PostgreSQL and Redis)',
  () => {
    describe.each(variants)('chat messages across two instances on $name', (variant) => {
      const { apps, sockets } = twoInstances(variant, 'm2');

      it('orders 100 alternating sends from partners on different instances, delivered once each', async () => {
        const [one, two] = apps as [TestApp, TestApp];
        const c = await createCouple(one.baseUrl);
        const { ws: a } = await sockets.of(one, c.a);
        const { ws: b } = await sockets.of(two, c.b);
        for (const ws of [a, b]) await sync(ws, 0);

        const sent: { from: 'a' | 'b'; id: string; body: string }[] = [];
        for (let i = 0; i < 50; i++) {
          for (const [from, ws] of [
            ['a', a],
            ['b', b],
          ] as const) {
            const item = { from, id: randomUUID(), body: `${from} ${i}` };
            sent.push(item);
            ws.send({ type: 'message.send', messageId: item.id, body: item.body });
          }
        }
        const idsOf = (from: 'a' | 'b') => sent.filter((s) => s.from === from).map((s) => s.id);
        const replies = [
          ...(await repliesTo(a, idsOf('a'), 0, 15_000)),
          ...(await repliesTo(b, idsOf('b'), 0, 15_000)),
        ];
        const seqOf = new Map<string, number>();
        for (const r of replies) {
          expect(r.type).toBe('message.ack');
          if (r.type === 'message.ack') seqOf.set(r.messageId, r.seq);
        }
        expect([...seqOf.values()].sort((x, y) => x - y)).toEqual(range(2, 101));

        const inOrder = [...sent].sort((x, y) => (seqOf.get(x.id) ?? 0) - (seqOf.get(y.id) ?? 0));
        const senderOf = { a: c.a.user.id, b: c.b.user.id };
        for (const ws of [a, b]) {
          await eventsThrough(ws, 101, 15_000);
          expect(seqs(ws.events())).toEqual(range(1, 101));
          expect(createdEvents(ws).map((m) => [m.id, m.body, m.senderId])).toEqual(
            inOrder.map((s) => [s.id, s.body, senderOf[s.from]]),
          );
        }
        // Each partner's own messages kept the order they were sent in.
        for (const from of ['a', 'b'] as const) {
          const mine = idsOf(from).map((id) => seqOf.get(id) ?? 0);
          expect(mine).toEqual([...mine].sort((x, y) => x - y));
        }
        const rows = await chatRows(one, c.coupleId);
        expect(rows.events.map((e) => e.seq)).toEqual(range(1, 101));
        expect(rows.messages).toHaveLength(100);
      });

      it('stores one message when the same send races on both instances', async () => {
        const [one, two] = apps as [TestApp, TestApp];
        const c = await createCouple(one.baseUrl);
        const { ws: here } = await sockets.of(one, c.a);
        const { ws: there } = await sockets.of(two, await secondDevice(two, c.a));
        const { ws: partner } = await sockets.of(two, c.b);
        await sync(partner, 0);
        const ids = Array.from({ length: 10 }, () => randomUUID());
        for (const id of ids) {
          here.send({ type: 'message.send', messageId: id, body: `twice ${id}` });
          there.send({ type: 'message.send', messageId: id, body: `twice ${id}` });
        }
        const [fromHere, fromThere] = await Promise.all([
          repliesTo(here, ids),
          repliesTo(there, ids),
        ]);
        expect(fromThere).toEqual(fromHere);
        for (const r of fromHere) expect(r.type).toBe('message.ack');
        await eventsThrough(partner, 11);
        expect(seqs(partner.events())).toEqual(range(1, 11));
        expect(new Set(createdEvents(partner).map((m) => m.id))).toEqual(new Set(ids));
        expect((await chatRows(one, c.coupleId)).messages).toHaveLength(10);
      });
    });
  },
);
