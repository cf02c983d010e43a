import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The local day (couple's time zone) a message counts on, fixed when it is sent: deleting it
  // later takes its words off that same day even if the couple has changed time zone since.
  await db.schema.alterTable('messages').addColumn('day', 'text').execute();

  // Words per user per local day, maintained with each stored or deleted message, so a ranking
  // reads at most 7 days × distinct words instead of every message of the week.
  await db.schema
    .createTable('word_counts')
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('word', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('word_counts_pk', ['couple_id', 'day', 'user_id', 'word'])
    .execute();

  // The ranking's window, kept summed: word_window holds, per user (and for both together),
  // the counts of every word_counts day from couples.words_from on. A read moves the window to
  // today's (subtracting the days that left it), then reads the top N by index — its cost follows
  // N, not the number of messages nor the size of the vocabulary.
  await db.schema.alterTable('couples').addColumn('words_from', 'text').execute();
  await db.schema
    .createTable('word_window')
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    // A member's id, or '*' for both partners together.
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('word', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('word_window_pk', ['couple_id', 'user_id', 'word'])
    .execute();
  await db.schema
    .createIndex('word_window_top_idx')
    .on('word_window')
    .columns(['couple_id', 'user_id', 'count'])
    .execute();

  await db.schema
    .createTable('excluded_words')
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('word', 'text', (c) => c.notNull())
    .addColumn('excluded_by', 'text', (c) => c.notNull())
    .addColumn('excluded_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('excluded_words_pk', ['couple_id', 'word'])
    .execute();

  // Top 3, 5 or 10: each user's own choice.
  await db.schema
    .alterTable('users')
    .addColumn('ranking_size', 'integer', (c) => c.notNull().defaultTo(5))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('ranking_size').execute();
  await db.schema.dropTable('excluded_words').execute();
  await db.schema.dropTable('word_window').execute();
  await db.schema.alterTable('couples').dropColumn('words_from').execute();
  await db.schema.dropTable('word_counts').execute();
  await db.schema.alterTable('messages').dropColumn('day').execute();
}
