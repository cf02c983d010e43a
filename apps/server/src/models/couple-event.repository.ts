import type { Kysely, Selectable } from 'kysely';
import type { CoupleEventsTable, Database } from '../db/schema.js';

export type CoupleEventRow = Selectable<CoupleEventsTable>;

export class CoupleEventRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(...events: CoupleEventsTable[]): Promise<void> {
    if (events.length === 0) return;
    await this.db.insertInto('couple_events').values(events).execute();
  }

  /** Events after `afterSeq`, oldest first (the primary key makes this an index range scan). */
  listAfter(
    coupleId: string,
    afterSeq: number,
    limit: number,
    onlyCoupleEvents = false,
  ): Promise<CoupleEventRow[]> {
    let q = this.db
      .selectFrom('couple_events')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .where('seq', '>', afterSeq);
    if (onlyCoupleEvents) q = q.where('type', 'like', 'couple.%');
    return q.orderBy('seq').limit(limit).execute();
  }

  /** Rewrites one event's payload; used to erase a deleted message's text from the log too. */
  async replacePayload(coupleId: string, seq: number, payload: string): Promise<void> {
    await this.db
      .updateTable('couple_events')
      .set({ payload })
      .where('couple_id', '=', coupleId)
      .where('seq', '=', seq)
      .execute();
  }

  async deleteAll(coupleId: string): Promise<void> {
    await this.db.deleteFrom('couple_events').where('couple_id', '=', coupleId).execute();
  }
}
