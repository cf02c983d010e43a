import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** Storage prefixes to remove, recorded with the rows' deletion (see the migration). */
export class BlobDeletionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async add(prefixes: readonly string[], now: number): Promise<void> {
    if (prefixes.length === 0) return;
    await this.db
      .insertInto('blob_deletions')
      .values(prefixes.map((prefix) => ({ prefix, created_at: now })))
      .onConflict((oc) => oc.column('prefix').doNothing())
      .execute();
  }

  async oldest(limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('blob_deletions')
      .select('prefix')
      .orderBy('created_at')
      .limit(limit)
      .execute();
    return rows.map((r) => r.prefix);
  }

  async done(prefix: string): Promise<void> {
    await this.db.deleteFrom('blob_deletions').where('prefix', '=', prefix).execute();
  }
}
