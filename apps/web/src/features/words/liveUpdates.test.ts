import type { CoupleEventPayload } from '@couple-chat/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wiredQueries } from '../../realtime/wiredQueries.testing';
import { changesExclusions, changesRanking } from './events';

// The ranking page refetches through the realtime wiring; these pin down which events move it.
const setup = wiredQueries;

const message = {
  id: '00000000-0000-4000-8000-000000000001',
  seq: 1,
  senderId: 'u2',
  body: '영화 보자',
  createdAt: '2026-11-25T10:00:00.000Z',
  deletedAt: null,
  attachments: [],
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('live ranking updates', () => {
  it('refetch the ranking, once, for a burst of messages', () => {
    const { event, invalidatedKeys } = setup();
    event({ type: 'message.created', message });
    event({ type: 'message.deleted', id: message.id, by: 'u2' });
    vi.advanceTimersByTime(50);
    // A deletion may also take files and links with it: the drawer and storage refetch as well.
    expect(invalidatedKeys()).toEqual([
      '["drawer"]',
      '["message-days"]',
      '["storage"]',
      '["word-ranking"]',
    ]);
  });

  it('refetch the ranking and the excluded words when the partner changes exclusions', () => {
    const { event, invalidatedKeys } = setup();
    event({ type: 'words.excluded', by: 'u2', words: ['음식'] });
    event({ type: 'words.restored', by: 'u2', words: ['음식'] });
    vi.advanceTimersByTime(50);
    expect(invalidatedKeys()).toEqual(['["excluded-words"]', '["word-ranking"]']);
  });

  it('ignore reads', () => {
    const { event, invalidatedKeys } = setup();
    event({ type: 'read.updated', userId: 'u2', seq: 1 });
    vi.advanceTimersByTime(50);
    expect(invalidatedKeys()).toEqual([]);
  });
});

describe('changesRanking / changesExclusions', () => {
  it('tell the couple’s own changes apart from the chat’s', () => {
    const connected: CoupleEventPayload = { type: 'couple.connected', by: 'u1' };
    expect(changesRanking(connected)).toBe(false);
    expect(changesExclusions({ type: 'message.created', message })).toBe(false);
    expect(changesRanking({ type: 'message.created', message })).toBe(true);
  });
});
