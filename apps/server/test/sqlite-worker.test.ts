import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/db/database.js';
import { uniqueViolationColumn } from '../src/db/errors.js';
import { DomainError } from '../src/errors.js';

const entry = new URL('./support/sqlite-test-worker.ts', import.meta.url);

describe('SQLite on its own thread', () => {
  let dir: string;
  let database: DatabaseHandle;
  const call = (name: string, args?: unknown) => {
    if (!database.call) throw new Error('SQLite databases have procedures');
    return database.call(name, args);
  };

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-sqlite-worker-'));
    database = openDatabase({
      kind: 'sqlite',
      file: path.join(dir, 'db.sqlite'),
      synchronous: 'NORMAL',
      entry,
    });
    await sql`create table notes (id integer primary key, body text not null unique, data blob)`.execute(
      database.db,
    );
  });

  afterEach(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs statements and returns rows, counts, ids and blobs as better-sqlite3 would', async () => {
    const inserted =
      await sql`insert into notes (body, data) values (${'안녕'}, ${Buffer.from([0, 255, 7])})`.execute(
        database.db,
      );
    expect(inserted.numAffectedRows).toBe(1n);
    expect(inserted.insertId).toBe(1n);
    const { rows } = await sql<{
      id: number;
      body: string;
      data: Uint8Array;
    }>`select id, body, data from notes`.execute(database.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.body).toBe('안녕');
    expect([...(rows[0]?.data ?? [])]).toEqual([0, 255, 7]);
  });

  it('keeps statement journals in memory, so a statement writes to no file but the WAL', async () => {
    const { rows } = await sql<{ temp_store: number }>`pragma temp_store`.execute(database.db);
    expect(rows[0]?.temp_store).toBe(2); // MEMORY
  });

  it('lets the WAL file keep the size it reaches between two checkpoints of the writer', async () => {
    const read = async (pragma: string) =>
      Number(
        Object.values((await sql.raw(`pragma ${pragma}`).execute(database.db)).rows[0] ?? {})[0],
      );
    const reached = (await read('wal_autocheckpoint')) * (await read('page_size'));
    expect(reached).toBeGreaterThan(0);
    expect(await read('journal_size_limit')).toBeGreaterThanOrEqual(reached * 1.1);
  });

  it('keeps a committed transaction and drops a rolled-back one', async () => {
    await database.db.transaction().execute(async (trx) => {
      await sql`insert into notes (body) values ('kept')`.execute(trx);
    });
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`insert into notes (body) values ('dropped')`.execute(trx);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await call('notes')).toEqual(['kept']);
  });

  it("reports SQLite's error codes, so a unique violation is recognised", async () => {
    await sql`insert into notes (body) values ('once')`.execute(database.db);
    const err = await sql`insert into notes (body) values ('once')`
      .execute(database.db)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(uniqueViolationColumn(err)).toBeDefined();
  });

  it('runs a procedure there, with its transaction, and keeps a DomainError one', async () => {
    expect(await call('addNotes', ['a', 'b'])).toBe(2);
    expect(await call('notes')).toEqual(['a', 'b']);
    // A failing procedure's transaction leaves nothing behind.
    await expect(call('addNotes', ['c', 'a'])).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_UNIQUE',
    });
    expect(await call('notes')).toEqual(['a', 'b']);
    const refused = await call('refuse').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'not_found', message: 'No such note.' });
    await expect(call('nothing')).rejects.toThrow('No procedure named nothing.');
  });

  it('never runs a procedure inside a transaction that is open on this thread', async () => {
    let during: Promise<unknown> | undefined;
    await database.db.transaction().execute(async (trx) => {
      await sql`insert into notes (body) values ('first')`.execute(trx);
      // Asked while the transaction is open: it waits for the commit, then sees it whole.
      during = call('notes');
      await new Promise((resolve) => setTimeout(resolve, 20));
      await sql`insert into notes (body) values ('second')`.execute(trx);
    });
    expect(await during).toEqual(['first', 'second']);
  });

  it('leaves the event loop free while a statement runs', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    // About a quarter of a second of work for SQLite, none for this thread.
    await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 3000000) select count(*) from n`.execute(
      database.db,
    );
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(elapsed).toBeGreaterThan(50);
    expect(ticks).toBeGreaterThan(elapsed / 5 / 3);
  });

  it('copies the WAL back into the database file from another thread', async () => {
    const file = path.join(dir, 'db.sqlite');
    const before = fs.statSync(file).size;
    // 2 MiB: far below the writer's own checkpoint threshold, so only the checkpointer moves it.
    await sql`insert into notes (body, data) values ('big', ${Buffer.alloc(2 * 1024 * 1024, 7)})`.execute(
      database.db,
    );
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(2 * 1024 * 1024);
    const deadline = Date.now() + 5_000;
    while (fs.statSync(file).size < before + 2 * 1024 * 1024 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(fs.statSync(file).size).toBeGreaterThanOrEqual(before + 2 * 1024 * 1024);
  });

  it('ends the thread on close; a later query fails plainly', async () => {
    await database.close();
    await expect(sql`select 1`.execute(database.db)).rejects.toThrow();
    // afterEach closes again: closing twice is harmless.
  });

  it('refuses to open a database it cannot create', async () => {
    // A directory where the file should be.
    const broken = openDatabase({ kind: 'sqlite', file: dir, synchronous: 'NORMAL', entry });
    await expect(sql`select 1`.execute(broken.db)).rejects.toMatchObject({
      code: 'SQLITE_CANTOPEN',
    });
    await broken.close();
  });
});
