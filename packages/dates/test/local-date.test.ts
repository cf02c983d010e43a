// LocalDate validity and arithmetic against hand-checked dates (README "Rules").
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  compareDates,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  isLeapYear,
  isValidLocalDate,
  localDate,
  parseLocalDate,
} from '../src/index.js';

describe('isValidLocalDate', () => {
  it.each([
    '2024-02-29', // 2024 is divisible by 4 and not by 100: leap
    '2000-02-29', // 2000 is divisible by 400: leap
    '2026-12-31',
    '2026-01-01',
    '2025-04-30',
    '0001-01-01',
    '9999-12-31',
  ])('%s is valid', (value) => {
    expect(isValidLocalDate(value)).toBe(true);
  });

  it.each<unknown>([
    '2025-02-29', // 2025 is not divisible by 4
    '2100-02-29', // 2100 is divisible by 100 and not by 400: not leap
    '1900-02-29',
    '2025-02-30',
    '2024-02-30',
    '2025-04-31',
    '2025-06-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-01-32',
    '0000-01-01', // years start at 0001
    '2025-1-01',
    '2025-01-1',
    '2025/01/01',
    '20250101',
    ' 2025-01-01',
    '2025-01-01 ',
    '2025-01-01T00:00:00Z',
    '+002025-01-01',
    '１２３４-01-01', // full-width digits
    '',
    null,
    undefined,
    20250101,
    new Date('2025-01-01T00:00:00Z'),
  ])('%j is not valid', (value) => {
    expect(isValidLocalDate(value)).toBe(false);
  });
});

describe('leap years and month lengths', () => {
  it.each([
    [2024, true],
    [2025, false],
    [2100, false], // divisible by 100, not by 400
    [2000, true], // divisible by 400
    [1900, false],
    [2400, true],
  ])('isLeapYear(%i) = %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
  });

  it('knows every month length', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2025, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
  });

  it('rejects a month outside 1-12 and a year outside 1-9999', () => {
    expect(() => daysInMonth(2025, 0)).toThrow(RangeError);
    expect(() => daysInMonth(2025, 13)).toThrow(RangeError);
    expect(() => daysInMonth(0, 1)).toThrow(RangeError);
  });
});

describe('localDate / parseLocalDate', () => {
  it('builds and splits dates', () => {
    expect(localDate(2024, 2, 29)).toBe('2024-02-29');
    expect(localDate(1, 1, 1)).toBe('0001-01-01');
    expect(parseLocalDate('2026-11-24')).toEqual({ year: 2026, month: 11, day: 24 });
  });

  it.each([
    [2025, 2, 29],
    [2025, 4, 31],
    [2025, 13, 1],
    [2025, 1, 0],
    [2025, 1, 1.5],
    [0, 1, 1],
    [10000, 1, 1],
  ])('localDate(%i, %i, %d) throws', (y, m, d) => {
    expect(() => localDate(y, m, d)).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'], // 2024 is leap
    ['2024-02-28', 2, '2024-03-01'],
    ['2025-02-28', 1, '2025-03-01'], // 2025 is not
    ['2100-02-28', 1, '2100-03-01'], // 2100 is not
    ['2000-02-28', 1, '2000-02-29'], // 2000 is
    ['1900-02-28', 1, '1900-03-01'],
    ['2025-12-31', 1, '2026-01-01'], // year boundary
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-01-01', 366, '2025-01-01'], // 2024 has 366 days
    ['2025-01-01', 365, '2026-01-01'],
    ['2026-11-24', 0, '2026-11-24'],
    ['1970-01-01', -1, '1969-12-31'],
    ['0001-01-01', 3652058, '9999-12-31'],
  ])('%s + %i days = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it('refuses to leave 0001-01-01..9999-12-31', () => {
    expect(() => addDays('0001-01-01', -1)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, '1' as unknown as number])(
    'rejects n = %s',
    (n) => {
      expect(() => addDays('2026-01-01', n)).toThrow(RangeError);
    },
  );
});

describe('addMonths (a day the target month lacks clamps to its last day)', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-28'], // Jan 31 + 1 month: February 2025 ends on the 28th
    ['2024-01-31', 1, '2024-02-29'], // … and February 2024 on the 29th
    ['2025-03-31', -1, '2025-02-28'], // Mar 31 − 1 month
    ['2024-03-31', -1, '2024-02-29'],
    ['2100-01-31', 1, '2100-02-28'],
    ['2000-01-31', 1, '2000-02-29'],
    ['2025-05-31', 1, '2025-06-30'],
    ['2025-08-31', 1, '2025-09-30'],
    ['2025-01-30', 1, '2025-02-28'],
    ['2025-02-28', 1, '2025-03-28'], // no "stick to month end": Feb 28 is not Feb's "last day" for this rule
    ['2025-01-31', 2, '2025-03-31'], // one step of 2 months, not two clamped steps (that gives 03-28)
    ['2025-12-15', 1, '2026-01-15'], // year boundary forwards
    ['2026-01-15', -1, '2025-12-15'], // and backwards
    ['2025-01-31', 13, '2026-02-28'],
    ['2025-01-31', -2, '2024-11-30'],
    ['2026-11-24', 0, '2026-11-24'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
  ])('%s + %i months = %s', (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
  });

  it('is not the same as repeating single steps once a day was clamped', () => {
    expect(addMonths(addMonths('2025-01-31', 1), 1)).toBe('2025-03-28');
  });

  it('refuses to leave the supported years', () => {
    expect(() => addMonths('9999-12-01', 1)).toThrow(RangeError);
    expect(() => addMonths('0001-01-31', -1)).toThrow(RangeError);
  });
});

describe('addYears (Feb 29 → Feb 28 in a year without Feb 29)', () => {
  it.each([
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 2, '2026-02-28'],
    ['2024-02-29', 4, '2028-02-29'], // computed from the start: the leap day comes back
    ['2024-02-29', -1, '2023-02-28'],
    ['2024-02-29', -4, '2020-02-29'],
    ['2096-02-29', 4, '2100-02-28'], // 2100 is not leap
    ['1996-02-29', 4, '2000-02-29'], // 2000 is
    ['2025-02-28', 1, '2026-02-28'],
    ['2023-02-28', 1, '2024-02-28'], // never moves to Feb 29
    ['2025-03-01', 1, '2026-03-01'],
    ['2025-12-31', 1, '2026-12-31'],
    ['2026-01-01', -1, '2025-01-01'],
  ])('%s + %i years = %s', (date, n, expected) => {
    expect(addYears(date, n)).toBe(expected);
  });

  it('refuses to leave the supported years', () => {
    expect(() => addYears('9999-01-01', 1)).toThrow(RangeError);
    expect(() => addYears('2026-01-01', 0.5)).toThrow(RangeError);
  });
});

describe('daysBetween (b − a)', () => {
  it.each([
    ['2026-01-01', '2026-01-03', 2],
    ['2026-01-03', '2026-01-01', -2],
    ['2026-11-24', '2026-11-24', 0],
    ['2025-12-31', '2026-01-01', 1],
    ['2024-01-01', '2025-01-01', 366],
    ['2025-01-01', '2026-01-01', 365],
    // Feb 29 2024 → Mar 1 2024 is 1 day, Mar 1 2024 → Mar 1 2025 is 365 (no Feb 29 in between): 366 to
    // Mar 1 2025, one less to Feb 28 2025.
    ['2024-02-29', '2025-03-01', 366],
    ['2024-02-29', '2025-02-28', 365],
    ['1970-01-01', '2000-01-01', 10957], // 30 × 365 + 7 leap days (1972 … 1996)
    ['2000-01-01', '2100-01-01', 36525], // 100 × 365 + 25 leap days (2000, 2004, … 2096)
    ['2100-01-01', '2200-01-01', 36524], // 2104 … 2196: 24 leap days, 2100 is not one
    ['0001-01-01', '9999-12-31', 3652058],
  ])('daysBetween(%s, %s) = %i', (a, b, expected) => {
    expect(daysBetween(a, b)).toBe(expected);
  });
});

describe('compareDates', () => {
  it('orders dates', () => {
    expect(compareDates('2025-12-31', '2026-01-01')).toBe(-1);
    expect(compareDates('2026-01-01', '2025-12-31')).toBe(1);
    expect(compareDates('2026-01-01', '2026-01-01')).toBe(0);
    expect(['2026-01-01', '0999-05-01', '2024-02-29', '2025-12-31'].sort(compareDates)).toEqual([
      '0999-05-01',
      '2024-02-29',
      '2025-12-31',
      '2026-01-01',
    ]);
  });
});

describe('dayOfWeek (0 = Sunday)', () => {
  it.each([
    ['1970-01-01', 4], // Thursday
    ['2000-01-01', 6], // Saturday
    ['2024-02-29', 4], // Thursday
    ['2026-02-01', 0], // Sunday: February 2026 fits 4 Sunday-first weeks
    ['2026-11-24', 2], // Tuesday
    ['2025-11-01', 6], // Saturday
    ['2025-12-25', 4], // Thursday
    ['0001-01-01', 1], // Monday (proleptic Gregorian)
    ['9999-12-31', 5], // Friday
  ])('%s → %i', (date, expected) => {
    expect(dayOfWeek(date)).toBe(expected);
  });
});
