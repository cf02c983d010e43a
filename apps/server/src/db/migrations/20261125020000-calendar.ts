import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The couple's shared calendar. Dates and times are the couple's local ones (YYYY-MM-DD, HH:MM),
  // stored as text: "our day" has no instant, and text sorts correctly in both dialects.
  await db.schema
    .createTable('calendar_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text')
    .addColumn('end_time', 'text')
    .addColumn('note', 'text')
    // 0 or 1: an integer reads the same from SQLite and PostgreSQL.
    .addColumn('yearly', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('calendar_events_couple_idx')
    .on('calendar_events')
    .columns(['couple_id', 'start_date'])
    .execute();

  await db.schema
    .createTable('ddays')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ddays_couple_idx')
    .on('ddays')
    .columns(['couple_id', 'date'])
    .execute();

  // What is pinned to the top of the chat: JSON of the protocol's PinnedDday; null = none.
  await db.schema.alterTable('couples').addColumn('pinned_dday', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('couples').dropColumn('pinned_dday').execute();
  await db.schema.dropTable('ddays').execute();
  await db.schema.dropTable('calendar_events').execute();
}
