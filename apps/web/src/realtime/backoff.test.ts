import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles from one second up to a 30 second cap', () => {
    const top = (attempt: number) => backoffDelay(attempt, () => 1);
    expect([0, 1, 2, 3, 4, 5, 6, 10].map(top)).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('never waits less than half of the step', () => {
    const bottom = (attempt: number) => backoffDelay(attempt, () => 0);
    expect([0, 1, 2, 5].map(bottom)).toEqual([500, 1000, 2000, 15_000]);
  });

  it('spreads clients across the upper half', () => {
    expect(backoffDelay(2, () => 0.5)).toBe(3000);
  });

  it('survives absurd attempt numbers', () => {
    expect(backoffDelay(5000, () => 1)).toBe(30_000);
    expect(backoffDelay(-1, () => 1)).toBe(1000);
  });
});
