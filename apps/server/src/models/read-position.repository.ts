import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export class ReadPositionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(coupleId: string): Promise<{ user_id: string; seq: number }[]> {
    const rows = await this.db
      .selectFrom('read_positions')
      .select(['user_id', 'seq'])
      .where('couple_id', '=', coupleId)
      .execute();
    return rows.map((r) => ({ user_id: r.user_id, seq: Number(r.seq) }));
  }

  /** Moves the position forward only; true when it moved. */
  async advance(coupleId: string, userId: string, seq: number, now: number): Promise<boolean> {
    const r = await this.db
      .insertInto('read_positions')
      .values({ couple_id: coupleId, user_id: userId, seq, updated_at: now })
      .onConflict((oc) =>
        oc
          .columns(['couple_id', 'user_id'])
          .doUpdateSet({ seq, updated_at: now })
          .where('read_positions.seq', '<', seq),
      )
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  async deleteAll(coupleId: string): Promise<void> {
    await this.db.deleteFrom('read_positions').where('couple_id', '=', coupleId).execute();
  }
}
