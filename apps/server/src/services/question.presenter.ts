import type { Principle, QuestionDto } from '@couple-chat/protocol';
import type { AnswerRow, CoupleQuestionRow } from '../models/question.repository.js';

const iso = (ms: number) => new Date(Number(ms)).toISOString();

/** A question as its asking event carries it: nobody has answered yet. */
export function toAskedQuestionDto(row: CoupleQuestionRow): QuestionDto {
  return toQuestionDto(row, [], '');
}

/**
 * A question as `viewerId` may see it: who has answered, and the answers' texts only once both
 * have answered (revealed) — before that, only the viewer's own.
 */
export function toQuestionDto(
  row: CoupleQuestionRow,
  answers: readonly AnswerRow[],
  viewerId: string,
): QuestionDto {
  const revealed = row.revealed_at !== null;
  return {
    id: row.id,
    questionId: row.question_id,
    text: { ko: row.text_ko, en: row.text_en },
    principle: row.principle as Principle | null,
    word: row.word,
    messageId: row.message_id,
    askedAt: iso(row.asked_at),
    revealedAt: row.revealed_at === null ? null : iso(row.revealed_at),
    answeredBy: answers.map((a) => a.user_id),
    answers: answers
      .filter((a) => revealed || a.user_id === viewerId)
      .map((a) => ({ userId: a.user_id, body: a.body, answeredAt: iso(a.answered_at) })),
  };
}
