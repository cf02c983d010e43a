import type { MessageDto, QuestionDto } from '@couple-chat/protocol';
import { describe, expect, it } from 'vitest';
import {
  type ChatAction,
  type ChatState,
  chatReducer,
  dueEntries,
  initialChatState,
  isUnreadByPartner,
  mergeMessages,
  newestFrom,
} from './chatState';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const message = (seq: number, over: Partial<MessageDto> = {}): MessageDto => ({
  id: id(seq),
  seq,
  senderId: seq % 2 ? 'me' : 'partner',
  body: `message ${seq}`,
  createdAt: `2026-11-24T06:${String(seq % 60).padStart(2, '0')}:00.000Z`,
  deletedAt: null,
  attachments: [],
  ...over,
});
const run = (state: ChatState, ...actions: ChatAction[]) => actions.reduce(chatReducer, state);
const page = (messages: MessageDto[], hasMore = false, older = false): ChatAction => ({
  type: 'page',
  messages,
  hasMore,
  older,
});
const created = (m: MessageDto): ChatAction => ({
  type: 'event',
  at: m.createdAt,
  event: { type: 'message.created', message: m },
});
const seqs = (state: ChatState) => state.messages.map((m) => m.seq);

describe('merging pages and live events', () => {
  it('keeps each message once, in seq order, whatever arrives first', () => {
    const newest = [message(3), message(4), message(5)];
    const state = run(
      initialChatState(),
      created(message(6)),
      page(newest, true),
      created(message(5)),
      page([message(1), message(2)], false, true),
    );
    expect(seqs(state)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(state.hasMore).toBe(false);
    expect(state.loaded).toBe(true);
  });

  it('returns the same list when nothing is new (rows need not re-render)', () => {
    const list = [message(1), message(2)];
    expect(mergeMessages(list, [message(2)])).toBe(list);
  });

  it('a refreshed newest page does not forget that older pages remain', () => {
    const state = run(initialChatState(), page([message(10)], true), page([message(10)], false));
    expect(state.hasMore).toBe(true);
  });

  it('a deletion wins over a page fetched before it', () => {
    const state = run(
      initialChatState(),
      page([message(1)]),
      {
        type: 'event',
        at: '2026-11-24T07:00:00.000Z',
        event: { type: 'message.deleted', id: id(1), by: 'me' },
      },
      page([message(1), message(2)]),
    );
    expect(state.messages[0]).toMatchObject({ body: null, deletedAt: '2026-11-24T07:00:00.000Z' });
    expect(state.messages[1]?.body).toBe('message 2');
  });

  it('a deletion that arrives before the message still hides its text', () => {
    const state = run(
      initialChatState(),
      {
        type: 'event',
        at: '2026-11-24T07:00:00.000Z',
        event: { type: 'message.deleted', id: id(3), by: 'me' },
      },
      created(message(3)),
    );
    expect(state.messages[0]?.body).toBeNull();
  });

  it('read positions only move forward', () => {
    const state = run(
      initialChatState(),
      { type: 'reads', positions: [{ userId: 'partner', seq: 5 }] },
      { type: 'event', at: '', event: { type: 'read.updated', userId: 'partner', seq: 3 } },
      { type: 'event', at: '', event: { type: 'read.updated', userId: 'partner', seq: 7 } },
    );
    expect(state.reads.partner).toBe(7);
  });
});

describe('the outbox', () => {
  const entry = { id: id(99), body: '보고 싶어', createdAt: '2026-11-24T08:00:00.000Z' };
  const queued = run(initialChatState(), page([message(1)]), { type: 'queue', entry });

  it('queues a message as pending, once', () => {
    const state = run(queued, { type: 'queue', entry });
    expect(state.outbox).toEqual([{ ...entry, status: 'pending' }]);
    expect(dueEntries(state)).toHaveLength(1);
  });

  it('pending → sending → acked: the message takes the server seq and time', () => {
    const state = run(
      queued,
      { type: 'sending', ids: [entry.id] },
      { type: 'ack', messageId: entry.id, seq: 2, at: '2026-11-24T08:00:01.000Z', senderId: 'me' },
    );
    expect(state.outbox).toEqual([]);
    expect(state.messages.at(-1)).toEqual({
      id: entry.id,
      seq: 2,
      senderId: 'me',
      body: entry.body,
      createdAt: '2026-11-24T08:00:01.000Z',
      deletedAt: null,
      attachments: [],
    });
  });

  it('an ack and the echoed event make one message, in either order', () => {
    const echoed = message(2, { id: entry.id, senderId: 'me', body: entry.body });
    const ack: ChatAction = {
      type: 'ack',
      messageId: entry.id,
      seq: 2,
      at: echoed.createdAt,
      senderId: 'me',
    };
    for (const order of [
      [ack, created(echoed)],
      [created(echoed), ack],
    ]) {
      const state = run(queued, { type: 'sending', ids: [entry.id] }, ...order);
      expect(seqs(state)).toEqual([1, 2]);
      expect(state.outbox).toEqual([]);
    }
  });

  it('a page that already holds the message settles it (ack lost, page reloaded)', () => {
    const state = run(queued, page([message(1), message(2, { id: entry.id, body: entry.body })]));
    expect(state.outbox).toEqual([]);
  });

  it('a dropped connection sends again what got no ack', () => {
    const state = run(queued, { type: 'sending', ids: [entry.id] }, { type: 'disconnected' });
    expect(state.outbox[0]?.status).toBe('pending');
  });

  it('failed → retry keeps the id, so a resend is never a duplicate', () => {
    const failed = run(
      queued,
      { type: 'sending', ids: [entry.id] },
      { type: 'failed', messageId: entry.id, code: 'rate_limited' },
    );
    expect(failed.outbox[0]).toMatchObject({ status: 'failed', error: 'rate_limited' });
    expect(dueEntries(failed)).toEqual([]);
    const retried = run(failed, { type: 'retry', messageId: entry.id, newId: id(100) });
    expect(retried.outbox[0]).toEqual({ ...entry, status: 'pending' });
  });

  it('takes a new id only when the id itself was refused', () => {
    const state = run(
      queued,
      { type: 'failed', messageId: entry.id, code: 'message_id_conflict' },
      { type: 'retry', messageId: entry.id, newId: id(100) },
    );
    expect(state.outbox[0]?.id).toBe(id(100));
  });

  it('discard removes a failed message', () => {
    const state = run(
      queued,
      { type: 'failed', messageId: entry.id, code: 'validation_failed' },
      { type: 'discard', messageId: entry.id },
    );
    expect(state.outbox).toEqual([]);
  });

  it('ignores an ack for a message it does not know', () => {
    const state = run(queued, { type: 'ack', messageId: id(7), seq: 9, at: '', senderId: 'me' });
    expect(state).toBe(queued);
  });
});

describe('unread', () => {
  it('is my message beyond the partner’s read position, not deleted', () => {
    expect(isUnreadByPartner(message(5), 'me', 4)).toBe(true);
    expect(isUnreadByPartner(message(5), 'me', 5)).toBe(false);
    expect(isUnreadByPartner(message(6), 'me', 0)).toBe(false);
    expect(isUnreadByPartner(message(5, { body: null }), 'me', 0)).toBe(false);
  });

  it('reads up to the partner’s newest message', () => {
    expect(newestFrom([message(1), message(2), message(3)], 'partner')).toBe(2);
    expect(newestFrom([message(1)], 'partner')).toBe(0);
  });
});

describe('questions in the chat state', () => {
  const question: QuestionDto = {
    id: id(50),
    questionId: 'e2e-picnic-bring',
    text: { ko: '소풍 가면 꼭 챙기고 싶은 게 뭐야?', en: 'What do you always bring on a picnic?' },
    principle: 'understanding_partner',
    word: '소풍',
    messageId: id(1),
    askedAt: '2026-11-24T06:01:00.500Z',
    revealedAt: null,
    answeredBy: [],
    answers: [],
  };
  const entry = { id: id(99), body: '그럼 김밥 싸 갈게', createdAt: '2026-11-24T06:02:00.000Z' };

  it('keeps an asked question by id with its seq, beside the messages', () => {
    const state = run(initialChatState(), page([message(1)]), {
      type: 'event',
      at: question.askedAt,
      seq: 2,
      event: { type: 'question.asked', question },
    });
    expect(state.questions).toEqual({ [question.id]: { question, seq: 2 } });
    expect(seqs(state)).toEqual([1]);
  });

  it('holds a send refused for the unanswered question instead of failing it', () => {
    const state = run(
      initialChatState(),
      { type: 'queue', entry },
      { type: 'sending', ids: [entry.id] },
      { type: 'failed', messageId: entry.id, code: 'question_unanswered' },
    );
    expect(state.outbox).toEqual([{ ...entry, status: 'held' }]);
    expect(dueEntries(state)).toEqual([]);
    // A dropped connection does not send it early either.
    expect(run(state, { type: 'disconnected' }).outbox[0]?.status).toBe('held');
  });

  it('sends what was held once released, with the same id (never a duplicate)', () => {
    const state = run(
      initialChatState(),
      { type: 'queue', entry },
      { type: 'failed', messageId: entry.id, code: 'question_unanswered' },
      { type: 'release' },
    );
    expect(dueEntries(state)).toEqual([{ ...entry, status: 'pending' }]);
  });

  it('merges my answer from the server after the asking event', () => {
    const answered = {
      ...question,
      answeredBy: ['me'],
      answers: [{ userId: 'me', body: '돗자리', answeredAt: '2026-11-24T06:03:00.000Z' }],
    };
    const state = run(
      initialChatState(),
      { type: 'event', at: question.askedAt, seq: 2, event: { type: 'question.asked', question } },
      { type: 'questions', questions: [answered] },
    );
    expect(state.questions[question.id]).toEqual({ question: answered, seq: 2 });
  });
});
