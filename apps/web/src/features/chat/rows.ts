import type { MessageDto, QuestionDto } from '@couple-chat/protocol';
import { localDateAt } from '../../lib/dates';
import type { OutboxEntry } from './chatState';

export type ChatRow =
  | { kind: 'day'; key: string; date: string }
  | { kind: 'message'; key: string; message: MessageDto }
  | { kind: 'question'; key: string; question: QuestionDto }
  | { kind: 'outbox'; key: string; entry: OutboxEntry };

/** A question placed among the messages: `before` messages come ahead of it. */
export interface PlacedQuestion {
  before: number;
  question: QuestionDto;
}

/** The row key of a question's card, to find it in the list (e.g. to scroll to it). */
export const questionRowKey = (questionId: string) => `question-${questionId}`;

/**
 * The list as it is drawn: committed messages with each question card after the message that
 * brought it up, then what is still in the outbox, with a separator wherever the calendar date
 * (in the couple's time zone) changes.
 */
export function buildRows(
  messages: readonly MessageDto[],
  outbox: readonly OutboxEntry[],
  timeZone: string,
  questions: readonly PlacedQuestion[] = [],
): ChatRow[] {
  const rows: ChatRow[] = [];
  let lastDay = '';
  const dayOf = (iso: string) => {
    const day = localDateAt(new Date(iso), timeZone);
    // Dates only move forward: an outbox entry stamped by a device clock behind the server's
    // belongs to the day already shown (YYYY-MM-DD compares as text).
    if (day <= lastDay) return;
    lastDay = day;
    rows.push({ kind: 'day', key: `day-${day}`, date: day });
  };
  let next = 0;
  const questionsBefore = (count: number) => {
    for (let placed = questions[next]; placed && placed.before <= count; placed = questions[next]) {
      const { question } = placed;
      dayOf(question.askedAt);
      rows.push({ kind: 'question', key: questionRowKey(question.id), question });
      next += 1;
    }
  };
  questionsBefore(0);
  messages.forEach((message, index) => {
    dayOf(message.createdAt);
    rows.push({ kind: 'message', key: message.id, message });
    questionsBefore(index + 1);
  });
  questionsBefore(Number.POSITIVE_INFINITY);
  for (const entry of outbox) {
    dayOf(entry.createdAt);
    rows.push({ kind: 'outbox', key: entry.id, entry });
  }
  return rows;
}
