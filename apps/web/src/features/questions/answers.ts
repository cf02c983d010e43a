import type { AnswerDto, QuestionDto } from '@couple-chat/protocol';

/** answer: I have not answered; waiting: I have, my partner not yet; revealed: both, shown to both. */
export type AnswerStage = 'answer' | 'waiting' | 'revealed';

export function answerStage(question: QuestionDto, myId: string): AnswerStage {
  if (question.revealedAt !== null) return 'revealed';
  return question.answeredBy.includes(myId) ? 'waiting' : 'answer';
}

export function answerOf(question: QuestionDto, userId: string): AnswerDto | undefined {
  return question.answers.find((answer) => answer.userId === userId);
}

/** The question in the reader's language; a couple's own question reads the same in both. */
export function inLanguage(text: QuestionDto['text'], locale: string): string {
  return locale.startsWith('en') ? text.en : text.ko;
}
