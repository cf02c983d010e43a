import { randomUUID } from 'node:crypto';
import type { SearchResponse } from '@couple-chat/protocol';
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/schema.js';
import { reopenableTestDatabase } from './support/databases.js';
import { createCouple, type TestCouple } from './support/factories.js';
import { messageVariants, sendOk, whenFrames } from './support/messages.js';
import { chattingCouple, realtimeApp, roomyRules } from './support/realtime.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';

// Word counts, days and search are counted after the send (services/message-indexer.ts): these
// tests read the tables themselves, where the HTTP API would first catch the couple up.

const queued = async (db: Kysely<Database>, coupleId: string) =>
  (
    await db
      .selectFrom('message_index_queue')
      .select('seq')
      .where('couple_id', '=', coupleId)
      .orderBy('seq')
      .execute()
  ).map((r) => Number(r.seq));

/** word → count, per user id ('*' both together), from the ranking's window table. */
async function windowCounts(db: Kysely<Database>, coupleId: string) {
  const rows = await db
    .selectFrom('word_window')
    .select(['user_id', 'word', 'count'])
    .where('couple_id', '=', coupleId)
    .execute();
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) (out[r.user_id] ??= {})[r.word] = Number(r.count);
  return out;
}

const dayRows = (db: Kysely<Database>, coupleId: string) =>
  db
    .selectFrom('message_days')
    .select(['day', 'messages'])
    .where('couple_id', '=', coupleId)
    .execute()
    .then((rows) => rows.map((r) => ({ day: r.day, messages: Number(r.messages) })));

async function searched(client: TestCouple['a']['client'], q: string) {
  const res = await client.get(`/api/search?q=${encodeURIComponent(q)}&limit=50`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as SearchResponse).items.map((i) => i.message.body);
}

describe.each(messageVariants())('derived indexes counted after the send, on $name', (variant) => {
  // No background run here (see support/test-app.ts): only reads catch up.
  const rt = realtimeApp(variant);
  let t: TestApp;
  beforeAll(() => {
    t = rt.t();
  });

  it('queues each sent message; a read of word counts, days or search first counts its couple', async () => {
    const { c, a, b } = await chattingCouple(rt, { timeZone: 'Asia/Seoul' });
    const other = await chattingCouple(rt, { timeZone: 'Asia/Seoul' });
    const acks = [await sendOk(a, '고양이 밥 줬어'), await sendOk(b, '고양이 귀여워')];
    await sendOk(other.a, '강아지 산책');
    const db = t.database.db;
    expect(await queued(db, c.coupleId)).toEqual(acks.map((x) => x.seq));
    expect(await windowCounts(db, c.coupleId)).toEqual({});
    expect(await dayRows(db, c.coupleId)).toEqual([]);

    const ranking = await c.a.client.get('/api/word-ranking?top=10');
    expect(ranking.status).toBe(200);
    expect(ranking.body.together).toContainEqual({ word: '고양이', count: 2 });
    expect(await queued(db, c.coupleId)).toEqual([]);
    expect(await dayRows(db, c.coupleId)).toEqual([{ day: '2026-11-24', messages: 2 }]);
    expect(await searched(c.b.client, '고양이')).toEqual(['고양이 귀여워', '고양이 밥 줬어']);
    // Another couple's messages wait for their own reader (or the background run).
    expect(await queued(db, other.c.coupleId)).toHaveLength(1);
    expect(await searched(other.c.a.client, '산책')).toEqual(['강아지 산책']);
    expect(await queued(db, other.c.coupleId)).toEqual([]);
  });

  it('a message deleted while queued is never counted; one deleted after is taken off', async () => {
    const { c, a } = await chattingCouple(rt, { timeZone: 'Asia/Seoul' });
    const db = t.database.db;
    const early = await sendOk(a, '비밀 하나');
    const late = await sendOk(a, '비밀 둘');
    /** Deletes over the socket and waits for the log to say so. */
    const remove = async (messageId: string) => {
      a.send({ type: 'message.delete', messageId });
      await whenFrames(
        a,
        (frames) =>
          frames.find(
            (f) =>
              f.type === 'event' && f.event.type === 'message.deleted' && f.event.id === messageId,
          ),
        'the deletion',
      );
    };
    expect(await queued(db, c.coupleId)).toEqual([early.seq, late.seq]);
    await remove(early.messageId);
    expect(await queued(db, c.coupleId)).toEqual([late.seq]);

    expect(await searched(c.a.client, '비밀')).toEqual(['비밀 둘']);
    expect((await windowCounts(db, c.coupleId))[c.a.user.id]).toMatchObject({ 비밀: 1 });
    expect(await dayRows(db, c.coupleId)).toEqual([{ day: '2026-11-24', messages: 1 }]);

    await remove(late.messageId);
    expect(await searched(c.a.client, '비밀')).toEqual([]);
    expect(await windowCounts(db, c.coupleId)).toEqual({});
    expect(await dayRows(db, c.coupleId)).toEqual([{ day: '2026-11-24', messages: 0 }]);
  });

  it('keeps the counts exact when deletes race the indexer', async () => {
    const { c, a } = await chattingCouple(rt, { timeZone: 'Asia/Seoul' });
    const db = t.database.db;
    const acks = [];
    for (let i = 0; i < 20; i++) acks.push(await sendOk(a, `별 ${i}`));
    // Every other message deleted while indexing passes for the couple run alongside.
    await Promise.all([
      ...acks
        .filter((_, i) => i % 2 === 0)
        .map((ack) => t.services.messages.delete(c.a.user.id, ack.messageId)),
      ...Array.from({ length: 4 }, () => t.services.indexer.catchUp(c.coupleId)),
    ]);
    await t.services.indexer.catchUp(c.coupleId);
    expect(await queued(db, c.coupleId)).toEqual([]);
    expect((await windowCounts(db, c.coupleId))['*']).toMatchObject({ 별: 10 });
    expect(await dayRows(db, c.coupleId)).toEqual([{ day: '2026-11-24', messages: 10 }]);
    expect(await searched(c.a.client, '별')).toHaveLength(10);
  });

  it('leaves out the words of a day that left the ranking’s window while the message waited', async () => {
    const { c, a } = await chattingCouple(rt, { timeZone: 'Asia/Seoul' });
    const db = t.database.db;
    await sendOk(a, '어제 바다');
    // As a ranking read a week later would have moved it: the window starts after that day.
    await db
      .updateTable('couples')
      .set({ words_from: '2026-11-25' })
      .where('id', '=', c.coupleId)
      .execute();
    await t.services.indexer.catchUp(c.coupleId);
    expect(await windowCounts(db, c.coupleId)).toEqual({});
    const words = await db
      .selectFrom('word_counts')
      .select('word')
      .where('couple_id', '=', c.coupleId)
      .execute();
    expect(words).toEqual([]);
    expect(await dayRows(db, c.coupleId)).toEqual([{ day: '2026-11-24', messages: 1 }]);
  });
});

describe.each(messageVariants())('the background indexer on $name', (variant) => {
  it('counts every queued message soon after the sends, in batches, with no read', async () => {
    const app = await startTestApp(variant.database, {
      rateRules: roomyRules,
      indexer: { delayMs: 10, batch: 2 },
    });
    try {
      const couples = [await createCouple(app.baseUrl), await createCouple(app.baseUrl)];
      for (const [i, c] of couples.entries()) {
        for (let n = 0; n < 3; n++) {
          await app.services.messages.send(
            { userId: c.a.user.id, coupleId: c.coupleId },
            randomUUID(),
            `하늘 ${i}${n}`,
          );
        }
      }
      const db = app.database.db;
      await waitFor(
        async () =>
          (await db.selectFrom('message_index_queue').select('seq').execute()).length === 0,
        'the queue to empty',
      );
      for (const c of couples) {
        expect((await windowCounts(db, c.coupleId))['*']).toMatchObject({ 하늘: 3 });
        expect(await dayRows(db, c.coupleId)).toEqual([{ day: '2026-11-24', messages: 3 }]);
      }
    } finally {
      await app.close();
    }
  });

  it('counts what was still queued when the server stopped, after it starts again', async () => {
    const shared = await reopenableTestDatabase(variant.database);
    try {
      const before = await startTestApp(shared, { rateRules: roomyRules });
      const c = await createCouple(before.baseUrl);
      const acks = [];
      for (const body of ['노을 보러 가자', '노을 예쁘다']) {
        acks.push(
          await before.services.messages.send(
            { userId: c.b.user.id, coupleId: c.coupleId },
            randomUUID(),
            body,
          ),
        );
      }
      expect(await queued(before.database.db, c.coupleId)).toEqual(acks.map((x) => x.seq));
      await before.close();

      const after = await startTestApp(shared, {
        rateRules: roomyRules,
        indexer: { delayMs: 10 },
      });
      try {
        const db = after.database.db;
        await waitFor(async () => (await queued(db, c.coupleId)).length === 0, 'the catch-up');
        expect((await windowCounts(db, c.coupleId))[c.b.user.id]).toMatchObject({ 노을: 2 });
        expect(await dayRows(db, c.coupleId)).toEqual([{ day: '2026-11-24', messages: 2 }]);
      } finally {
        await after.close();
      }
    } finally {
      await shared.dispose();
    }
  });
});
