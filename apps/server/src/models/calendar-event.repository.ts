import type { Kysely, Selectable, Updateable } from 'kysely';
import type { CalendarEventsTable, Database } from '../db/schema.js';

export type CalendarEventRow = Selectable<CalendarEventsTable>;
export type CalendarEventChanges = Omit<
  Updateable<CalendarEventsTable>,
  'id' | 'couple_id' | 'created_by' | 'created_at'
>;

/** The couple's shared calendar events; every method names the couple. */
export class CalendarEventRepository {
  constructor(private readonly db: Kysely<Database>) {}

  list(coupleId: string): Promise<CalendarEventRow[]> {
    return this.db
      .selectFrom('calendar_events')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .orderBy('start_date')
      .orderBy('start_time')
      .orderBy('id')
      .execute();
  }

  find(coupleId: string, id: string): Promise<CalendarEventRow | undefined> {
    return this.db
      .selectFrom('calendar_events')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async insert(row: CalendarEventsTable): Promise<void> {
    await this.db.insertInto('calendar_events').values(row).execute();
  }

  /** The changed row, or undefined when the couple has no such event. */
  update(
    coupleId: string,
    id: string,
    changes: CalendarEventChanges,
  ): Promise<CalendarEventRow | undefined> {
    return this.db
      .updateTable('calendar_events')
      .set(changes)
      .where('couple_id', '=', coupleId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  /** Whether the couple had such an event. */
  async delete(coupleId: string, id: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('calendar_events')
      .where('couple_id', '=', coupleId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async deleteAll(coupleId: string): Promise<void> {
    await this.db.deleteFrom('calendar_events').where('couple_id', '=', coupleId).execute();
  }
}
