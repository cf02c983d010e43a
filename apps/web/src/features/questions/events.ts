import type { CoupleEventPayload } from '@couple-chat/protocol';

export type QuestionEvent = Extract<
  CoupleEventPayload,
  { type: 'question.asked' | 'question.answered' | 'question.revealed' }
>;

/** A question was asked, answered or revealed: the chat's card and the archive change. */
export function isQuestionEvent(event: CoupleEventPayload): event is QuestionEvent {
  return (
    event.type === 'question.asked' ||
    event.type === 'question.answered' ||
    event.type === 'question.revealed'
  );
}

/** A partner added or removed a question of our own, or turned a keyword off or on. */
export function changesQuestionSettings(event: CoupleEventPayload): boolean {
  return event.type === 'questions.settings_changed';
}
