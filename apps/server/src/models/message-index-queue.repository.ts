import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** A stored message, by its place in its couple's log. */
export interface QueuedMessage {
  coupleId: string;
  seq: number;
}

/**
 * Messages stored but not yet counted in the derived indexes (word counts, days, search): the
 * send transaction adds them, services/message-indexer.ts takes them. Taking is deleting, so two
 * indexers (or an indexer and a delete) never both act on the same message.
 */
export class MessageIndexQueueRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async add(messages: readonly QueuedMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.db
      .insertInto('message_index_queue')
      .values(messages.map((m) => ({ couple_id: m.coupleId, seq: m.seq })))
      .execute();
  }

  /**
   * Up to `limit` queued messages, lowest couple and seq first, so a batch holds a few couples'
   * runs of messages (their index pages are written once) — only `coupleId`'s when given.
   */
  async peek(limit: number, coupleId?: string): Promise<QueuedMessage[]> {
    const rows = await this.db
      .selectFrom('message_index_queue')
      .select(['couple_id', 'seq'])
      .$if(coupleId !== undefined, (q) => q.where('couple_id', '=', coupleId as string))
      .orderBy('couple_id')
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ coupleId: r.couple_id, seq: Number(r.seq) }));
  }

  /** Removes these messages from the queue; returns the ones that were still there. */
  async take(messages: readonly QueuedMessage[]): Promise<QueuedMessage[]> {
    if (messages.length === 0) return [];
    const seqs = new Map<string, number[]>();
    for (const m of messages) seqs.set(m.coupleId, [...(seqs.get(m.coupleId) ?? []), m.seq]);
    const rows = await this.db
      .deleteFrom('message_index_queue')
      .where((eb) =>
        eb.or(
          [...seqs].map(([coupleId, s]) =>
            eb.and([eb('couple_id', '=', coupleId), eb('seq', 'in', s)]),
          ),
        ),
      )
      .returning(['couple_id', 'seq'])
      .execute();
    return rows.map((r) => ({ coupleId: r.couple_id, seq: Number(r.seq) }));
  }

  /** Takes one message off the queue; true if it was still waiting (so never counted). */
  async drop(coupleId: string, seq: number): Promise<boolean> {
    const r = await this.db
      .deleteFrom('message_index_queue')
      .where('couple_id', '=', coupleId)
      .where('seq', '=', seq)
      .executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async deleteAll(coupleId: string): Promise<void> {
    await this.db.deleteFrom('message_index_queue').where('couple_id', '=', coupleId).execute();
  }
}
