import { describe, expect, it } from 'vitest';
import { EventSequence } from './sequence';

describe('EventSequence', () => {
  it('delivers the next seq at once', () => {
    const sequence = new EventSequence<string>(4);
    expect(sequence.push(5, 'e5')).toEqual({ ready: ['e5'], gap: false });
    expect(sequence.last).toBe(5);
  });

  it('drops what it has already delivered', () => {
    const sequence = new EventSequence<string>(0);
    sequence.push(1, 'e1');
    expect(sequence.push(1, 'again')).toEqual({ ready: [], gap: false });
    expect(sequence.push(0, 'old')).toEqual({ ready: [], gap: false });
  });

  it('holds early arrivals until the gap is filled, then delivers in order', () => {
    const sequence = new EventSequence<string>(0);
    expect(sequence.push(3, 'e3')).toEqual({ ready: [], gap: true });
    expect(sequence.push(2, 'e2')).toEqual({ ready: [], gap: true });
    expect(sequence.waiting).toBe(true);
    expect(sequence.push(3, 'dup')).toEqual({ ready: [], gap: false });
    expect(sequence.push(1, 'e1')).toEqual({ ready: ['e1', 'e2', 'e3'], gap: false });
    expect(sequence.last).toBe(3);
    expect(sequence.waiting).toBe(false);
  });

  it('forgets held events when a new stream starts', () => {
    const sequence = new EventSequence<string>(0);
    sequence.push(2, 'e2');
    sequence.resetPending();
    expect(sequence.push(1, 'e1')).toEqual({ ready: ['e1'], gap: false });
  });
});
