import { describe, expect, it } from 'vitest';
import {
  countdown,
  daysBetween,
  formatDateTime,
  formatDayHeading,
  formatTime,
  localDateAt,
  relationshipDay,
  relativeTime,
  timeZoneChoices,
} from './dates';

describe('localDateAt', () => {
  it('is already the next day in Seoul at 15:30 UTC', () => {
    const instant = new Date('2026-01-01T15:30:00Z');
    expect(localDateAt(instant, 'Asia/Seoul')).toBe('2026-01-02');
    expect(localDateAt(instant, 'UTC')).toBe('2026-01-01');
    expect(localDateAt(instant, 'America/Los_Angeles')).toBe('2026-01-01');
  });
});

describe('daysBetween', () => {
  it('counts calendar days across a leap day and a DST change', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-03-08', '2025-03-10')).toBe(2);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
  });
});

describe('relationshipDay', () => {
  it('calls the start date day 1', () => {
    expect(relationshipDay('2024-02-29', 'Asia/Seoul', new Date('2024-02-29T03:00:00Z'))).toBe(1);
  });

  it('is day 2 the day after a leap day', () => {
    expect(relationshipDay('2024-02-29', 'Asia/Seoul', new Date('2024-03-01T03:00:00Z'))).toBe(2);
  });

  it('turns the day at midnight in the couple time zone, not in UTC', () => {
    const start = '2026-01-01';
    expect(relationshipDay(start, 'Asia/Seoul', new Date('2026-01-01T14:59:59Z'))).toBe(1);
    expect(relationshipDay(start, 'Asia/Seoul', new Date('2026-01-01T15:30:00Z'))).toBe(2);
    expect(relationshipDay(start, 'UTC', new Date('2026-01-01T15:30:00Z'))).toBe(1);
  });

  it('reaches day 100 after 99 days', () => {
    expect(relationshipDay('2025-01-01', 'Asia/Seoul', new Date('2025-04-10T01:00:00Z'))).toBe(100);
  });

  it('is negative while the start date is ahead', () => {
    expect(relationshipDay('2026-01-05', 'Asia/Seoul', new Date('2026-01-02T01:00:00Z'))).toBe(-3);
  });
});

describe('countdown', () => {
  const now = new Date('2026-01-01T00:00:00Z');

  it('breaks a full grace period into units', () => {
    expect(countdown(new Date('2026-01-08T00:00:00Z'), now)).toEqual({
      days: 7,
      hours: 0,
      minutes: 0,
      seconds: 0,
      totalMs: 7 * 86_400_000,
    });
  });

  it('shows 6d 23h 59m 12s 48 seconds in', () => {
    const later = new Date(now.getTime() + 48_000);
    expect(countdown(new Date('2026-01-08T00:00:00Z'), later)).toMatchObject({
      days: 6,
      hours: 23,
      minutes: 59,
      seconds: 12,
    });
  });

  it('rounds a partial second up and stops at zero', () => {
    expect(countdown(new Date(now.getTime() + 1), now)).toMatchObject({ seconds: 1, totalMs: 1 });
    expect(countdown(new Date(now.getTime() - 5000), now)).toEqual({
      days: 0,
      hours: 0,
      minutes: 0,
      seconds: 0,
      totalMs: 0,
    });
  });
});

describe('relativeTime', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

  it('says "now" for the last few seconds', () => {
    expect(relativeTime(ago(10), now, 'ko')).toBe('지금');
    expect(relativeTime(ago(10), now, 'en')).toBe('now');
  });

  it('counts whole minutes, hours and days', () => {
    expect(relativeTime(ago(3 * 60 + 59), now, 'ko')).toBe('3분 전');
    expect(relativeTime(ago(50), now, 'en')).toBe('1 minute ago');
    expect(relativeTime(ago(2 * 3600 + 10), now, 'en')).toBe('2 hours ago');
    expect(relativeTime(ago(3 * 86_400), now, 'ko')).toBe('3일 전');
    expect(relativeTime(ago(86_400), now, 'en')).toBe('yesterday');
  });

  it('gives a date after a week', () => {
    expect(relativeTime(ago(10 * 86_400), now, 'en', 'UTC')).toBe('Feb 28, 2026');
  });
});

describe('formatDateTime', () => {
  const now = new Date('2026-11-30T00:00:00Z');

  it('writes a Korean afternoon time in the couple time zone', () => {
    expect(formatDateTime(new Date('2026-11-24T06:02:00Z'), 'ko', 'Asia/Seoul', now)).toBe(
      '11월 24일 오후 3:02',
    );
  });

  it('adds the year for another year', () => {
    expect(formatDateTime(new Date('2025-11-24T06:02:00Z'), 'en', 'Asia/Seoul', now)).toBe(
      'Nov 24, 2025, 3:02 PM',
    );
  });
});

describe('timeZoneChoices', () => {
  it('keeps the current zone selectable', () => {
    expect(timeZoneChoices('Asia/Seoul')).toContain('Asia/Seoul');
    expect(timeZoneChoices('Etc/Unknown')[0]).toBe('Etc/Unknown');
  });
});

describe('formatDateTime in Korean', () => {
  const now = new Date('2026-11-30T00:00:00Z');
  it.each([
    ['2026-11-24T15:02:00Z', '11월 25일 오전 12:02'],
    ['2026-11-24T03:02:00Z', '11월 24일 오후 12:02'],
    ['2026-11-24T13:59:00Z', '11월 24일 오후 10:59'],
  ])('writes %s as %s', (iso, expected) => {
    expect(formatDateTime(new Date(iso), 'ko', 'Asia/Seoul', now)).toBe(expected);
  });
});

describe('formatTime', () => {
  const instant = new Date('2026-11-24T06:02:00Z');

  it('writes the time of day in the couple time zone, in the reader’s language', () => {
    expect(formatTime(instant, 'ko', 'Asia/Seoul')).toBe('오후 3:02');
    expect(formatTime(instant, 'en', 'Asia/Seoul')).toMatch(/^3:02\sPM$/);
    expect(formatTime(instant, 'ko', 'America/New_York')).toBe('오전 1:02');
  });
});

describe('formatDayHeading', () => {
  it('names the weekday in full', () => {
    expect(formatDayHeading('2026-11-24', 'ko')).toBe('2026년 11월 24일 화요일');
    expect(formatDayHeading('2026-11-24', 'en')).toBe('Tuesday, November 24, 2026');
  });
});
