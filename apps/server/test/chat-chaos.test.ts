import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CoupleEventPayload } from '@couple-chat/protocol';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ChaosClient } from './support/chaos-client.js';
import { createCouple } from './support/factories.js';
import {
  createSchema,
  dropSchema,
  killHard,
  listeningAt,
  pgQuery,
  sleep,
  urlWithSchema,
} from './support/processes.js';
import { range } from './support/realtime.js';
import {
  cleanUpServerProcesses,
  exitCodeWithin,
  type ServerProcess,
  spawnServer,
} from './support/server-process.js';
import { waitFor } from './support/wait.js';

const databaseUrl = process.env.TEST_DATABASE_URL;
if (!databaseUrl)
  console.warn(
    'NOTICE: TEST_DATABASE_URL is not set; the PostgreSQL variant of the chat chaos test is skipped (SQLite runs).',
  );

cleanUpServerProcesses();

const CRASHES = 3;
/** Per client; at one message every 55 ms the senders stay under the 20 frames/s socket budget. */
const MAX_MESSAGES = 150;
const INTERVAL_MS = 55;

interface StoredChat {
  lastSeq: number;
  messages: {
    id: string;
    seq: number;
    sender_id: string;
    body: string | null;
    created_at: number;
  }[];
  events: { seq: number; created_at: number; event: CoupleEventPayload }[];
}

/** The couple's messages and log as the database holds them (read after a clean shutdown). */
async function storedChat(
  where: { sqliteFile: string } | { url: string; schema: string },
  coupleId: string,
): Promise<StoredChat> {
  const messagesSql = (p: string) =>
    `select id, seq, sender_id, body, created_at from messages where couple_id = ${p} order by seq, id`;
  // The log: the messages (each its own message.created) and every other event.
  const eventsSql = (p: string) =>
    `select seq, payload, created_at, null as message_id from couple_events where couple_id = ${p}
     union all select seq, null, created_at, id from messages where couple_id = ${p} order by seq`;
  const coupleSql = (p: string) => `select last_seq from couples where id = ${p}`;
  let raw: { couple: any; messages: any[]; events: any[] };
  if ('sqliteFile' in where) {
    const db = new SqliteDatabase(where.sqliteFile, { readonly: true, fileMustExist: true });
    try {
      raw = {
        couple: db.prepare(coupleSql('?')).get(coupleId),
        messages: db.prepare(messagesSql('?')).all(coupleId),
        events: db.prepare(eventsSql('?')).all(coupleId, coupleId),
      };
    } finally {
      db.close();
    }
  } else {
    const url = urlWithSchema(where.url, where.schema);
    raw = {
      couple: (await pgQuery(url, coupleSql('$1'), [coupleId])).rows[0],
      messages: (await pgQuery(url, messagesSql('$1'), [coupleId])).rows,
      events: (await pgQuery(url, eventsSql('$1'), [coupleId])).rows,
    };
  }
  const messages = raw.messages.map((m) => ({
    ...m,
    seq: Number(m.seq),
    created_at: Number(m.created_at),
  }));
  return {
    lastSeq: Number(raw.couple.last_seq),
    messages,
    events: raw.events.map((e) => {
      const message = messages.find((m) => m.id === e.message_id);
      return {
        seq: Number(e.seq),
        created_at: Number(e.created_at),
        event: message
          ? {
              type: 'message.created',
              message: {
                id: message.id,
                seq: message.seq,
                senderId: message.sender_id,
                body: message.body,
                createdAt: new Date(message.created_at).toISOString(),
                deletedAt: null,
                attachments: [],
              },
            }
          : (JSON.parse(e.payload) as CoupleEventPayload),
      };
    }),
  };
}

const variants = [
  { name: 'sqlite' as const },
  ...(databaseUrl ? [{ name: 'postgres' as const }] : []),
];

describe.each(variants)('chat while the server is SIGKILLed and restarted ($name)', ({ name }) => {
  const servers: ServerProcess[] = [];
  const clients: ChaosClient[] = [];
  const dirs: string[] = [];
  let schema: string | undefined;

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.stop()));
    for (const server of servers.splice(0)) await killHard(server).catch(() => undefined);
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    if (schema) await dropSchema(databaseUrl as string, schema);
    schema = undefined;
  });

  it('keeps every acknowledged message exactly once and both partners on the same gap-free log', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-chaos-'));
    dirs.push(dataDir);
    const env: Record<string, string> = {
      PORT: '0',
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      SIGNUPS_PER_IP_PER_HOUR: '1000',
    };
    if (name === 'postgres') {
      schema = await createSchema(databaseUrl as string, 'chaos');
      env.DATABASE_URL = urlWithSchema(databaseUrl as string, schema);
    }

    // Where the server is now; undefined while it is down. Each restart gets a new port.
    let current: string | undefined;
    const start = async () => {
      const server = spawnServer(env);
      servers.push(server);
      current = await listeningAt(server);
      return server;
    };
    let server = await start();
    const { a, b, coupleId } = await createCouple(current as string);
    const userIdOf = new Map<ChaosClient, string>();
    for (const [label, partner] of [
      ['A', a],
      ['B', b],
    ] as const) {
      const client = new ChaosClient({
        name: label,
        session: partner.client.sessionCookie as string,
        baseUrl: () => current,
        intervalMs: INTERVAL_MS,
        maxMessages: MAX_MESSAGES,
      });
      clients.push(client);
      userIdOf.set(client, partner.user.id);
    }
    const [clientA, clientB] = clients as [ChaosClient, ChaosClient];
    await waitFor(() => clientA.isLive && clientB.isLive, 'both clients to be live', 10_000);

    const pendingAtCrash: number[] = [];
    for (let crash = 0; crash < CRASHES; crash++) {
      await sleep(200 + Math.random() * 400);
      clientA.dropAfterNextTransmit();
      clientB.dropAfterNextTransmit();
      await sleep(200 + Math.random() * 400);
      // Crash right as a message leaves a client, so some are in flight (maybe committed, not acked).
      await Promise.race([clientA.nextTransmit(), clientB.nextTransmit(), sleep(500)]);
      server.child.kill('SIGKILL');
      current = undefined;
      pendingAtCrash.push(clientA.pending.size + clientB.pending.size);
      await killHard(server);
      server = await start();
    }
    await sleep(500);
    clientA.stopSending();
    clientB.stopSending();

    await waitFor(
      () => clientA.pending.size === 0 && clientB.pending.size === 0,
      'every pending message to be acknowledged',
      15_000,
    ).catch((err: Error) => {
      const problems = clients.flatMap((c) => c.problems).slice(0, 5);
      throw new Error(`${err.message}; first problems: ${JSON.stringify(problems)}`);
    });
    const ackSeqs = clients.flatMap((c) => [...c.acks.values()].flat().map((ack) => ack.seq));
    const lastAcked = Math.max(...ackSeqs);
    await waitFor(
      () => clientA.lastSeenSeq >= lastAcked && clientB.lastSeenSeq >= lastAcked,
      'both clients to receive the last event',
      10_000,
    );
    await Promise.all(clients.map((c) => c.stop()));

    // A clean shutdown, then the database is read directly.
    current = undefined;
    server.child.kill('SIGTERM');
    expect(await exitCodeWithin(server, 10_000), server.output()).toBe(0);
    const stored = await storedChat(
      name === 'sqlite'
        ? { sqliteFile: path.join(dataDir, 'couple-chat.sqlite') }
        : { url: databaseUrl as string, schema: schema as string },
      coupleId,
    );

    console.log(
      `chaos (${name}): ${stored.messages.length} messages, last seq ${stored.lastSeq}, ` +
        `${clientA.connections.length}+${clientB.connections.length} connections, ` +
        `pending at each crash ${pendingAtCrash.join('/')}, ` +
        `resent after a reconnect ${clientA.resent.size + clientB.resent.size} ` +
        `(of which already committed ${clientA.committedBeforeResend.size + clientB.committedBeforeResend.size}), ` +
        `client-side drops ${clientA.drops + clientB.drops}, ` +
        `rate-limited ${clientA.rateLimited + clientB.rateLimited}`,
    );
    // The chaos really happened: every crash cut both clients off, and they came back.
    expect(clientA.connections.length).toBeGreaterThanOrEqual(CRASHES + 1);
    expect(clientB.connections.length).toBeGreaterThanOrEqual(CRASHES + 1);
    // And some messages were committed while their ack was lost, so the resend got the first ack.
    expect(clientA.committedBeforeResend.size + clientB.committedBeforeResend.size).toBeGreaterThan(
      0,
    );

    for (const client of clients) {
      expect(client.problems).toEqual([]);
      expect(client.conflictingReplays).toEqual([]);
      expect([...client.pending.keys()]).toEqual([]);
    }

    // Every stored message was sent by the partner it names, with that text, and acknowledged to
    // them with its stored place in the log (a resend's ack included); each id is stored once.
    const storedIds = stored.messages.map((m) => m.id);
    expect(new Set(storedIds).size).toBe(storedIds.length);
    for (const m of stored.messages) {
      const sender = clients.find((c) => c.sent.has(m.id));
      expect(sender, `stored message ${m.id} (${m.body}) was never sent`).toBeDefined();
      if (!sender) continue;
      expect(m.sender_id).toBe(userIdOf.get(sender));
      expect(m.body).toBe(sender.sent.get(m.id));
      const acks = sender.acks.get(m.id) ?? [];
      expect(acks.length, `message ${m.body} was never acknowledged`).toBeGreaterThan(0);
      for (const ack of acks)
        expect({ seq: ack.seq, at: ack.at }).toEqual({
          seq: m.seq,
          at: new Date(m.created_at).toISOString(),
        });
    }
    // Every message ever sent was acknowledged (nothing is left pending) and so is stored.
    const sentIds = clients.flatMap((c) => [...c.sent.keys()]);
    expect(sentIds.sort()).toEqual([...storedIds].sort());
    expect(stored.messages.length).toBeGreaterThan(20);
    expect(stored.messages.length).toBeLessThanOrEqual(2 * MAX_MESSAGES);

    // The log is gap-free 1..last_seq and each message sits at its own seq.
    expect(stored.events.map((e) => e.seq)).toEqual(range(1, stored.lastSeq));
    const loggedMessageIds = stored.events.flatMap((e) =>
      e.event.type === 'message.created' ? [[e.event.message.id, e.seq]] : [],
    );
    expect(loggedMessageIds).toEqual(stored.messages.map((m) => [m.id, m.seq]));

    // Each client: every connection resumed exactly where the previous one stopped and then got
    // each seq once, in order; over all connections it holds the whole log, as stored.
    const expectedEvents = stored.events.map((e) => ({
      seq: e.seq,
      at: new Date(e.created_at).toISOString(),
      event: e.event,
    }));
    for (const client of clients) {
      for (const connection of client.connections)
        expect(connection.seqs).toEqual(
          range(connection.afterSeq + 1, connection.afterSeq + connection.seqs.length),
        );
      const received = [...client.eventsBySeq.values()]
        .sort((x, y) => x.seq - y.seq)
        .map(({ seq, at, event, coupleId: id }) => {
          expect(id).toBe(coupleId);
          return { seq, at, event };
        });
      expect(received).toEqual(expectedEvents);
    }
  }, 60_000);
});
