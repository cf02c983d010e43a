import type { Kysely, Selectable } from 'kysely';
import type { Database, ExcludedWordsTable } from '../db/schema.js';

export type ExcludedWordRow = Selectable<ExcludedWordsTable>;

/** The words a couple has taken out of its ranking. */
export class ExcludedWordRepository {
  constructor(private readonly db: Kysely<Database>) {}

  list(coupleId: string): Promise<ExcludedWordRow[]> {
    return this.db
      .selectFrom('excluded_words')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .orderBy('excluded_at', 'desc')
      .orderBy('word')
      .execute();
  }

  /** Adds the words not yet excluded; returns those it added. */
  async add(rows: readonly ExcludedWordsTable[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const added = await this.db
      .insertInto('excluded_words')
      .values(rows)
      .onConflict((oc) => oc.columns(['couple_id', 'word']).doNothing())
      .returning('word')
      .execute();
    return added.map((r) => r.word);
  }

  /** Removes the words that were excluded; returns those it removed. */
  async remove(coupleId: string, words: readonly string[]): Promise<string[]> {
    if (words.length === 0) return [];
    const removed = await this.db
      .deleteFrom('excluded_words')
      .where('couple_id', '=', coupleId)
      .where('word', 'in', words)
      .returning('word')
      .execute();
    return removed.map((r) => r.word);
  }

  async deleteAll(coupleId: string): Promise<void> {
    await this.db.deleteFrom('excluded_words').where('couple_id', '=', coupleId).execute();
  }
}
