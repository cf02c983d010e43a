import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InsertShape, insertRows } from '../src/db/batch-statements.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { testDatabases } from './support/databases.js';

interface Tally {
  name: string;
  n: number;
  note?: string | null;
}

const add: InsertShape<Tally> = {
  table: 'tallies',
  columns: ['name', 'n', 'note'],
  tail: `on conflict ("name") do update set "n" = "tallies"."n" + excluded."n" returning "id"`,
};

describe.each(testDatabases())('batch statements (insertRows) on $name', (database) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await database.open();
    const id = database.name === 'postgres' ? sql`serial primary key` : sql`integer primary key`;
    await sql`create table tallies (id ${id}, name text not null unique, n integer not null,
      note text)`.execute(handle.db);
  });
  afterAll(async () => {
    await handle.close();
  });

  const rows = async () =>
    (
      await sql<Tally & { id: number }>`select id, name, n, note from tallies order by id`.execute(
        handle.db,
      )
    ).rows.map((r) => ({ ...r, id: Number(r.id), n: Number(r.n) }));

  it('inserts every row in order, whatever the count, and returns what `returning` gives', async () => {
    // 0, 1, a power of two, odd counts spanning several statements, and more than the largest.
    let written = 0;
    for (const count of [0, 1, 64, 77, 255, 600]) {
      const batch = Array.from({ length: count }, (_, i) => ({
        name: `w${written + i}`,
        n: i,
        note: i % 2 ? `«${i}» '"; drop table tallies; --` : undefined,
      }));
      const ids = await insertRows<Tally, { id: number }>(handle.db, add, batch);
      expect(ids).toHaveLength(count);
      written += count;
    }
    const stored = await rows();
    expect(stored).toHaveLength(written);
    expect(stored.map((r) => r.name)).toEqual(Array.from({ length: written }, (_, i) => `w${i}`));
    // A missing value is stored as null; a value is a parameter, never SQL.
    expect(stored[2]?.note).toBe(`«1» '"; drop table tallies; --`);
    expect(stored[1]?.note).toBeNull();
  });

  it('runs the tail for each row: here, an upsert adding to the existing count', async () => {
    const before = await rows();
    const ids = await insertRows<Tally, { id: number }>(handle.db, add, [
      { name: 'w0', n: 5 },
      { name: 'fresh', n: 1 },
      { name: 'w3', n: -2 },
    ]);
    expect(ids.map((r) => Number(r.id))).toEqual([
      before.find((r) => r.name === 'w0')?.id,
      expect.any(Number),
      before.find((r) => r.name === 'w3')?.id,
    ]);
    const after = new Map((await rows()).map((r) => [r.name, r.n]));
    expect([after.get('w0'), after.get('fresh'), after.get('w3')]).toEqual([5, 1, 0]);
  });

  it('fails the whole statement on a bad row, in a transaction that then rolls back', async () => {
    const before = await rows();
    await expect(
      handle.db.transaction().execute(async (tx) => {
        await insertRows(tx, add, [
          { name: 'kept only if all are', n: 1 },
          { name: null as unknown as string, n: 1 },
        ]);
      }),
    ).rejects.toThrow();
    expect(await rows()).toEqual(before);
  });
});
