import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, migrateToLatest } from '../src/db/database.js';
import { openSqliteTestDatabase } from './support/databases.js';
import { rollBackTo } from './support/migrations.js';

// SQLite only: PostgreSQL's GIN index merges its pending list itself.
describe('the SQLite search index merges in bounded steps', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openSqliteTestDatabase();
    await migrateToLatest(handle.db);
  });
  afterAll(async () => {
    await handle.close();
  });

  const automerge = async () =>
    Number(
      (
        await sql<{
          v: number;
        }>`select v from message_search_config where k = 'automerge'`.execute(handle.db)
      ).rows[0]?.v,
    );

  it('leaves FTS5 no merging of its own in a new database (each move merges a step)', async () => {
    expect(await automerge()).toBe(0);
  });

  it('turns it off in a database made before, and back on when rolled back', async () => {
    await rollBackTo(handle.db as unknown as Kysely<unknown>, '20261126010000-search-merge-steps');
    expect(await automerge()).toBe(4);
    await migrateToLatest(handle.db);
    expect(await automerge()).toBe(0);
  });
});
