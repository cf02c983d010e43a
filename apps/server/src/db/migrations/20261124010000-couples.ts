import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('couples')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text')
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('ending_requested_by', 'text')
    .addColumn('ends_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  // The sweeper looks for couples whose grace period is over.
  await db.schema
    .createIndex('couples_ending_idx')
    .on('couples')
    .columns(['status', 'ends_at'])
    .execute();

  // user_id is the primary key: a user is in at most one couple, and the database enforces it.
  await db.schema
    .createTable('couple_members')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('couple_members_couple_idx')
    .on('couple_members')
    .column('couple_id')
    .execute();

  await db.schema
    .createTable('connection_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Unique: one outgoing request per user at a time.
    .addColumn('from_user_id', 'text', (c) =>
      c.notNull().unique().references('users.id').onDelete('cascade'),
    )
    .addColumn('to_user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('time_zone', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('connection_requests_to_idx')
    .on('connection_requests')
    .column('to_user_id')
    .execute();

  await db.schema
    .createTable('invites')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('couple_events')
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('couple_events_pk', ['couple_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('couple_events').execute();
  await db.schema.dropTable('invites').execute();
  await db.schema.dropTable('connection_requests').execute();
  await db.schema.dropTable('couple_members').execute();
  await db.schema.dropTable('couples').execute();
}
