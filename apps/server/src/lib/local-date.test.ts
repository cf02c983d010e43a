import { describe, expect, it } from 'vitest';
import { addDays, localDate } from './local-date.js';

describe('localDate', () => {
  it.each([
    // Seoul is UTC+9: 15:00 UTC is already tomorrow there.
    ['2026-11-24T14:59:59.999Z', 'Asia/Seoul', '2026-11-24'],
    ['2026-11-24T15:00:00.000Z', 'Asia/Seoul', '2026-11-25'],
    ['2026-11-24T15:00:00.000Z', 'UTC', '2026-11-24'],
    // New York in daylight saving time (UTC-4) and in standard time (UTC-5).
    ['2026-07-01T03:59:00.000Z', 'America/New_York', '2026-06-30'],
    ['2026-07-01T04:00:00.000Z', 'America/New_York', '2026-07-01'],
    ['2026-12-01T04:59:00.000Z', 'America/New_York', '2026-11-30'],
    ['2026-12-01T05:00:00.000Z', 'America/New_York', '2026-12-01'],
    // A leap day.
    ['2028-02-29T12:00:00.000Z', 'Asia/Seoul', '2028-02-29'],
  ])('%s in %s is %s', (iso, zone, expected) => {
    expect(localDate(Date.parse(iso), zone)).toBe(expected);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-11-25', -6, '2026-11-19'],
    ['2026-03-03', -6, '2026-02-25'],
    ['2028-03-02', -2, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-11-25', 0, '2026-11-25'],
  ])('%s %+d days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});
