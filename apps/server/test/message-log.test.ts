import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../src/db/schema.js';
import { createRepositories } from '../src/models/repositories.js';
import { toCoupleEventDto } from '../src/services/couple-log.js';
import { reopenableTestDatabase, testDatabases } from './support/databases.js';
import { createCouple } from './support/factories.js';
import { rollBackTo } from './support/migrations.js';
import { roomyRules } from './support/realtime.js';
import { startTestApp } from './support/test-app.js';

const MIGRATION = '20261126000000-messages-are-their-log';

describe.each(testDatabases())('the couple log on $name', (database) => {
  it('serves each message once, in order, after an upgrade from logging every message twice', async () => {
    const shared = await reopenableTestDatabase(database);
    try {
      const before = await startTestApp(shared, { rateRules: roomyRules });
      const c = await createCouple(before.baseUrl);
      const as = (who: 'a' | 'b') => ({ userId: c[who].user.id, coupleId: c.coupleId });
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      await before.services.messages.send(as('a'), ids[0] as string, 'first');
      await before.services.messages.send(as('b'), ids[1] as string, 'second, to regret');
      await before.services.messages.send(as('a'), ids[2] as string, 'third');
      await before.services.messages.delete(c.b.user.id, ids[1] as string);
      const served = async (db: Kysely<Database>) =>
        (await createRepositories(db).coupleEvents.listAfter(c.coupleId, 0, 100)).map(
          toCoupleEventDto,
        );
      const log = await served(before.database.db);
      await before.close();

      // The previous version: each message also logged in couple_events (the deleted one as its
      // tombstone), and this migration not yet run.
      const old = await shared.open();
      await rollBackTo(old.db as unknown as Kysely<unknown>, MIGRATION);
      const copies = await old.db
        .selectFrom('couple_events')
        .select(['seq', 'payload'])
        .where('type', '=', 'message.created')
        .orderBy('seq')
        .execute();
      expect(copies.map((e) => JSON.parse(e.payload).message.body)).toEqual([
        'first',
        null,
        'third',
      ]);
      await old.close();

      const after = await startTestApp(shared, { rateRules: roomyRules });
      try {
        const upgraded = await served(after.database.db);
        expect(upgraded).toEqual(log);
        expect(upgraded.map((e) => [e.seq, e.event.type])).toEqual([
          [1, 'couple.connected'],
          [2, 'message.created'],
          [3, 'message.created'],
          [4, 'message.created'],
          [5, 'message.deleted'],
        ]);
        expect(
          upgraded.map((e) => (e.event.type === 'message.created' ? e.event.message.body : '-')),
        ).toEqual(['-', 'first', null, 'third', '-']);
        const left = await after.database.db
          .selectFrom('couple_events')
          .select('type')
          .where('couple_id', '=', c.coupleId)
          .orderBy('seq')
          .execute();
        expect(left).toEqual([{ type: 'couple.connected' }, { type: 'message.deleted' }]);
      } finally {
        await after.close();
      }
    } finally {
      await shared.dispose();
    }
  });
});
