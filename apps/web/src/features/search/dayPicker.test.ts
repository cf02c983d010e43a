import { describe, expect, it } from 'vitest';
import { canShowNextMonth, isSelectable, type PickerDay, pickerWeeks } from './dayPicker';

const find = (weeks: PickerDay[][], date: string) => {
  const day = weeks.flat().find((d) => d.date === date);
  if (!day) throw new Error(`no cell for ${date}`);
  return day;
};

describe('pickerWeeks', () => {
  const november = { year: 2026, month: 11 };
  const days = ['2026-11-01', '2026-11-14', '2026-11-24'];

  it('marks exactly the days with messages, and only those can be chosen', () => {
    const weeks = pickerWeeks(november, days, '2026-11-25');
    const chosen = weeks
      .flat()
      .filter(isSelectable)
      .map((d) => d.date);
    expect(chosen).toEqual(days);
    expect(find(weeks, '2026-11-15')).toMatchObject({ inMonth: true, hasMessages: false });
  });

  it('lays the month out in whole weeks from Sunday, or from Monday', () => {
    const sunday = pickerWeeks(november, days, '2026-11-25');
    // 1 November 2026 is a Sunday: the grid starts on it and ends on Saturday 5 December.
    expect(sunday[0]?.[0]?.date).toBe('2026-11-01');
    expect(sunday.at(-1)?.at(-1)).toMatchObject({ date: '2026-12-05', inMonth: false });
    expect(sunday.every((week) => week.length === 7)).toBe(true);
    const monday = pickerWeeks(november, days, '2026-11-25', 1);
    expect(monday[0]?.[0]).toMatchObject({ date: '2026-10-26', inMonth: false });
    expect(find(monday, '2026-11-01').hasMessages).toBe(true);
  });

  it('never marks the neighbouring months’ days, even when listed', () => {
    const weeks = pickerWeeks(november, [...days, '2026-12-02'], '2026-11-25');
    expect(find(weeks, '2026-12-02')).toMatchObject({ inMonth: false, hasMessages: false });
    expect(isSelectable(find(weeks, '2026-12-02'))).toBe(false);
  });

  it('marks today, whether or not anything was written', () => {
    const weeks = pickerWeeks(november, days, '2026-11-25');
    expect(
      weeks
        .flat()
        .filter((d) => d.isToday)
        .map((d) => d.date),
    ).toEqual(['2026-11-25']);
    expect(find(weeks, '2026-11-25').hasMessages).toBe(false);
  });

  it('handles February of a leap year', () => {
    const weeks = pickerWeeks({ year: 2028, month: 2 }, ['2028-02-29'], '2028-03-01');
    expect(find(weeks, '2028-02-29')).toMatchObject({ inMonth: true, hasMessages: true });
  });
});

describe('canShowNextMonth', () => {
  it('stops at the current month', () => {
    expect(canShowNextMonth({ year: 2026, month: 10 }, '2026-11-25')).toBe(true);
    expect(canShowNextMonth({ year: 2025, month: 12 }, '2026-01-01')).toBe(true);
    expect(canShowNextMonth({ year: 2026, month: 11 }, '2026-11-25')).toBe(false);
  });
});
