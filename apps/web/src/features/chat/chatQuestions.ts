import type { AnswerDto, MessageDto, QuestionDto } from '@couple-chat/protocol';
import type { QuestionEvent } from '../questions/events';
import type { PlacedQuestion } from './rows';

/** A question the chat brought up, and its place in the couple's log when an event told it. */
export interface ChatQuestion {
  question: QuestionDto;
  /** The `question.asked` event's seq; null when the question came over REST. */
  seq: number | null;
}

export type ChatQuestions = Readonly<Record<string, ChatQuestion>>;

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/**
 * Two copies of one question (event, REST, the answer's response), arriving in any order: who has
 * answered only grows and a reveal is final, so the merge never goes back.
 */
export function mergeQuestion(known: QuestionDto | undefined, incoming: QuestionDto): QuestionDto {
  if (!known) return incoming;
  if (known.revealedAt !== null) return known;
  const answeredBy = union(known.answeredBy, incoming.answeredBy);
  if (incoming.revealedAt !== null) return { ...incoming, answeredBy };
  // Before the reveal only my own answer travels; a copy without it (the asking event) knows less.
  const answers = incoming.answers.length > 0 ? incoming.answers : known.answers;
  return { ...incoming, answeredBy, answers };
}

function put(questions: ChatQuestions, question: QuestionDto, seq: number | null): ChatQuestions {
  const known = questions[question.id];
  const merged = mergeQuestion(known?.question, question);
  const place = known?.seq ?? seq;
  if (known && known.question === merged && known.seq === place) return questions;
  return { ...questions, [question.id]: { question: merged, seq: place } };
}

/** Adds questions read over REST (the open one, the archive's pages, an answer's response). */
export function withQuestions(
  questions: ChatQuestions,
  incoming: readonly QuestionDto[],
): ChatQuestions {
  return incoming.reduce((all, question) => put(all, question, null), questions);
}

function revealed(question: QuestionDto, answers: AnswerDto[], at: string): QuestionDto {
  const answeredBy = union(
    question.answeredBy,
    answers.map((a) => a.userId),
  );
  return { ...question, answeredBy, answers, revealedAt: at };
}

/** A question event from the couple's log; events about a question not loaded are left to REST. */
export function onQuestionEvent(
  questions: ChatQuestions,
  event: QuestionEvent,
  at: string,
  seq: number | null,
): ChatQuestions {
  // Only the asking event's seq is the question's place; later ones just change it.
  if (event.type === 'question.asked') return put(questions, event.question, seq);
  const known = questions[event.questionId];
  if (!known) return questions;
  const next =
    event.type === 'question.answered'
      ? { ...known.question, answeredBy: union(known.question.answeredBy, [event.userId]) }
      : revealed(known.question, event.answers, at);
  return put(questions, next, null);
}

/**
 * The question I still owe an answer, which locks my composer: asked, not revealed, not answered
 * by me. The server keeps at most one open, so the newest such one is it.
 */
export function questionToAnswer(questions: ChatQuestions, myId: string): QuestionDto | undefined {
  let owed: QuestionDto | undefined;
  for (const { question } of Object.values(questions)) {
    if (question.revealedAt !== null || question.answeredBy.includes(myId)) continue;
    if (!owed || question.askedAt > owed.askedAt) owed = question;
  }
  return owed;
}

/**
 * Where each question goes among the loaded messages, as the number of messages before it: right
 * after the message that brought it up, else by its event's seq, else by time. A question before
 * the loaded messages waits for their older page, unless it is still unanswered; one after a
 * stretch of the past (`hasNewer`) waits for the newer pages.
 */
export function placeQuestions(
  messages: readonly MessageDto[],
  questions: ChatQuestions,
  hasOlder: boolean,
  hasNewer = false,
): PlacedQuestion[] {
  const indexById = new Map(messages.map((m, i) => [m.id, i]));
  const count = (below: (m: MessageDto) => boolean) => {
    let n = 0;
    while (n < messages.length && below(messages[n] as MessageDto)) n += 1;
    return n;
  };
  const placed: PlacedQuestion[] = [];
  for (const { question, seq } of Object.values(questions)) {
    const trigger = question.messageId === null ? undefined : indexById.get(question.messageId);
    const before =
      trigger !== undefined
        ? trigger + 1
        : seq !== null
          ? count((m) => m.seq < seq)
          : count((m) => m.createdAt <= question.askedAt);
    if (before === 0 && hasOlder && question.revealedAt !== null) continue;
    if (hasNewer && trigger === undefined && before === messages.length) continue;
    placed.push({ before, question });
  }
  return placed.sort(
    (a, b) => a.before - b.before || a.question.askedAt.localeCompare(b.question.askedAt),
  );
}
