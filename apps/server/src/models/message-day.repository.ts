import type { Kysely, Selectable } from 'kysely';
import { type InsertShape, insertRows } from '../db/batch-statements.js';
import type { Database, MessageDaysTable } from '../db/schema.js';

export type MessageDayRow = Selectable<MessageDaysTable>;

const daysAdd: InsertShape<MessageDaysTable> = {
  table: 'message_days',
  columns: ['couple_id', 'day', 'first_seq', 'last_seq', 'messages'],
  tail: `on conflict ("couple_id", "day") do update set
    "first_seq" = case when excluded."first_seq" < "message_days"."first_seq"
      then excluded."first_seq" else "message_days"."first_seq" end,
    "last_seq" = case when excluded."last_seq" > "message_days"."last_seq"
      then excluded."last_seq" else "message_days"."last_seq" end,
    "messages" = "message_days"."messages" + excluded."messages"`,
};

/** The seqs that date filters keep; `exact` false when another day's messages fall among them. */
export interface DayRange {
  lo: number;
  hi: number;
  exact: boolean;
}

/**
 * Per couple and local day: the first and last seq sent that day and how many of its messages are
 * not deleted, maintained with each stored or deleted message. Date search reads days, not messages.
 */
export class MessageDayRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Adds these counts (negative when deleting) and widens the days' seq ranges; one upsert. */
  async record(deltas: readonly MessageDaysTable[]): Promise<void> {
    await insertRows(this.db, daysAdd, deltas);
  }

  /** The days from `from` to `to` (both included) that have a message that is not deleted. */
  async daysBetween(coupleId: string, from: string, to: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('message_days')
      .select('day')
      .where('couple_id', '=', coupleId)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .where('messages', '>', 0)
      .orderBy('day')
      .execute();
    return rows.map((r) => r.day);
  }

  /** The first day on or after `day` that has a message that is not deleted. */
  firstDayFrom(coupleId: string, day: string): Promise<MessageDayRow | undefined> {
    return this.db
      .selectFrom('message_days')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .where('day', '>=', day)
      .where('messages', '>', 0)
      .orderBy('day')
      .limit(1)
      .executeTakeFirst();
  }

  /**
   * The seqs sent on the days from `since` to `until` (either open): exact unless a change of time
   * zone put another day's messages among them (then each message's own day must be checked).
   */
  async seqRange(
    coupleId: string,
    since: string | undefined,
    until: string | undefined,
  ): Promise<DayRange | undefined> {
    let inside = this.db.selectFrom('message_days').where('couple_id', '=', coupleId);
    if (since) inside = inside.where('day', '>=', since);
    if (until) inside = inside.where('day', '<=', until);
    const bounds = await inside
      .select((eb) => [eb.fn.min('first_seq').as('lo'), eb.fn.max('last_seq').as('hi')])
      .executeTakeFirst();
    if (bounds?.lo === null || bounds?.lo === undefined || bounds.hi === null) return undefined;
    const lo = Number(bounds.lo);
    const hi = Number(bounds.hi);
    const intruder = await this.db
      .selectFrom('message_days')
      .select('day')
      .where('couple_id', '=', coupleId)
      .where((eb) =>
        eb.or([
          ...(since ? [eb('day', '<', since)] : []),
          ...(until ? [eb('day', '>', until)] : []),
        ]),
      )
      .where('first_seq', '<=', hi)
      .where('last_seq', '>=', lo)
      .limit(1)
      .executeTakeFirst();
    return { lo, hi, exact: intruder === undefined };
  }

  async deleteAll(coupleId: string): Promise<void> {
    await this.db.deleteFrom('message_days').where('couple_id', '=', coupleId).execute();
  }
}
