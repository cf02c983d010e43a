import type { MessageDto } from '@couple-chat/protocol';
import { describe, expect, it } from 'vitest';
import { buildRows } from './rows';

const message = (n: number, createdAt: string): MessageDto => ({
  id: `m${n}`,
  seq: n,
  senderId: 'me',
  body: 'hi',
  createdAt,
  deletedAt: null,
  attachments: [],
});

describe('buildRows', () => {
  it('puts a separator where the date changes in the couple’s time zone', () => {
    // 14:30 UTC on the 23rd is already the 24th in Seoul, the same day as the next one.
    const messages = [
      message(1, '2026-11-23T10:00:00.000Z'),
      message(2, '2026-11-23T15:30:00.000Z'),
      message(3, '2026-11-24T03:00:00.000Z'),
    ];
    const kinds = (zone: string) =>
      buildRows(messages, [], zone).map((r) => (r.kind === 'day' ? r.date : r.key));
    expect(kinds('Asia/Seoul')).toEqual(['2026-11-23', 'm1', '2026-11-24', 'm2', 'm3']);
    expect(kinds('UTC')).toEqual(['2026-11-23', 'm1', 'm2', '2026-11-24', 'm3']);
  });

  it('adds outbox entries after the committed messages, on their own day if it differs', () => {
    const rows = buildRows(
      [message(1, '2026-11-24T03:00:00.000Z')],
      [
        { id: 'o1', body: 'a', createdAt: '2026-11-24T04:00:00.000Z', status: 'pending' },
        { id: 'o2', body: 'b', createdAt: '2026-11-25T04:00:00.000Z', status: 'failed' },
      ],
      'Asia/Seoul',
    );
    expect(rows.map((r) => r.key)).toEqual(['day-2026-11-24', 'm1', 'o1', 'day-2026-11-25', 'o2']);
  });

  it('never goes back a day for an entry stamped by a device clock behind the server', () => {
    const rows = buildRows(
      [message(1, '2026-11-24T03:00:00.000Z'), message(2, '2026-11-25T03:00:00.000Z')],
      [{ id: 'o1', body: 'a', createdAt: '2026-11-24T05:00:00.000Z', status: 'pending' }],
      'UTC',
    );
    expect(rows.map((r) => r.key)).toEqual(['day-2026-11-24', 'm1', 'day-2026-11-25', 'm2', 'o1']);
  });
});

describe('buildRows with questions', () => {
  it('puts each question card after its message and before the outbox', () => {
    const question = {
      id: 'q1',
      questionId: 'bank-1',
      text: { ko: '질문', en: 'Question' },
      principle: null,
      word: '소풍',
      messageId: 'm1',
      askedAt: '2026-11-24T03:00:01.000Z',
      revealedAt: null,
      answeredBy: [],
      answers: [],
    };
    const rows = buildRows(
      [message(1, '2026-11-24T03:00:00.000Z'), message(2, '2026-11-24T03:01:00.000Z')],
      [{ id: 'o1', body: 'later', createdAt: '2026-11-24T03:02:00.000Z', status: 'held' }],
      'UTC',
      [{ before: 1, question }],
    );
    expect(rows.map((r) => r.key)).toEqual(['day-2026-11-24', 'm1', 'question-q1', 'm2', 'o1']);
  });
});
