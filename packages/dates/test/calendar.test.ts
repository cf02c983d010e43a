// Month grids, yearly occurrences and which events cover a day.
import { describe, expect, it } from 'vitest';
import {
  type EventDates,
  eventsOnDay,
  type GridDay,
  monthGrid,
  occursOn,
  yearlyOccurrence,
} from '../src/index.js';

describe('yearlyOccurrence (Feb 29 → Feb 28 in a year without Feb 29)', () => {
  it.each([
    ['2024-02-29', 2025, '2025-02-28'],
    ['2024-02-29', 2028, '2028-02-29'],
    ['2024-02-29', 2100, '2100-02-28'], // 2100 is not leap
    ['2024-02-29', 2000, '2000-02-29'], // 2000 is; earlier years are answered too
    ['1990-05-15', 2026, '2026-05-15'],
    ['2026-12-31', 2020, '2020-12-31'],
    ['2025-02-28', 2028, '2028-02-28'],
    ['2025-03-01', 2028, '2028-03-01'],
  ])('%s in %i → %s', (date, year, expected) => {
    expect(yearlyOccurrence(date, year)).toBe(expected);
  });

  it.each([0, 10000, 2025.5, Number.NaN])('rejects year %s', (year) => {
    expect(() => yearlyOccurrence('2024-02-29', year)).toThrow(RangeError);
  });
});

const dates = (week: GridDay[] | undefined) => week?.map((d) => d.date);
const inMonthFlags = (week: GridDay[] | undefined) => week?.map((d) => d.inMonth);

describe('monthGrid', () => {
  it('February 2026 is exactly 4 Sunday-first weeks (Feb 1 2026 is a Sunday, 28 days)', () => {
    const grid = monthGrid(2026, 2);
    expect(grid).toHaveLength(4);
    expect(dates(grid[0])).toEqual([
      '2026-02-01',
      '2026-02-02',
      '2026-02-03',
      '2026-02-04',
      '2026-02-05',
      '2026-02-06',
      '2026-02-07',
    ]);
    expect(grid[3]?.[6]?.date).toBe('2026-02-28');
    expect(grid.flat().every((d) => d.inMonth)).toBe(true);
  });

  it('a month starting on Sunday: March 2026 (5 weeks, April 1-4 fill the last one)', () => {
    const grid = monthGrid(2026, 3);
    expect(grid).toHaveLength(5); // 31 days from a Sunday: 4 full weeks + 3 days
    expect(grid[0]?.[0]).toEqual({ date: '2026-03-01', inMonth: true });
    expect(dates(grid[4])).toEqual([
      '2026-03-29',
      '2026-03-30',
      '2026-03-31',
      '2026-04-01',
      '2026-04-02',
      '2026-04-03',
      '2026-04-04',
    ]);
    expect(inMonthFlags(grid[4])).toEqual([true, true, true, false, false, false, false]);
  });

  it('a month starting on Saturday: November 2025 (6 weeks)', () => {
    const grid = monthGrid(2025, 11);
    expect(grid).toHaveLength(6); // 6 days of October + 30 days = 36 cells
    expect(dates(grid[0])).toEqual([
      '2025-10-26',
      '2025-10-27',
      '2025-10-28',
      '2025-10-29',
      '2025-10-30',
      '2025-10-31',
      '2025-11-01',
    ]);
    expect(inMonthFlags(grid[0])).toEqual([false, false, false, false, false, false, true]);
    expect(dates(grid[5])).toEqual([
      '2025-11-30',
      '2025-12-01',
      '2025-12-02',
      '2025-12-03',
      '2025-12-04',
      '2025-12-05',
      '2025-12-06',
    ]);
    expect(inMonthFlags(grid[5])).toEqual([true, false, false, false, false, false, false]);
  });

  it('crosses the year boundary: December 2025 (Dec 1 is a Monday)', () => {
    const grid = monthGrid(2025, 12);
    expect(grid).toHaveLength(5);
    expect(grid[0]?.[0]).toEqual({ date: '2025-11-30', inMonth: false });
    expect(dates(grid[4])).toEqual([
      '2025-12-28',
      '2025-12-29',
      '2025-12-30',
      '2025-12-31',
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
    ]);
  });

  it('weeks can start on Monday', () => {
    const grid = monthGrid(2026, 2, 1);
    // Feb 1 2026 (a Sunday) is the last day of the first Monday-first week.
    expect(grid).toHaveLength(5);
    expect(dates(grid[0])).toEqual([
      '2026-01-26',
      '2026-01-27',
      '2026-01-28',
      '2026-01-29',
      '2026-01-30',
      '2026-01-31',
      '2026-02-01',
    ]);
    expect(dates(grid[4])).toEqual([
      '2026-02-23',
      '2026-02-24',
      '2026-02-25',
      '2026-02-26',
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
    ]);
    expect(inMonthFlags(grid[4])).toEqual([true, true, true, true, true, true, false]);
    // February 2021 starts on a Monday: 4 Monday-first weeks, 5 Sunday-first ones.
    expect(monthGrid(2021, 2, 1)).toHaveLength(4);
    expect(monthGrid(2021, 2, 0)).toHaveLength(5);
    // June 2026 starts on a Monday too.
    expect(monthGrid(2026, 6, 1)[0]?.[0]).toEqual({ date: '2026-06-01', inMonth: true });
  });

  it('has leap-year Februaries', () => {
    const days = (year: number) =>
      monthGrid(year, 2)
        .flat()
        .filter((d) => d.inMonth).length;
    expect(days(2024)).toBe(29);
    expect(days(2100)).toBe(28);
    expect(days(2000)).toBe(29);
  });

  it('rejects bad arguments', () => {
    expect(() => monthGrid(2026, 0)).toThrow(RangeError);
    expect(() => monthGrid(2026, 13)).toThrow(RangeError);
    expect(() => monthGrid(2026, 1.5)).toThrow(RangeError);
    expect(() => monthGrid(0, 1)).toThrow(RangeError);
    expect(() => monthGrid(2026, 1, 2 as any)).toThrow(RangeError);
    expect(() => monthGrid(1, 1)).toThrow(RangeError); // its first week would start in year 0
  });
});

describe('occursOn / eventsOnDay', () => {
  const cases: [name: string, event: EventDates, covered: string[], notCovered: string[]][] = [
    ['a one-day event', { start: '2026-11-24' }, ['2026-11-24'], ['2026-11-23', '2026-11-25']],
    [
      'a multi-day event (end inclusive)',
      { start: '2026-11-20', end: '2026-11-24' },
      ['2026-11-20', '2026-11-22', '2026-11-24'],
      ['2026-11-19', '2026-11-25', '2027-11-22'],
    ],
    [
      'a one-off event across New Year',
      { start: '2025-12-30', end: '2026-01-02' },
      ['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02'],
      ['2025-12-29', '2026-01-03', '2026-12-31'],
    ],
    [
      'a yearly birthday',
      { start: '1990-05-15', yearly: true },
      ['1990-05-15', '2026-05-15', '2100-05-15'],
      ['1989-05-15', '2026-05-14', '2026-05-16'], // never before the first occurrence
    ],
    [
      'a yearly Feb 29 (Feb 28 in other years)',
      { start: '2024-02-29', yearly: true },
      ['2024-02-29', '2025-02-28', '2028-02-29', '2100-02-28'],
      ['2025-03-01', '2028-02-28', '2028-03-01', '2023-02-28'],
    ],
    [
      'a yearly multi-day event across New Year',
      { start: '2025-12-31', end: '2026-01-02', yearly: true },
      // The 2025 occurrence covers 2026-01-01; the 2026 one runs 2026-12-31 … 2027-01-02.
      ['2025-12-31', '2026-01-01', '2026-01-02', '2026-12-31', '2027-01-01', '2027-01-02'],
      ['2025-01-01', '2025-12-30', '2026-01-03', '2026-12-30', '2027-01-03'],
    ],
    [
      'a yearly event over the end of February keeps its calendar days',
      { start: '2024-02-28', end: '2024-03-01', yearly: true }, // 3 days in 2024
      ['2024-02-29', '2025-02-28', '2025-03-01', '2028-02-29'], // 2 days in 2025
      ['2025-03-02', '2025-02-27'],
    ],
    [
      'a yearly event starting on Feb 29',
      { start: '2024-02-29', end: '2024-03-02', yearly: true },
      ['2025-02-28', '2025-03-01', '2025-03-02'],
      ['2025-02-27', '2025-03-03'],
    ],
    [
      'a yearly event with a null end',
      { start: '2024-12-25', end: null, yearly: true },
      ['2030-12-25'],
      ['2030-12-24', '2030-12-26'],
    ],
    [
      'yearly: false behaves as one-off',
      { start: '2024-12-25', yearly: false },
      ['2024-12-25'],
      ['2025-12-25'],
    ],
  ];

  describe.each(cases)('%s', (_name, event, covered, notCovered) => {
    it.each(covered)('covers %s', (day) => {
      expect(occursOn(event, day)).toBe(true);
    });
    it.each(notCovered)('does not cover %s', (day) => {
      expect(occursOn(event, day)).toBe(false);
    });
  });

  it('eventsOnDay keeps the given order and the caller’s own objects', () => {
    const birthday = { id: 'b', title: '생일', start: '1995-01-01', yearly: true };
    const trip = { id: 't', title: '여행', start: '2025-12-30', end: '2026-01-02' };
    const dinner = { id: 'd', title: '저녁', start: '2026-01-02' };
    const events = [trip, dinner, birthday];
    expect(eventsOnDay(events, '2026-01-01')).toEqual([trip, birthday]);
    expect(eventsOnDay(events, '2026-01-02')[1]).toBe(dinner);
    expect(eventsOnDay(events, '2026-01-03')).toEqual([]);
    expect(eventsOnDay([], '2026-01-03')).toEqual([]);
  });

  it('rejects an event that ends before it starts', () => {
    expect(() => occursOn({ start: '2026-11-24', end: '2026-11-23' }, '2026-11-24')).toThrow(
      /end "2026-11-23" is before start "2026-11-24"/,
    );
  });
});
