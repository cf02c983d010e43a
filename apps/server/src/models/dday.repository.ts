import type { Kysely, Selectable } from 'kysely';
import type { Database, DdaysTable } from '../db/schema.js';

export type DdayRow = Selectable<DdaysTable>;

/** The couple's D-days, and which one (if any) is pinned to the chat; every method names the couple. */
export class DdayRepository {
  constructor(private readonly db: Kysely<Database>) {}

  list(coupleId: string): Promise<DdayRow[]> {
    return this.db
      .selectFrom('ddays')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .orderBy('date')
      .orderBy('id')
      .execute();
  }

  find(coupleId: string, id: string): Promise<DdayRow | undefined> {
    return this.db
      .selectFrom('ddays')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async insert(row: DdaysTable): Promise<void> {
    await this.db.insertInto('ddays').values(row).execute();
  }

  /** Whether the couple had such a D-day. */
  async delete(coupleId: string, id: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('ddays')
      .where('couple_id', '=', coupleId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async deleteAll(coupleId: string): Promise<void> {
    await this.db.deleteFrom('ddays').where('couple_id', '=', coupleId).execute();
  }

  /**
   * The pin's JSON, read while locking the couple's row (a no-op update) until the transaction
   * ends: a pin and a delete of the pinned D-day then run one after the other, so a pin never
   * names a deleted D-day. Undefined when there is no such couple.
   */
  async lockPinned(coupleId: string): Promise<string | null | undefined> {
    const row = await this.db
      .updateTable('couples')
      .set((eb) => ({ pinned_dday: eb.ref('pinned_dday') }))
      .where('id', '=', coupleId)
      .returning('pinned_dday')
      .executeTakeFirst();
    return row ? (row.pinned_dday ?? null) : undefined;
  }

  async setPinned(coupleId: string, pinned: string | null): Promise<void> {
    await this.db
      .updateTable('couples')
      .set({ pinned_dday: pinned })
      .where('id', '=', coupleId)
      .execute();
  }
}
