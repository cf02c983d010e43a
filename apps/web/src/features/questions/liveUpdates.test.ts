import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wiredQueries } from '../../realtime/wiredQueries.testing';

// The archive and the settings refetch through the realtime wiring; the chat keeps its own state.
const setup = wiredQueries;

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
