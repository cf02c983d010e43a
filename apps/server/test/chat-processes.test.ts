import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createCouple } from './support/factories.js';
import { eventsThrough, framesOf, repliesTo, sendOk } from './support/messages.js';
import {
  createSchema,
  dropSchema,
  killHard,
  listeningAt,
  pgQuery,
  urlWithSchema,
} from './support/processes.js';
import { deleteRedisKeys, range, sync, uniqueRedisPrefix } from './support/realtime.js';
import {
  cleanUpServerProcesses,
  type ServerProcess,
  spawnServer,
} from './support/server-process.js';
import { WsClient } from './support/ws-client.js';

const databaseUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
if (!databaseUrl || !redisUrl)
  console.warn(
    'NOTICE: TEST_DATABASE_URL and TEST_REDIS_URL are not both set; the two-process chat test is skipped.',
  );

cleanUpServerProcesses();

const PER_PARTNER = 50;
/** The first rounds go strictly in turn (send, ack, both see it); the rest are sent without waiting. */
const LOCKSTEP_ROUNDS = 25;

describe.skipIf(!databaseUrl || !redisUrl)(
  'chat between two real server processes (PostgreSQL + Redis)',
  () => {
    const servers: ServerProcess[] = [];
    const sockets: WsClient[] = [];
    let schema: string | undefined;
    let prefix: string | undefined;

    afterEach(async () => {
      await Promise.all(sockets.splice(0).map((ws) => ws.close()));
      for (const server of servers.splice(0)) await killHard(server).catch(() => undefined);
      if (schema) await dropSchema(databaseUrl as string, schema);
      if (prefix) await deleteRedisKeys(redisUrl as string, prefix);
      schema = undefined;
      prefix = undefined;
    });

    it('delivers 100 alternating messages to partners on different processes once each, in gap-free seq order', async () => {
      schema = await createSchema(databaseUrl as string, 'chat2p');
      prefix = uniqueRedisPrefix('chat2p');
      const env = {
        PORT: '0',
        NODE_ENV: 'production',
        DATABASE_URL: urlWithSchema(databaseUrl as string, schema),
        REDIS_URL: redisUrl as string,
        REDIS_PREFIX: prefix,
        SIGNUPS_PER_IP_PER_HOUR: '1000',
      };
      // Both start on the same empty schema at once: the migrations must cope with that too.
      servers.push(spawnServer(env), spawnServer(env));
      const [url1, url2] = (await Promise.all(servers.map((s) => listeningAt(s)))) as [
        string,
        string,
      ];
      expect(url1).not.toBe(url2);

      const { a, b, coupleId } = await createCouple(url1);
      const connectA = await WsClient.connectReady(url1, {
        session: a.client.sessionCookie,
        origin: url1,
      });
      sockets.push(connectA.client);
      const connectB = await WsClient.connectReady(url2, {
        session: b.client.sessionCookie,
        origin: url2,
      });
      sockets.push(connectB.client);
      const wsA = connectA.client;
      const wsB = connectB.client;
      expect(connectA.hello.coupleId).toBe(coupleId);
      expect(connectB.hello.coupleId).toBe(coupleId);
      const base = connectA.hello.lastSeq;
      expect(connectB.hello.lastSeq).toBe(base);
      expect((await sync(wsA, base)).events).toEqual([]);
      expect((await sync(wsB, base)).events).toEqual([]);

      const sent = new Map<string, { sender: string; body: string }>();
      const idsA: string[] = [];
      const idsB: string[] = [];
      const outgoing = (who: 'A' | 'B', i: number) => {
        const messageId = randomUUID();
        const body = `${who}-${i}`;
        sent.set(messageId, { sender: who === 'A' ? a.user.id : b.user.id, body });
        (who === 'A' ? idsA : idsB).push(messageId);
        return { messageId, body };
      };

      // In turn: each message is acked by its sender's process and reaches both partners before
      // the other one answers, so the log alternates A, B, A, B.
      for (let i = 0; i < LOCKSTEP_ROUNDS; i++) {
        for (const [who, ws] of [
          ['A', wsA],
          ['B', wsB],
        ] as const) {
          const m = outgoing(who, i);
          const ack = await sendOk(ws, m.body, m.messageId);
          expect(ack.seq).toBe(base + 2 * i + (who === 'A' ? 1 : 2));
          await eventsThrough(wsA, ack.seq);
          await eventsThrough(wsB, ack.seq);
        }
      }

      // Then both fire the rest without waiting: the two processes commit into the same couple
      // concurrently, and each process must relay the other's events in order through Redis.
      for (let i = LOCKSTEP_ROUNDS; i < PER_PARTNER; i++) {
        const ma = outgoing('A', i);
        wsA.send({ type: 'message.send', ...ma });
        const mb = outgoing('B', i);
        wsB.send({ type: 'message.send', ...mb });
      }
      const repliesA = await repliesTo(wsA, idsA, 0, 15_000);
      const repliesB = await repliesTo(wsB, idsB, 0, 15_000);
      const last = base + 2 * PER_PARTNER;
      await eventsThrough(wsA, last, 15_000);
      await eventsThrough(wsB, last, 15_000);
      // Anything late (a duplicate, an extra ack) would arrive before these answers.
      await wsA.roundTrip();
      await wsB.roundTrip();
      await new Promise((r) => setTimeout(r, 300));

      for (const [ws, own, replies] of [
        [wsA, idsA, repliesA],
        [wsB, idsB, repliesB],
      ] as const) {
        expect(framesOf(ws, 'error')).toEqual([]);
        expect(ws.malformed).toEqual([]);
        // Every message of this sender is acked exactly once, and nothing else is.
        const acks = framesOf(ws, 'message.ack');
        expect(acks.map((f) => f.messageId).sort()).toEqual([...own].sort());
        expect(replies.every((r) => r.type === 'message.ack')).toBe(true);
        // One socket's sends are handled in order, so its acks climb.
        const ownSeqs = replies.map((r) => (r.type === 'message.ack' ? r.seq : -1));
        expect(ownSeqs).toEqual([...ownSeqs].sort((x, y) => x - y));
      }
      const ackSeqOf = new Map<string, number>();
      for (const ws of [wsA, wsB])
        for (const ack of framesOf(ws, 'message.ack')) ackSeqOf.set(ack.messageId, ack.seq);
      expect([...ackSeqOf.values()].sort((x, y) => x - y)).toEqual(range(base + 1, last));

      // Both partners saw the same 100 message.created events, each once, in seq order, and each
      // is the message its sender was acked for.
      const seen = (ws: WsClient) =>
        ws.events().map((e) => {
          if (e.event.type !== 'message.created') throw new Error(`unexpected ${e.event.type}`);
          expect(e.coupleId).toBe(coupleId);
          expect(e.event.message.seq).toBe(e.seq);
          return {
            seq: e.seq,
            id: e.event.message.id,
            sender: e.event.message.senderId,
            body: e.event.message.body,
          };
        });
      const seenA = seen(wsA);
      expect(seenA.map((e) => e.seq)).toEqual(range(base + 1, last));
      expect(seen(wsB)).toEqual(seenA);
      for (const e of seenA) {
        expect(ackSeqOf.get(e.id)).toBe(e.seq);
        expect({ sender: e.sender, body: e.body }).toEqual(sent.get(e.id));
      }
      expect(seenA.slice(0, 2 * LOCKSTEP_ROUNDS).map((e) => e.body)).toEqual(
        range(0, LOCKSTEP_ROUNDS - 1).flatMap((i) => [`A-${i}`, `B-${i}`]),
      );

      // The shared database holds exactly these 100 messages, and the log exactly their events.
      const dbUrl = databaseUrl as string;
      const stored = await pgQuery(
        dbUrl,
        `select id, seq::int as seq, sender_id, body from ${schema}.messages order by seq`,
      );
      expect(stored.rows).toHaveLength(2 * PER_PARTNER);
      expect(stored.rows).toEqual(
        seenA.map((e) => ({ id: e.id, seq: e.seq, sender_id: e.sender, body: e.body })),
      );
      const logged = await pgQuery(
        dbUrl,
        `select ((select count(*) from ${schema}.couple_events where couple_id = $1 and seq > $2)
          + (select count(*) from ${schema}.messages where couple_id = $1 and seq > $2))::int as n`,
        [coupleId, base],
      );
      expect(logged.rows[0].n).toBe(2 * PER_PARTNER);
      const couple = await pgQuery(
        dbUrl,
        `select last_seq::int as last_seq from ${schema}.couples where id = $1`,
        [coupleId],
      );
      expect(couple.rows[0].last_seq).toBe(last);
    }, 90_000);
  },
);
