import type { Kysely, Selectable } from 'kysely';
import {
  type InsertShape,
  insertRows,
  perChunk,
  textPerCount,
  tuplesText,
} from '../db/batch-statements.js';
import type { Database, MessagesTable } from '../db/schema.js';

export type MessageRow = Selectable<MessagesTable>;

const messageInsert: InsertShape<MessagesTable> = {
  table: 'messages',
  columns: [
    'couple_id',
    'id',
    'seq',
    'sender_id',
    'body',
    'created_at',
    'deleted_at',
    'day',
    'attachments',
  ],
};

/** One primary-key lookup per pair. */
const findManyText = textPerCount(
  (rows, postgres) =>
    `select * from messages where (couple_id, id) in (values ${tuplesText(rows, [null, null], postgres)})`,
);

export class MessageRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findById(coupleId: string, id: string): Promise<MessageRow | undefined> {
    return this.db
      .selectFrom('messages')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** The messages with these keys that exist, in any order. */
  findMany(keys: readonly { coupleId: string; id: string }[]): Promise<MessageRow[]> {
    return perChunk<{ coupleId: string; id: string }, MessageRow>(
      this.db,
      keys,
      findManyText,
      (k) => [k.coupleId, k.id],
    );
  }

  async insert(...messages: MessagesTable[]): Promise<void> {
    await insertRows(this.db, messageInsert, messages);
  }

  /** Blanks the text; true if this call deleted it (false if it was already deleted). */
  async markDeleted(coupleId: string, id: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('messages')
      .set({ body: null, attachments: null, deleted_at: now })
      .where('couple_id', '=', coupleId)
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Up to `limit` messages before `beforeSeq` (or the newest), newest first. */
  listBefore(
    coupleId: string,
    beforeSeq: number | undefined,
    limit: number,
  ): Promise<MessageRow[]> {
    let q = this.db.selectFrom('messages').selectAll().where('couple_id', '=', coupleId);
    if (beforeSeq !== undefined) q = q.where('seq', '<', beforeSeq);
    return q.orderBy('seq', 'desc').limit(limit).execute();
  }

  /** Up to `limit` messages after `afterSeq`, oldest first. */
  listAfter(coupleId: string, afterSeq: number, limit: number): Promise<MessageRow[]> {
    return this.db
      .selectFrom('messages')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  /** The messages with these seqs that exist, in any order. */
  findBySeqs(coupleId: string, seqs: readonly number[]): Promise<MessageRow[]> {
    if (seqs.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('messages')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .where('seq', 'in', [...seqs])
      .execute();
  }

  /** The seq of the first message sent on `day` that is not deleted, among seqs `from` … `to`. */
  async firstOfDay(coupleId: string, day: string, from: number, to: number) {
    const row = await this.db
      .selectFrom('messages')
      .select('seq')
      .where('couple_id', '=', coupleId)
      .where('seq', '>=', from)
      .where('seq', '<=', to)
      .where('day', '=', day)
      .where('deleted_at', 'is', null)
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : Number(row.seq);
  }

  /** Up to `limit` messages with text, among seqs `from` … `to`, newest first. */
  listTextBetween(coupleId: string, from: number, to: number, limit: number) {
    return this.db
      .selectFrom('messages')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .where('seq', '>=', from)
      .where('seq', '<=', to)
      .where('deleted_at', 'is', null)
      .where('body', 'is not', null)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
  }

  /** The seq of the couple's newest message, or 0 when there is none. */
  async latestSeq(coupleId: string): Promise<number> {
    const row = await this.db
      .selectFrom('messages')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('couple_id', '=', coupleId)
      .executeTakeFirst();
    return Number(row?.seq ?? 0);
  }

  async deleteAll(coupleId: string): Promise<void> {
    await this.db.deleteFrom('messages').where('couple_id', '=', coupleId).execute();
  }
}
