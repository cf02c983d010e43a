import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/database.js';
import { DomainError } from '../src/errors.js';
import { createRepositories, transactionRunner } from '../src/models/repositories.js';
import { QuestionBankIndex } from '../src/questions/question-bank.js';
import { createMemoryHub } from '../src/realtime/hub.js';
import { AccessService } from '../src/services/access.service.js';
import { Publisher, toCoupleEventDto } from '../src/services/couple-log.js';
import { type MessageAck, MessageService } from '../src/services/message.service.js';
import { localSendWriter, threadSendWriter } from '../src/services/send-writer.js';
import {
  type ReopenableTestDatabase,
  reopenableTestDatabase,
  testDatabases,
} from './support/databases.js';
import { createCouple, type TestCouple } from './support/factories.js';
import { NO_QUESTIONS, startTestApp, type TestApp } from './support/test-app.js';

const noQuestions = new QuestionBankIndex({ version: 1, keywords: [] });

/** How the app writes sends on this database: on SQLite's thread, or here for PostgreSQL. */
const sendWriterOf = (database: DatabaseHandle) =>
  database.call
    ? threadSendWriter(database.call, { bankFile: NO_QUESTIONS, minGapMs: 0, reaskMs: 0 })
    : localSendWriter(transactionRunner(database.db), {
        bank: noQuestions,
        minGapMs: 0,
        reaskMs: 0,
      });

/** Sends that arrive in the same turn of the event loop are written in one transaction. */
/** These suites send text only; a deleted message has no files to remove. */
const noFiles = { forgetMessageFiles: async () => [], reap: async () => {} };

describe.each(testDatabases())('group commit of chat messages on $name', (database) => {
  let db: ReopenableTestDatabase;
  let t: TestApp;
  let messages: MessageService;
  beforeAll(async () => {
    db = await reopenableTestDatabase(database);
    t = await startTestApp(db, { env: { SIGNUPS_PER_IP_PER_HOUR: '100' } });
    messages = t.services.messages;
  });
  afterAll(async () => {
    await t.close();
    await db.dispose();
  });

  const member = (c: TestCouple, who: 'a' | 'b') => ({
    userId: c[who].user.id,
    coupleId: c.coupleId,
  });
  /** The couple's messages as its log serves them, in seq order. */
  const logOf = async (coupleId: string) =>
    (await createRepositories(t.database.db).coupleEvents.listAfter(coupleId, 0, 10_000))
      .map(toCoupleEventDto)
      .flatMap((e) => (e.event.type === 'message.created' ? [{ seq: e.seq, ...e.event }] : []));
  const settled = <T>(p: Promise<T>) =>
    p.then(
      (value) => ({ value }),
      (error: unknown) => ({ error: error instanceof DomainError ? error.code : String(error) }),
    );

  it('gives two couples sending at once gap-free seqs in arrival order, each message once', async () => {
    const one = await createCouple(t.baseUrl);
    const two = await createCouple(t.baseUrl);
    const sends = Array.from({ length: 40 }, (_, i) => {
      const couple = i % 2 === 0 ? one : two;
      const id = randomUUID();
      const body = `message ${i}`;
      return { couple, id, body, ack: messages.send(member(couple, i % 3 ? 'a' : 'b'), id, body) };
    });
    const acks = await Promise.all(sends.map((s) => s.ack));
    for (const couple of [one, two]) {
      const mine = sends.map((s, i) => ({ ...s, ack: acks[i] as MessageAck }));
      const ofCouple = mine.filter((s) => s.couple === couple);
      const seqs = ofCouple.map((s) => s.ack.seq);
      // Consecutive, in the order they were submitted, right after the couple's earlier events.
      expect(seqs).toEqual(seqs.map((_, n) => (seqs[0] as number) + n));
      const log = await logOf(couple.coupleId);
      expect(log.map((e) => Number(e.seq))).toEqual(seqs);
      expect(log.map((e) => e.message.body)).toEqual(ofCouple.map((s) => s.body));
    }
  });

  it('answers each send in a mixed batch on its own: resends, a clash, an ended couple', async () => {
    const open = await createCouple(t.baseUrl);
    const ended = await createCouple(t.baseUrl);
    const stored = randomUUID();
    const first = await messages.send(member(open, 'a'), stored, 'stored before');
    await t.database.db
      .updateTable('couples')
      .set({ status: 'ended' })
      .where('id', '=', ended.coupleId)
      .execute();
    const twice = randomUUID();
    const clash = randomUUID();
    const [resend, fresh, again, sameIdOtherText, sameIdPartner, toEnded, after] =
      await Promise.all([
        settled(messages.send(member(open, 'a'), stored, 'stored before')),
        settled(messages.send(member(open, 'a'), twice, 'two devices')),
        settled(messages.send(member(open, 'a'), twice, 'two devices')),
        settled(messages.send(member(open, 'a'), clash, 'one text')),
        settled(messages.send(member(open, 'b'), clash, 'one text')),
        settled(messages.send(member(ended, 'a'), randomUUID(), 'too late')),
        settled(messages.send(member(open, 'b'), randomUUID(), 'still fine')),
      ]);
    expect(resend).toEqual({ value: first });
    expect(again).toEqual(fresh);
    expect(sameIdOtherText).toMatchObject({ value: { messageId: clash } });
    // The partner may not claim the same id: a clash, not a duplicate.
    expect(sameIdPartner).toEqual({ error: 'message_id_conflict' });
    expect(toEnded).toEqual({ error: 'not_in_couple' });
    const seqs = [fresh, sameIdOtherText, after].map((r) => ('value' in r ? r.value.seq : -1));
    expect(seqs).toEqual([first.seq + 1, first.seq + 2, first.seq + 3]);
    expect((await logOf(open.coupleId)).map((e) => Number(e.seq))).toEqual([first.seq, ...seqs]);
    expect(await logOf(ended.coupleId)).toEqual([]);
  });

  it('falls back to one transaction per send when a batch fails, and loses nothing', async () => {
    const c = await createCouple(t.baseUrl);
    const repos = createRepositories(t.database.db);
    const run = transactionRunner(t.database.db);
    let failNext = true;
    const flaky = new MessageService({
      repos,
      inTransaction: run,
      // A boundary fault: the batch's transaction is refused once, as a dropped connection would.
      writeSends: {
        write: (batch, now) => {
          if (failNext) {
            failNext = false;
            return Promise.reject(new Error('connection lost'));
          }
          return sendWriterOf(t.database).write(batch, now);
        },
        depth: 1,
      },
      access: new AccessService(repos),
      publisher: new Publisher(
        createMemoryHub(pino({ level: 'silent' })),
        pino({ level: 'silent' }),
      ),
      clock: t.clock,
      files: noFiles,
      maxFilesPerMessage: 30,
    });
    const ids = Array.from({ length: 5 }, () => randomUUID());
    const acks = await Promise.all(ids.map((id, i) => flaky.send(member(c, 'a'), id, `m${i}`)));
    expect(failNext).toBe(false);
    const log = await logOf(c.coupleId);
    expect(log.map((e) => Number(e.seq))).toEqual(acks.map((a) => a.seq));
    expect(log.map((e) => e.message.id)).toEqual(ids);
  });

  it('stores a message once when two instances receive the same id at the same moment', async () => {
    const c = await createCouple(t.baseUrl);
    const other: DatabaseHandle = await db.open();
    try {
      const repos = createRepositories(other.db);
      const logger = pino({ level: 'silent' });
      const secondInstance = new MessageService({
        repos,
        inTransaction: transactionRunner(other.db),
        access: new AccessService(repos),
        publisher: new Publisher(createMemoryHub(logger), logger),
        clock: t.clock,
        writeSends: sendWriterOf(other),
        files: noFiles,
        maxFilesPerMessage: 30,
      });
      for (let round = 0; round < 5; round++) {
        const id = randomUUID();
        const [here, there] = await Promise.all([
          messages.send(member(c, 'a'), id, `raced ${round}`),
          secondInstance.send(member(c, 'a'), id, `raced ${round}`),
        ]);
        expect(there).toEqual(here);
      }
      const log = await logOf(c.coupleId);
      expect(log).toHaveLength(5);
      expect(log.map((e) => e.seq)).toEqual(log.map((_, n) => Number(log[0]?.seq) + n));
    } finally {
      await other.close();
    }
  });
});
