import { type CoupleEventPayload, PROTOCOL_VERSION, type ServerFrame } from '@couple-chat/protocol';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RealtimeConnection, type SocketHandlers } from '../../realtime/connection';
import { wireQueries } from '../../realtime/queries';

// The archive and the settings refetch through the realtime wiring; the chat keeps its own state.
function setup() {
  let handlers: SocketHandlers | undefined;
  const connection = new RealtimeConnection({
    url: () => 'ws://test/ws',
    createSocket: (_url, h) => {
      handlers = h;
      return { send: () => {}, close: () => {} };
    },
  });
  const queryClient = new QueryClient();
  const invalidate = vi.spyOn(queryClient, 'invalidateQueries').mockResolvedValue();
  wireQueries(connection, queryClient);
  connection.start();
  handlers?.onOpen();
  const receive = (frame: ServerFrame) => handlers?.onMessage(JSON.stringify(frame));
  receive({ type: 'hello', protocol: PROTOCOL_VERSION, userId: 'u1', coupleId: 'c1', lastSeq: 0 });
  vi.advanceTimersByTime(50);
  invalidate.mockClear();
  let seq = 0;
  const event = (payload: CoupleEventPayload) => {
    seq += 1;
    receive({ type: 'event', coupleId: 'c1', seq, at: '2026-11-25T10:00:00.000Z', event: payload });
  };
  const invalidatedKeys = () =>
    invalidate.mock.calls.map(([filters]) => JSON.stringify(filters?.queryKey)).sort();
  return { event, invalidatedKeys };
}

const questionId = '00000000-0000-4000-8000-000000000009';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('live question updates', () => {
  it('refetch the archive, once, when a question is answered and revealed', () => {
    const { event, invalidatedKeys } = setup();
    event({ type: 'question.answered', questionId, userId: 'u2' });
    event({
      type: 'question.revealed',
      questionId,
      answers: [{ userId: 'u2', body: '김밥', answeredAt: '2026-11-25T10:00:00.000Z' }],
    });
    vi.advanceTimersByTime(50);
    expect(invalidatedKeys()).toEqual(['["questions"]']);
  });

  it('refetch the settings when the partner changes them', () => {
    const { event, invalidatedKeys } = setup();
    event({ type: 'questions.settings_changed', by: 'u2' });
    vi.advanceTimersByTime(50);
    expect(invalidatedKeys()).toEqual(['["question-settings"]']);
  });
});
