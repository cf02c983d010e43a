import type { MessageDto, QuestionDto } from '@couple-chat/protocol';
import { describe, expect, it } from 'vitest';
import {
  type ChatQuestions,
  mergeQuestion,
  onQuestionEvent,
  placeQuestions,
  questionToAnswer,
  withQuestions,
} from './chatQuestions';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const message = (seq: number): MessageDto => ({
  id: uuid(seq),
  seq,
  senderId: 'me',
  body: `message ${seq}`,
  createdAt: `2026-11-24T06:${String(seq).padStart(2, '0')}:00.000Z`,
  deletedAt: null,
  attachments: [],
});
const question = (n: number, over: Partial<QuestionDto> = {}): QuestionDto => ({
  id: uuid(100 + n),
  questionId: `bank-${n}`,
  text: { ko: '소풍 가면 꼭 챙기고 싶은 게 뭐야?', en: 'What do you always bring on a picnic?' },
  principle: 'understanding_partner',
  word: '소풍',
  messageId: null,
  askedAt: `2026-11-24T06:${String(n).padStart(2, '0')}:30.000Z`,
  revealedAt: null,
  answeredBy: [],
  answers: [],
  ...over,
});
const mine = { userId: 'me', body: '돗자리', answeredAt: '2026-11-24T07:00:00.000Z' };
const theirs = { userId: 'partner', body: '김밥', answeredAt: '2026-11-24T07:01:00.000Z' };
const asked = (q: QuestionDto, seq: number | null = null): ChatQuestions =>
  onQuestionEvent({}, { type: 'question.asked', question: q }, q.askedAt, seq);

describe('merging copies of a question', () => {
  it('never forgets who answered, whatever copy comes last', () => {
    const known = question(1, { answeredBy: ['partner'] });
    const merged = mergeQuestion(known, question(1, { answeredBy: ['me'], answers: [mine] }));
    expect(merged.answeredBy.sort()).toEqual(['me', 'partner']);
    expect(merged.answers).toEqual([mine]);
  });

  it('keeps my answer when a copy without it (the asking event, replayed) arrives later', () => {
    const known = question(1, { answeredBy: ['me'], answers: [mine] });
    expect(mergeQuestion(known, question(1)).answers).toEqual([mine]);
  });

  it('a reveal is final: an older unrevealed copy does not hide the answers again', () => {
    const shown = question(1, {
      revealedAt: '2026-11-24T07:01:00.000Z',
      answeredBy: ['me', 'partner'],
      answers: [mine, theirs],
    });
    expect(mergeQuestion(shown, question(1, { answeredBy: ['me'], answers: [mine] }))).toBe(shown);
    expect(mergeQuestion(question(1), shown)).toEqual(shown);
  });
});

describe('question events', () => {
  it('asked → answered by the partner → revealed with both answers at the reveal time', () => {
    const q = question(1);
    let questions = asked(q, 7);
    questions = onQuestionEvent(
      questions,
      { type: 'question.answered', questionId: q.id, userId: 'partner' },
      '2026-11-24T07:00:00.000Z',
      8,
    );
    expect(questions[q.id]?.question.answeredBy).toEqual(['partner']);
    expect(questions[q.id]?.question.answers).toEqual([]);
    questions = onQuestionEvent(
      questions,
      { type: 'question.revealed', questionId: q.id, answers: [theirs, mine] },
      '2026-11-24T07:01:00.000Z',
      9,
    );
    expect(questions[q.id]).toEqual({
      seq: 7,
      question: {
        ...q,
        answeredBy: ['partner', 'me'],
        answers: [theirs, mine],
        revealedAt: '2026-11-24T07:01:00.000Z',
      },
    });
  });

  it('leaves an answer to a question it never loaded to REST', () => {
    const questions = onQuestionEvent(
      {},
      { type: 'question.answered', questionId: uuid(7), userId: 'partner' },
      '',
      3,
    );
    expect(questions).toEqual({});
  });

  it('a question first read over REST takes its seq from the asking event', () => {
    const q = question(1);
    const questions = onQuestionEvent(
      withQuestions({}, [q]),
      { type: 'question.asked', question: q },
      q.askedAt,
      5,
    );
    expect(questions[q.id]?.seq).toBe(5);
  });

  it('returns the same object when nothing changed (rows need not re-render)', () => {
    const shown = question(1, { revealedAt: '2026-11-24T07:01:00.000Z', answers: [mine, theirs] });
    const questions = withQuestions({}, [shown]);
    expect(withQuestions(questions, [question(1)])).toBe(questions);
  });
});

describe('the composer lock', () => {
  it('locks while I have not answered the open question', () => {
    const q = question(1);
    expect(questionToAnswer(asked(q), 'me')).toEqual(q);
  });

  it('unlocks once I answered, even if my partner has not', () => {
    expect(questionToAnswer(asked(question(1, { answeredBy: ['me'] })), 'me')).toBeUndefined();
    expect(questionToAnswer(asked(question(1, { answeredBy: ['me'] })), 'partner')).toBeDefined();
  });

  it('does not lock for a revealed question, or with none', () => {
    const shown = question(1, { revealedAt: '2026-11-24T07:01:00.000Z' });
    expect(questionToAnswer(asked(shown), 'me')).toBeUndefined();
    expect(questionToAnswer({}, 'me')).toBeUndefined();
  });

  it('points at the newest question I owe', () => {
    const questions = withQuestions({}, [question(1), question(3), question(2)]);
    expect(questionToAnswer(questions, 'me')?.id).toBe(uuid(103));
  });
});

describe('placing questions among messages', () => {
  const messages = [message(1), message(2), message(4)];
  const place = (questions: ChatQuestions, hasOlder = false) =>
    placeQuestions(messages, questions, hasOlder).map((p) => [p.question.id, p.before]);

  it('right after the message that brought it up', () => {
    const q = question(9, { messageId: uuid(2) });
    expect(place(withQuestions({}, [q]))).toEqual([[q.id, 2]]);
  });

  it('by its event seq when the message is unknown', () => {
    const q = question(9);
    expect(place(asked(q, 3))).toEqual([[q.id, 2]]);
  });

  it('by time when it came over REST without its message', () => {
    const q = question(1);
    expect(place(withQuestions({}, [q]))).toEqual([[q.id, 1]]);
  });

  it('waits for older pages when it belongs before the loaded messages, unless I still owe it', () => {
    const before = { askedAt: '2026-11-24T05:00:00.000Z' };
    const revealed = question(5, { ...before, revealedAt: '2026-11-24T05:10:00.000Z' });
    const open = question(6, before);
    expect(place(withQuestions({}, [revealed, open]), true)).toEqual([[open.id, 0]]);
    expect(place(withQuestions({}, [revealed]), false)).toEqual([[revealed.id, 0]]);
  });
});

describe('placing questions beside a stretch of the past', () => {
  it('leaves out one asked after the last message shown until the newer pages come', () => {
    const messages = [message(20), message(22)];
    const later = asked(question(40), 40);
    const within = asked(question(20, { askedAt: '2026-11-24T06:20:30.000Z' }), 21);
    expect(placeQuestions(messages, later, true)).toHaveLength(1);
    expect(placeQuestions(messages, later, true, true)).toEqual([]);
    expect(placeQuestions(messages, within, true, true)).toEqual([
      { before: 1, question: question(20, { askedAt: '2026-11-24T06:20:30.000Z' }) },
    ]);
  });

  it('keeps one brought up by the last message shown', () => {
    const messages = [message(20), message(21)];
    const triggered = asked(question(41, { messageId: uuid(21) }), 41);
    expect(placeQuestions(messages, triggered, true, true).map((p) => p.before)).toEqual([2]);
  });
});
