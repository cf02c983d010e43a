import type { Kysely } from 'kysely';
import { toMessageDto } from '../../services/message.presenter.js';
import type { Database } from '../schema.js';

/** Rows per statement in `down`: five parameters each, well under both databases' limits. */
const BATCH = 1000;

/**
 * A message's `message.created` event is read from the messages table (see
 * CoupleEventRepository): its copy in couple_events, written with every message until now, goes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await (db as Kysely<Database>)
    .deleteFrom('couple_events')
    .where('type', '=', 'message.created')
    .execute();
}

/** Logs every message again, as it is now (a deleted one as its tombstone). */
export async function down(db: Kysely<unknown>): Promise<void> {
  const d = db as Kysely<Database>;
  for (let after = { couple: '', seq: -1 }; ; ) {
    const page = await d
      .selectFrom('messages')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('couple_id', '>', after.couple),
          eb.and([eb('couple_id', '=', after.couple), eb('seq', '>', after.seq)]),
        ]),
      )
      .orderBy('couple_id')
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    if (page.length === 0) return;
    await d
      .insertInto('couple_events')
      .values(
        page.map((m) => ({
          couple_id: m.couple_id,
          seq: Number(m.seq),
          type: 'message.created',
          payload: JSON.stringify({ type: 'message.created', message: toMessageDto(m) }),
          created_at: Number(m.created_at),
        })),
      )
      .execute();
    const last = page.at(-1) as (typeof page)[number];
    after = { couple: last.couple_id, seq: Number(last.seq) };
  }
}
