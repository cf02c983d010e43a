import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Messages stored but not yet counted in word_counts, message_days and the search index: the
  // send transaction only adds a row here, and services/message-indexer.ts moves them into those
  // indexes in batches (see docs/architecture.md, "Derived indexes").
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('message_index_queue')
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_index_queue_pk', ['couple_id', 'seq'])
    // SQLite: the rows are the key, one B-tree; the queue stays small, so its few pages are shared
    // by every couple's sends.
    .$call((t) => (postgres ? t : t.modifyEnd(sql`without rowid`)))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('message_index_queue').execute();
}
