import type { AttachmentDto, MessageDto } from '@couple-chat/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wiredQueries } from '../../realtime/wiredQueries.testing';

const photo: AttachmentDto = {
  id: '00000000-0000-4000-8000-0000000000a1',
  kind: 'image',
  name: 'sea.jpg',
  mime: 'image/jpeg',
  size: 2048,
  width: 800,
  height: 600,
  durationMs: null,
  placeholder: null,
  animated: false,
  variants: ['thumb', 'preview'],
};
const message = (over: Partial<MessageDto>): MessageDto => ({
  id: '00000000-0000-4000-8000-000000000001',
  seq: 1,
  senderId: 'u2',
  body: '안녕',
  createdAt: '2026-11-25T10:00:00.000Z',
  deletedAt: null,
  attachments: [],
  ...over,
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

// The drawer and the storage bar follow the chat through the realtime wiring.
describe('live drawer and storage updates', () => {
  it('a message with files refetches the drawer and the storage', () => {
    const { event, invalidatedKeys } = wiredQueries();
    event({ type: 'message.created', message: message({ body: '', attachments: [photo] }) });
    vi.advanceTimersByTime(50);
    expect(invalidatedKeys()).toEqual([
      '["drawer"]',
      '["message-days"]',
      '["storage"]',
      '["word-ranking"]',
    ]);
  });

  it('a message with a link refetches the drawer only', () => {
    const { event, invalidatedKeys } = wiredQueries();
    event({ type: 'message.created', message: message({ body: '여기 https://example.com' }) });
    vi.advanceTimersByTime(50);
    expect(invalidatedKeys()).toEqual(['["drawer"]', '["message-days"]', '["word-ranking"]']);
  });

  it('a plain message leaves both alone', () => {
    const { event, invalidatedKeys } = wiredQueries();
    event({ type: 'message.created', message: message({ body: 'javascript:alert(1)' }) });
    vi.advanceTimersByTime(50);
    expect(invalidatedKeys()).toEqual(['["message-days"]', '["word-ranking"]']);
  });
});
