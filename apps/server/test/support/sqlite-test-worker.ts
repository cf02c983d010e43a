// A SQLite thread entry for test/sqlite-worker.test.ts: procedures over a small `notes` table.
import { sql } from 'kysely';
import { serveSqlite } from '../../src/db/sqlite-thread.js';
import { DomainError } from '../../src/errors.js';

serveSqlite({
  async notes(db) {
    const { rows } = await sql<{ body: string }>`select body from notes order by id`.execute(db);
    return rows.map((r) => r.body);
  },
  async addNotes(db, args) {
    const bodies = args as string[];
    await db.transaction().execute(async (trx) => {
      for (const body of bodies) await sql`insert into notes (body) values (${body})`.execute(trx);
    });
    return bodies.length;
  },
  async refuse() {
    throw new DomainError('not_found', 'No such note.');
  },
});
