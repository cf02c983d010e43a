import type { RankedWord } from '@couple-chat/protocol';
import { type Kysely, sql } from 'kysely';
import { type InsertShape, insertRows } from '../db/batch-statements.js';
import type { Database, WordCountsTable, WordWindowTable } from '../db/schema.js';

/** Adds each row's count to its day's (a new row if there was none). */
const dayCountsAdd: InsertShape<WordCountsTable> = {
  table: 'word_counts',
  columns: ['couple_id', 'day', 'user_id', 'word', 'count'],
  tail: `on conflict ("couple_id", "day", "user_id", "word")
    do update set "count" = "word_counts"."count" + excluded."count"`,
};

/** Adds each row's count to the window's sum. */
const windowCountsAdd: InsertShape<WordWindowTable> = {
  table: 'word_window',
  columns: ['couple_id', 'user_id', 'word', 'count'],
  tail: `on conflict ("couple_id", "user_id", "word")
    do update set "count" = "word_window"."count" + excluded."count"`,
};

/** The word_window row that sums both partners. */
export const TOGETHER = '*';

/**
 * Word counts per user and local day (word_counts), and their sum over the ranking's window
 * (word_window, from couples.words_from on). Both change in the transaction that stores or deletes
 * the message whose words they count.
 */
export class WordCountRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Adds each delta (negative for a deleted message) to its day and to the window, creating rows
   * as needed and removing the ones that reach zero. The caller makes sure the days are in the
   * window (on or after the couple's words_from); deltas must be distinct per key.
   */
  async record(deltas: readonly WordCountsTable[]): Promise<void> {
    if (deltas.length === 0) return;
    await insertRows(this.db, dayCountsAdd, deltas);
    await this.addToWindow(deltas);
    const emptied = deltas.filter((d) => d.count < 0);
    for (const coupleId of new Set(emptied.map((d) => d.couple_id))) {
      await this.db
        .deleteFrom('word_counts')
        .where('couple_id', '=', coupleId)
        .where('day', 'in', [...new Set(emptied.map((d) => d.day))])
        .where('count', '<=', 0)
        .execute();
    }
  }

  /** Each (user, word) delta goes to the user's row and to the together row. */
  private async addToWindow(deltas: readonly Omit<WordCountsTable, 'day'>[]): Promise<void> {
    const rows = new Map<
      string,
      { couple_id: string; user_id: string; word: string; count: number }
    >();
    for (const d of deltas) {
      for (const user_id of [d.user_id, TOGETHER]) {
        const key = `${d.couple_id}\n${user_id}\n${d.word}`;
        const row = rows.get(key);
        if (row) row.count += d.count;
        else rows.set(key, { couple_id: d.couple_id, user_id, word: d.word, count: d.count });
      }
    }
    const changed = [...rows.values()].filter((r) => r.count !== 0);
    if (changed.length === 0) return;
    await insertRows(this.db, windowCountsAdd, changed);
    if (changed.some((r) => r.count < 0)) {
      await this.db
        .deleteFrom('word_window')
        .where('couple_id', 'in', [...new Set(changed.map((r) => r.couple_id))])
        .where('count', '<=', 0)
        .execute();
    }
  }

  /**
   * Moves the couple's window to start on `from`: the days before it leave the sums, and their
   * rows are dropped. `knownFrom` is the start the caller read; if another writer has moved the
   * window since, this does nothing (compare-and-set on the couple's row, which also orders this
   * against concurrent sends and deletes of the same couple).
   */
  async moveWindow(coupleId: string, knownFrom: string | null, from: string): Promise<void> {
    if (knownFrom !== null && knownFrom >= from) return;
    const moved = await this.db
      .updateTable('couples')
      .set({ words_from: from })
      .where('id', '=', coupleId)
      .where('words_from', knownFrom === null ? 'is' : '=', knownFrom)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 0) return;
    const leaving = await this.db
      .selectFrom('word_counts')
      .select(['couple_id', 'user_id', 'word', (eb) => eb.fn.sum<number>('count').as('count')])
      .where('couple_id', '=', coupleId)
      .where('day', '<', from)
      .groupBy(['couple_id', 'user_id', 'word'])
      .execute();
    await this.addToWindow(leaving.map((r) => ({ ...r, count: -Number(r.count) })));
    await this.db
      .deleteFrom('word_counts')
      .where('couple_id', '=', coupleId)
      .where('day', '<', from)
      .execute();
  }

  /**
   * The `size` most used words of one user (or TOGETHER) in the window, leaving out the couple's
   * excluded words; ties in code-point order. Reads the index from the top, so its cost follows
   * `size` (plus ties at the cut), not the vocabulary.
   */
  async top(coupleId: string, userId: string, size: number): Promise<RankedWord[]> {
    const notExcluded = sql<boolean>`not exists (select 1 from excluded_words x where x.couple_id = w.couple_id and x.word = w.word)`;
    // The size-th highest count: every word with at least that many is a candidate, so a tie at
    // the cut is settled below by the word, the same way on every database.
    const cut = this.db
      .selectFrom('word_window as w')
      .select('w.count')
      .where('w.couple_id', '=', coupleId)
      .where('w.user_id', '=', userId)
      .where(notExcluded)
      .orderBy('w.count', 'desc')
      .limit(1)
      .offset(size - 1);
    const rows = await this.db
      .selectFrom('word_window as w')
      .select(['w.word', 'w.count'])
      .where('w.couple_id', '=', coupleId)
      .where('w.user_id', '=', userId)
      .where(notExcluded)
      .where((eb) => eb('w.count', '>=', eb.fn.coalesce(cut, sql<number>`1`)))
      .orderBy('w.count', 'desc')
      .execute();
    return rows
      .map((r) => ({ word: r.word, count: Number(r.count) }))
      .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
      .slice(0, size);
  }

  async deleteAll(coupleId: string): Promise<void> {
    await this.db.deleteFrom('word_counts').where('couple_id', '=', coupleId).execute();
    await this.db.deleteFrom('word_window').where('couple_id', '=', coupleId).execute();
  }
}
