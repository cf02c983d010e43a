import { type Kysely, sql } from 'kysely';
import { fullTextOf, sqliteFullText } from '../full-text.js';

/** The search index's settings as a new schema has them (SQLite: merging in bounded steps). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await fullTextOf(db).configure(db);
}

/** SQLite: FTS5 merges on its own again (its default, automerge 4). */
export async function down(db: Kysely<unknown>): Promise<void> {
  if (fullTextOf(db) !== sqliteFullText) return;
  await sql`insert into message_search(message_search, rank) values ('automerge', 4)`.execute(db);
}
