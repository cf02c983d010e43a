import { type Kysely, sql } from 'kysely';
import { MessageSearchRepository } from '../../models/message-search.repository.js';
import { searchDocuments } from '../../search/search-documents.js';
import { fullTextOf } from '../full-text.js';
import type { Database } from '../schema.js';

const BATCH = 2000;

export async function up(db: Kysely<unknown>): Promise<void> {
  // Date search: per couple and local day, where its messages are and how many remain.
  await db.schema
    .createTable('message_days')
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('first_seq', 'bigint', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addColumn('messages', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_days_pk', ['couple_id', 'day'])
    .execute();
  // Word search: the dialect's index (db/full-text.ts).
  await fullTextOf(db).createSchema(db);
  await backfill(db as Kysely<Database>);
}

/** The messages stored before this migration, indexed as if sent now. */
async function backfill(db: Kysely<Database>): Promise<void> {
  await sql`insert into message_days (couple_id, day, first_seq, last_seq, messages)
    select couple_id, day, min(seq), max(seq), sum(case when deleted_at is null then 1 else 0 end)
    from messages where day is not null group by couple_id, day`.execute(db);
  const index = new MessageSearchRepository(db);
  // Every couple gets its number now; new ones get it when they are created.
  await sql`insert into message_search_couples (couple_id) select id from couples order by created_at, id`.execute(
    db,
  );
  let after = { coupleId: '', seq: 0 };
  for (;;) {
    const rows = await db
      .selectFrom('messages')
      .select(['couple_id', 'seq', 'sender_id', 'body', 'attachments'])
      .where('deleted_at', 'is', null)
      .where('body', 'is not', null)
      .where((eb) =>
        eb.or([
          eb('couple_id', '>', after.coupleId),
          eb.and([eb('couple_id', '=', after.coupleId), eb('seq', '>', after.seq)]),
        ]),
      )
      .orderBy('couple_id')
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    const last = rows.at(-1);
    if (!last) return;
    const links = await db
      .selectFrom('message_links')
      .select(['couple_id', 'message_seq'])
      .where((eb) =>
        eb.or(
          [...new Set(rows.map((r) => r.couple_id))].map((coupleId) =>
            eb.and([
              eb('couple_id', '=', coupleId),
              eb(
                'message_seq',
                'in',
                rows.filter((r) => r.couple_id === coupleId).map((r) => r.seq),
              ),
            ]),
          ),
        ),
      )
      .execute();
    await index.add(
      searchDocuments(
        rows,
        links.map((l) => ({ couple_id: l.couple_id, message_seq: Number(l.message_seq) })),
      ),
    );
    after = { coupleId: last.couple_id, seq: Number(last.seq) };
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await fullTextOf(db).dropSchema(db);
  await db.schema.dropTable('message_days').execute();
}
