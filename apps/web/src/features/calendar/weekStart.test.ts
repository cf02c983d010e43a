import { describe, expect, it } from 'vitest';
import { readWeekStart } from './weekStart';

describe('readWeekStart', () => {
  it('is Sunday unless Monday was chosen, and when storage fails', () => {
    expect(readWeekStart(undefined)).toBe(0);
    expect(readWeekStart({ getItem: () => null })).toBe(0);
    expect(readWeekStart({ getItem: () => 'monday' })).toBe(1);
    expect(readWeekStart({ getItem: () => 'sunday' })).toBe(0);
    expect(
      readWeekStart({
        getItem: () => {
          throw new Error('blocked');
        },
      }),
    ).toBe(0);
  });
});
