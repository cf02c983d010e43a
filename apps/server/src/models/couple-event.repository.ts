import { type Kysely, sql } from 'kysely';
import { type InsertShape, insertRows } from '../db/batch-statements.js';
import type { CoupleEventsTable, Database } from '../db/schema.js';
import type { MessageRow } from './message.repository.js';

const eventInsert: InsertShape<CoupleEventsTable> = {
  table: 'couple_events',
  columns: ['couple_id', 'seq', 'type', 'payload', 'created_at'],
};

/**
 * One entry of a couple's log: a message (its `message.created`, as the message is now) or any
 * other event, stored with its payload.
 */
export type CoupleLogEntry =
  | { seq: number; created_at: number; payload: string; message?: undefined }
  | { seq: number; created_at: number; message: MessageRow };

/** What the log's one statement returns: an event's columns or a message's, the other side null. */
interface LogColumns {
  seq: number;
  created_at: number;
  payload: string | null;
  id: string | null;
  sender_id: string | null;
  body: string | null;
  deleted_at: number | null;
  day: string | null;
  attachments: string | null;
}

/**
 * The couple's ordered log (DESIGN.md invariant 2) lives in two tables: the messages themselves,
 * whose seq is their `message.created` event's, and couple_events for every other event. A message
 * is thus stored once, and sending one writes no log row besides it.
 */
export class CoupleEventRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(...events: CoupleEventsTable[]): Promise<void> {
    await insertRows(this.db, eventInsert, events);
  }

  /**
   * The log after `afterSeq`, oldest first: both tables in one statement, so both are read in the
   * same snapshot (a commit between two reads could otherwise slip an event under the cursor).
   * Each side is an index range scan that stops at `limit`.
   */
  async listAfter(
    coupleId: string,
    afterSeq: number,
    limit: number,
    onlyCoupleEvents = false,
  ): Promise<CoupleLogEntry[]> {
    const events = sql`select seq, created_at, payload, cast(null as text) as id,
        cast(null as text) as sender_id, cast(null as text) as body,
        cast(null as bigint) as deleted_at, cast(null as text) as day,
        cast(null as text) as attachments
      from couple_events where couple_id = ${coupleId} and seq > ${afterSeq}
      ${onlyCoupleEvents ? sql`and type like 'couple.%'` : sql``}
      order by seq limit ${limit}`;
    const query = onlyCoupleEvents
      ? events
      : sql`select * from (${events}) as e union all select * from (
          select seq, created_at, cast(null as text) as payload, id, sender_id, body, deleted_at,
            day, attachments
          from messages where couple_id = ${coupleId} and seq > ${afterSeq}
          order by seq limit ${limit}) as m
        order by seq limit ${limit}`;
    const { rows } = await sql<LogColumns>`${query}`.execute(this.db);
    return rows.map((r) =>
      r.payload !== null
        ? { seq: Number(r.seq), created_at: Number(r.created_at), payload: r.payload }
        : {
            seq: Number(r.seq),
            created_at: Number(r.created_at),
            message: {
              couple_id: coupleId,
              id: r.id as string,
              seq: Number(r.seq),
              sender_id: r.sender_id as string,
              body: r.body,
              created_at: Number(r.created_at),
              deleted_at: r.deleted_at === null ? null : Number(r.deleted_at),
              day: r.day,
              attachments: r.attachments,
            },
          },
    );
  }

  async deleteAll(coupleId: string): Promise<void> {
    await this.db.deleteFrom('couple_events').where('couple_id', '=', coupleId).execute();
  }
}
