import { type Kysely, type Selectable, sql } from 'kysely';
import type {
  CoupleQuestionsTable,
  CustomQuestionsTable,
  Database,
  QuestionAnswersTable,
} from '../db/schema.js';

export type CoupleQuestionRow = Selectable<CoupleQuestionsTable>;
export type AnswerRow = Selectable<QuestionAnswersTable>;
export type CustomQuestionRow = Selectable<CustomQuestionsTable>;

/** `%`, `_` and `\` are plain characters in a search, not patterns. */
const likeEscaped = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Questions asked in couples' chats, their answers, and each couple's own questions. */
export class QuestionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: CoupleQuestionRow): Promise<void> {
    await this.db.insertInto('couple_questions').values(row).execute();
  }

  find(coupleId: string, id: string): Promise<CoupleQuestionRow | undefined> {
    return this.db
      .selectFrom('couple_questions')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async markRevealed(id: string, at: number): Promise<void> {
    await this.db
      .updateTable('couple_questions')
      .set({ revealed_at: at })
      .where('id', '=', id)
      .execute();
  }

  /** When each of these questions was last asked in the couple's chat. */
  async lastAsked(coupleId: string, questionIds: readonly string[]): Promise<Map<string, number>> {
    if (questionIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('couple_questions')
      .select(['question_id', (eb) => eb.fn.max('asked_at').as('at')])
      .where('couple_id', '=', coupleId)
      .where('question_id', 'in', questionIds)
      .groupBy('question_id')
      .execute();
    return new Map(rows.map((r) => [r.question_id, Number(r.at)]));
  }

  /**
   * The archive, newest first: optionally one principle, and a text found in the question or in a
   * revealed answer.
   */
  archive(
    coupleId: string,
    options: { principle?: string; text?: string; before?: number; limit: number },
  ): Promise<CoupleQuestionRow[]> {
    let q = this.db
      .selectFrom('couple_questions as q')
      .selectAll('q')
      .where('q.couple_id', '=', coupleId);
    if (options.principle) q = q.where('q.principle', '=', options.principle);
    if (options.before !== undefined) q = q.where('q.asked_at', '<', options.before);
    if (options.text) {
      const pattern = likeEscaped(options.text.toLowerCase());
      const like = (column: string) =>
        sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
      q = q.where((eb) =>
        eb.or([
          like('q.text_ko'),
          like('q.text_en'),
          eb.exists(
            eb
              .selectFrom('question_answers as a')
              .select(sql`1`.as('one'))
              .whereRef('a.couple_question_id', '=', 'q.id')
              .where('q.revealed_at', 'is not', null)
              .where(like('a.body')),
          ),
        ]),
      );
    }
    return q.orderBy('q.asked_at', 'desc').orderBy('q.id', 'desc').limit(options.limit).execute();
  }

  /** Every question asked in the couple's chat, oldest first (for the export). */
  all(coupleId: string): Promise<CoupleQuestionRow[]> {
    return this.db
      .selectFrom('couple_questions')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .orderBy('asked_at')
      .orderBy('id')
      .execute();
  }

  answersOf(questionIds: readonly string[]): Promise<AnswerRow[]> {
    if (questionIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('question_answers')
      .selectAll()
      .where('couple_question_id', 'in', questionIds)
      .orderBy('answered_at')
      .execute();
  }

  /** Inserts or edits one's answer; true if it is the first answer of this user. */
  async saveAnswer(row: AnswerRow): Promise<boolean> {
    const edited = await this.db
      .updateTable('question_answers')
      .set({ body: row.body, updated_at: row.updated_at })
      .where('couple_question_id', '=', row.couple_question_id)
      .where('user_id', '=', row.user_id)
      .executeTakeFirst();
    if (Number(edited.numUpdatedRows) > 0) return false;
    await this.db.insertInto('question_answers').values(row).execute();
    return true;
  }

  customQuestions(coupleId: string): Promise<CustomQuestionRow[]> {
    return this.db
      .selectFrom('custom_questions')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .orderBy('created_at')
      .execute();
  }

  /** The custom questions of these couples whose word is among `words`. */
  customMatching(
    coupleIds: readonly string[],
    words: readonly string[],
  ): Promise<CustomQuestionRow[]> {
    if (coupleIds.length === 0 || words.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('custom_questions')
      .selectAll()
      .where('couple_id', 'in', coupleIds)
      .where('word', 'in', words)
      .orderBy('created_at')
      .execute();
  }

  async insertCustom(row: CustomQuestionRow): Promise<void> {
    await this.db.insertInto('custom_questions').values(row).execute();
  }

  async deleteCustom(coupleId: string, id: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('custom_questions')
      .where('couple_id', '=', coupleId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async disabledKeywords(coupleId: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('disabled_keywords')
      .select('keyword_id')
      .where('couple_id', '=', coupleId)
      .execute();
    return new Set(rows.map((r) => r.keyword_id));
  }

  /** True if this changed anything. */
  async setKeywordEnabled(coupleId: string, keywordId: string, enabled: boolean): Promise<boolean> {
    if (enabled) {
      const r = await this.db
        .deleteFrom('disabled_keywords')
        .where('couple_id', '=', coupleId)
        .where('keyword_id', '=', keywordId)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    }
    const r = await this.db
      .insertInto('disabled_keywords')
      .values({ couple_id: coupleId, keyword_id: keywordId })
      .onConflict((oc) => oc.columns(['couple_id', 'keyword_id']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async deleteAll(coupleId: string): Promise<void> {
    await this.db.deleteFrom('couple_questions').where('couple_id', '=', coupleId).execute();
    await this.db.deleteFrom('custom_questions').where('couple_id', '=', coupleId).execute();
    await this.db.deleteFrom('disabled_keywords').where('couple_id', '=', coupleId).execute();
  }
}
