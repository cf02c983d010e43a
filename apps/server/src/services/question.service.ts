import type {
  AnswerDto,
  CustomQuestionDto,
  CustomQuestionInput,
  OpenQuestionResponse,
  Principle,
  QuestionDto,
  QuestionSettingsResponse,
  QuestionsResponse,
} from '@couple-chat/protocol';
import { DomainError, NotFoundError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import type { CustomQuestionRow } from '../models/question.repository.js';
import type { InTransaction, Repositories } from '../models/repositories.js';
import type { QuestionBankIndex } from '../questions/question-bank.js';
import type { AccessService } from './access.service.js';
import { appendCoupleEvent, type Publisher } from './couple-log.js';
import { toQuestionDto } from './question.presenter.js';
import type { AuthContext } from './session.service.js';
import { wordFromInput } from './word-input.js';

const noSuchQuestion = () => new NotFoundError('No such question.');

const iso = (ms: number) => new Date(Number(ms)).toISOString();

function toCustomDto(row: CustomQuestionRow): CustomQuestionDto {
  return {
    id: row.id,
    word: row.word,
    text: row.text,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
  };
}

/**
 * The questions a couple's chat brings up: answering (hidden until both have, then revealed to
 * both at once), the archive, and the couple's own questions and turned-off keywords. Asking
 * happens with the message that brings a question up (see message-batch.ts).
 */
export class QuestionService {
  constructor(
    private readonly deps: {
      repos: Repositories;
      inTransaction: InTransaction;
      access: AccessService;
      publisher: Publisher;
      clock: Clock;
      bank: QuestionBankIndex;
    },
  ) {}

  async open(auth: AuthContext): Promise<OpenQuestionResponse> {
    const { couple } = await this.deps.access.requireCouple(auth);
    if (!couple.open_question_id) return { question: null };
    const row = await this.deps.repos.questions.find(couple.id, couple.open_question_id);
    if (!row) return { question: null };
    const answers = await this.deps.repos.questions.answersOf([row.id]);
    return { question: toQuestionDto(row, answers, auth.user.id) };
  }

  /**
   * Answers the open question, or edits one's answer until both have answered. The second answer
   * reveals both, to both, in one event; the partner learns only *that* the first was given.
   */
  async answer(auth: AuthContext, questionId: string, body: string): Promise<QuestionDto> {
    const { couple } = await this.deps.access.requireCouple(auth);
    const userId = auth.user.id;
    const outcome = await this.deps.inTransaction(async (tx) => {
      const now = this.deps.clock.now();
      // Locks the couple: two answers at the same moment are applied one after the other.
      const state = await tx.couples.lockQuestionState(couple.id);
      const row = await tx.questions.find(couple.id, questionId);
      if (!row || !state) throw noSuchQuestion();
      if (row.revealed_at !== null || state.openId !== row.id) {
        throw new DomainError('question_closed', 'Both have answered; answers are final now.');
      }
      const first = await tx.questions.saveAnswer({
        couple_question_id: row.id,
        user_id: userId,
        body,
        answered_at: now,
        updated_at: now,
      });
      const waiting = state.waiting.filter((id) => id !== userId);
      if (!first || waiting.length === state.waiting.length) return { row, event: undefined };
      if (waiting.length > 0) {
        await tx.couples.setQuestionState(couple.id, { openId: row.id, waiting });
        const event = await appendCoupleEvent(
          tx,
          couple.id,
          { type: 'question.answered', questionId: row.id, userId },
          now,
        );
        return { row, event };
      }
      await tx.questions.markRevealed(row.id, now);
      await tx.couples.setQuestionState(couple.id, { openId: null, waiting: [] });
      const answers: AnswerDto[] = (await tx.questions.answersOf([row.id])).map((a) => ({
        userId: a.user_id,
        body: a.body,
        answeredAt: iso(a.answered_at),
      }));
      const event = await appendCoupleEvent(
        tx,
        couple.id,
        { type: 'question.revealed', questionId: row.id, answers },
        now,
      );
      return { row: { ...row, revealed_at: now }, event };
    });
    if (outcome.event) await this.deps.publisher.coupleEvents(couple.id, [outcome.event]);
    const answers = await this.deps.repos.questions.answersOf([outcome.row.id]);
    return toQuestionDto(outcome.row, answers, userId);
  }

  /** Every question asked in the couple's chat, newest first, with both answers once revealed. */
  async archive(
    auth: AuthContext,
    query: { principle?: Principle; q?: string; before?: string; limit: number },
  ): Promise<QuestionsResponse> {
    const { couple } = await this.deps.access.requireCouple(auth);
    const rows = await this.deps.repos.questions.archive(couple.id, {
      ...(query.principle ? { principle: query.principle } : {}),
      ...(query.q ? { text: query.q } : {}),
      ...(query.before ? { before: Date.parse(query.before) } : {}),
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const answers = await this.deps.repos.questions.answersOf(page.map((r) => r.id));
    return {
      questions: page.map((r) =>
        toQuestionDto(
          r,
          answers.filter((a) => a.couple_question_id === r.id),
          auth.user.id,
        ),
      ),
      hasMore: rows.length > query.limit,
    };
  }

  async settings(auth: AuthContext): Promise<QuestionSettingsResponse> {
    const { couple } = await this.deps.access.requireCouple(auth);
    return this.settingsOf(couple.id);
  }

  /** Turns a built-in keyword off (no more questions from it) or back on, for both partners. */
  async setKeywordEnabled(
    auth: AuthContext,
    keywordId: string,
    enabled: boolean,
  ): Promise<QuestionSettingsResponse> {
    const { couple } = await this.deps.access.requireCouple(auth);
    if (!this.deps.bank.keywords.some((k) => k.id === keywordId)) {
      throw new NotFoundError('No such keyword.');
    }
    await this.changeSettings(auth, couple.id, (tx) =>
      tx.questions.setKeywordEnabled(couple.id, keywordId, enabled),
    );
    return this.settingsOf(couple.id);
  }

  /** The couple's own keyword → question pair; the word is read as the tokenizer reads it. */
  async addCustom(
    auth: AuthContext,
    input: CustomQuestionInput,
  ): Promise<QuestionSettingsResponse> {
    const { couple } = await this.deps.access.requireCouple(auth);
    const word = wordFromInput(input.word, 'word');
    await this.changeSettings(auth, couple.id, async (tx) => {
      await tx.questions.insertCustom({
        id: newId(this.deps.clock.now()),
        couple_id: couple.id,
        word,
        text: input.text,
        created_by: auth.user.id,
        created_at: this.deps.clock.now(),
      });
      return true;
    });
    return this.settingsOf(couple.id);
  }

  async removeCustom(auth: AuthContext, id: string): Promise<QuestionSettingsResponse> {
    const { couple } = await this.deps.access.requireCouple(auth);
    const removed = await this.changeSettings(auth, couple.id, (tx) =>
      tx.questions.deleteCustom(couple.id, id),
    );
    if (!removed) throw new NotFoundError('No such question.');
    return this.settingsOf(couple.id);
  }

  /** Runs a settings change and, if it changed something, tells both partners. */
  private async changeSettings(
    auth: AuthContext,
    coupleId: string,
    change: (tx: Repositories) => Promise<boolean>,
  ): Promise<boolean> {
    const event = await this.deps.inTransaction(async (tx) => {
      if (!(await change(tx))) return undefined;
      return appendCoupleEvent(
        tx,
        coupleId,
        { type: 'questions.settings_changed', by: auth.user.id },
        this.deps.clock.now(),
      );
    });
    if (event) await this.deps.publisher.coupleEvents(coupleId, [event]);
    return event !== undefined;
  }

  private async settingsOf(coupleId: string): Promise<QuestionSettingsResponse> {
    const [disabled, custom] = await Promise.all([
      this.deps.repos.questions.disabledKeywords(coupleId),
      this.deps.repos.questions.customQuestions(coupleId),
    ]);
    return {
      keywords: this.deps.bank.keywords.map((k) => ({
        id: k.id,
        label: { ...k.label },
        words: [...k.words],
        enabled: !disabled.has(k.id),
      })),
      custom: custom.map(toCustomDto),
    };
  }
}
