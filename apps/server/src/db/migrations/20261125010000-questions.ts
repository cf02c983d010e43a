import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Each asking of a question in a couple's chat; the text is copied so a later bank edit does
  // not rewrite what was asked.
  await db.schema
    .createTable('couple_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    // The bank question's id, or `custom:<id>` for the couple's own.
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('word', 'text', (c) => c.notNull())
    .addColumn('text_ko', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('principle', 'text')
    .addColumn('message_id', 'text')
    .addColumn('asked_at', 'bigint', (c) => c.notNull())
    .addColumn('revealed_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('couple_questions_asked_idx')
    .on('couple_questions')
    .columns(['couple_id', 'asked_at'])
    .execute();
  // At most one open question per couple, whatever races.
  await db.schema
    .createIndex('couple_questions_one_open_idx')
    .on('couple_questions')
    .column('couple_id')
    .unique()
    .where(sql.ref('revealed_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('question_answers')
    .addColumn('couple_question_id', 'text', (c) =>
      c.notNull().references('couple_questions.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('question_answers_pk', ['couple_question_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('custom_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('word', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('custom_questions_couple_idx')
    .on('custom_questions')
    .column('couple_id')
    .execute();

  await db.schema
    .createTable('disabled_keywords')
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('keyword_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('disabled_keywords_pk', ['couple_id', 'keyword_id'])
    .execute();

  // What every send needs to know, on the row the send locks anyway: the open question, who still
  // has to answer it (JSON array of user ids), and when the next question may come.
  await db.schema.alterTable('couples').addColumn('open_question_id', 'text').execute();
  await db.schema.alterTable('couples').addColumn('question_waiting', 'text').execute();
  await db.schema.alterTable('couples').addColumn('question_next_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['question_next_at', 'question_waiting', 'open_question_id']) {
    await db.schema.alterTable('couples').dropColumn(column).execute();
  }
  await db.schema.dropTable('disabled_keywords').execute();
  await db.schema.dropTable('custom_questions').execute();
  await db.schema.dropTable('question_answers').execute();
  await db.schema.dropTable('couple_questions').execute();
}
