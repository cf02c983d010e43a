// D-days, the relationship counter and milestones against hand-checked dates.
import { describe, expect, it } from 'vitest';
import {
  dDay,
  dDayLabel,
  type Milestone,
  milestones,
  nextMilestone,
  relationshipDay,
} from '../src/index.js';

describe('dDay (days = target − today)', () => {
  it.each([
    ['2026-12-06', '2026-11-24', 12, 'D-12'],
    ['2026-11-25', '2026-11-24', 1, 'D-1'],
    ['2026-11-24', '2026-11-24', 0, 'D-Day'],
    ['2026-11-23', '2026-11-24', -1, 'D+1'],
    // 2025-12-14 → 2025-12-31: 17; then Jan 31, Feb 28, Mar 31, Apr 30, May 31, Jun 30, Jul 31,
    // Aug 31, Sep 30, Oct 31 (+304 = 321), Nov 24 (+24) = 345.
    ['2025-12-14', '2026-11-24', -345, 'D+345'],
    ['2027-01-01', '2026-12-31', 1, 'D-1'], // across New Year
    ['2024-03-01', '2024-02-28', 2, 'D-2'], // across Feb 29
    ['2025-03-01', '2025-02-28', 1, 'D-1'], // no Feb 29 in 2025
  ])('target %s seen on %s: %i, %s', (target, today, days, label) => {
    expect(dDay(target, today)).toEqual({ days, label });
  });

  it('dDayLabel formats any whole number of days', () => {
    expect(dDayLabel(100)).toBe('D-100');
    expect(dDayLabel(0)).toBe('D-Day');
    expect(dDayLabel(-1000)).toBe('D+1000');
    expect(() => dDayLabel(1.5)).toThrow(RangeError);
  });
});

describe('relationshipDay (the start date is day 1)', () => {
  it.each([
    ['2026-11-24', '2026-11-24', 1], // the first day is 1일, not 0일
    ['2026-11-24', '2026-11-25', 2],
    ['2025-01-01', '2025-12-31', 365],
    ['2025-01-01', '2026-01-01', 366],
    ['2024-02-29', '2024-06-07', 100], // see the milestone table below
    ['2024-02-29', '2026-11-24', 1000],
  ])('started %s, on %s: day %i', (start, today, expected) => {
    expect(relationshipDay(start, today)).toBe(expected);
  });

  it('is null while the start date is in the future', () => {
    expect(relationshipDay('2026-11-25', '2026-11-24')).toBeNull();
    expect(relationshipDay('2027-01-01', '2026-11-24')).toBeNull();
  });
});

const days = (n: number, date: string): Milestone => ({ kind: 'days', n, date });
const years = (n: number, date: string): Milestone => ({ kind: 'years', n, date });

describe('milestones: the issue example, start 2024-02-29 (a leap day)', () => {
  // Hand count, the start date being day 1 so the N-th day is start + (N − 1) days:
  //   100일 = +99:  Feb 29 → Mar 1 is 1, → Mar 31 is 31, → Apr 30 is 61, → May 31 is 92, → Jun 7 is 99.
  //   200일 = +100 from 100일: Jun 30 (+23), Jul 31 (+54), Aug 31 (+85), Sep 15 (+100).
  //   300일: Sep 30 (+15), Oct 31 (+46), Nov 30 (+76), Dec 24 (+100).
  //   1주년 = Feb 29 2024 + 1 year: 2025 has no Feb 29 → Feb 28 (README: the Feb 29 rule).
  //   400일: Dec 31 (+7), Jan 31 (+38), Feb 28 (+66), Mar 31 (+97), Apr 3 (+100).
  //   500일: Apr 30 (+27), May 31 (+58), Jun 30 (+88), Jul 12 (+100).
  //   600일: Jul 31 (+19), Aug 31 (+50), Sep 30 (+80), Oct 20 (+100).
  //   700일: Oct 31 (+11), Nov 30 (+41), Dec 31 (+72), Jan 28 2026 (+100).
  //   2주년 = 2026-02-28 (2026 has no Feb 29 either).
  //   800일: Jan 31 (+3), Feb 28 (+31), Mar 31 (+62), Apr 30 (+92), May 8 (+100).
  //   900일: May 31 (+23), Jun 30 (+53), Jul 31 (+84), Aug 16 (+100).
  //   1000일: Aug 31 (+15), Sep 30 (+45), Oct 31 (+76), Nov 24 (+100) — and directly: Feb 29 2024 →
  //     Mar 1 2025 is 366 days, → Mar 1 2026 is 731, + 268 (Mar 30, Apr 30, May 31, Jun 30, Jul 31,
  //     Aug 31, Sep 30, Oct 31 = 244, + Nov 24) = 999 = 1000 − 1. ✓
  //   3주년 = 2027-02-28; 1100일: Nov 30 (+6), Dec 31 (+37), Jan 31 (+68), Feb 28 (+96), Mar 4 (+100).
  //   4주년 = 2028-02-29: anniversaries are start + N years, so in a leap year it is Feb 29 again.
  const start = '2024-02-29';

  it('lists the first ten from the start date, in date order', () => {
    expect(milestones(start, { from: start })).toEqual([
      days(100, '2024-06-07'),
      days(200, '2024-09-15'),
      days(300, '2024-12-24'),
      years(1, '2025-02-28'),
      days(400, '2025-04-03'),
      days(500, '2025-07-12'),
      days(600, '2025-10-20'),
      days(700, '2026-01-28'),
      years(2, '2026-02-28'),
      days(800, '2026-05-08'),
    ]);
  });

  it('continues from a later `from`, which is inclusive', () => {
    expect(milestones(start, { from: '2026-11-24', count: 4 })).toEqual([
      days(1000, '2026-11-24'),
      years(3, '2027-02-28'),
      days(1100, '2027-03-04'),
      days(1200, '2027-06-12'),
    ]);
    expect(milestones(start, { from: '2026-11-25', count: 1 })).toEqual([years(3, '2027-02-28')]);
  });

  it('returns to Feb 29 on the 4th anniversary', () => {
    const list = milestones(start, { from: '2028-01-01', until: '2028-12-31' });
    expect(list.filter((m) => m.kind === 'years')).toEqual([years(4, '2028-02-29')]);
  });

  it('stops at `until` (inclusive) and at `count`', () => {
    expect(milestones(start, { from: start, until: '2024-12-24' })).toEqual([
      days(100, '2024-06-07'),
      days(200, '2024-09-15'),
      days(300, '2024-12-24'),
    ]);
    expect(milestones(start, { from: start, until: '2024-12-23' })).toHaveLength(2);
    expect(milestones(start, { from: start, until: '2030-01-01', count: 2 })).toHaveLength(2);
    expect(milestones(start, { from: start, count: 0 })).toEqual([]);
    expect(milestones(start, { from: '2025-01-01', until: '2024-12-31' })).toEqual([]);
    // With `until` and no `count`, everything up to `until` is listed. 2024-02-29 → 2034-02-28 is
    // 10 × 365 + 2 (the leap days 2028-02-29 and 2032-02-29) = 3652 days, so 2034-02-28 is day 3653:
    // 36 day milestones, and it is the 10th anniversary itself: 10 anniversaries.
    expect(milestones(start, { from: start, until: '2034-02-28' })).toHaveLength(36 + 10);
  });

  it('nextMilestone is the first one on or after today', () => {
    expect(nextMilestone(start, '2024-02-29')).toEqual(days(100, '2024-06-07'));
    expect(nextMilestone(start, '2024-06-07')).toEqual(days(100, '2024-06-07')); // D-Day counts
    expect(nextMilestone(start, '2024-06-08')).toEqual(days(200, '2024-09-15'));
    expect(nextMilestone(start, '2025-01-01')).toEqual(years(1, '2025-02-28'));
    expect(nextMilestone(start, '2025-02-28')).toEqual(years(1, '2025-02-28'));
    expect(nextMilestone(start, '2025-03-01')).toEqual(days(400, '2025-04-03'));
  });
});

describe('milestones: other starts', () => {
  it('counts from the start even when `from` is before it', () => {
    // 2026-12-25 + 99: Dec 31 (+6), Jan 31 (+37), Feb 28 (+65), Mar 31 (+96), Apr 3 (+99).
    expect(milestones('2026-12-25', { from: '2026-01-01', count: 2 })).toEqual([
      days(100, '2027-04-03'),
      days(200, '2027-07-12'),
    ]);
  });

  it('keeps an ordinary anniversary on its own date', () => {
    expect(
      milestones('2025-12-31', { from: '2026-01-01', until: '2028-12-31' }).filter(
        (m) => m.kind === 'years',
      ),
    ).toEqual([years(1, '2026-12-31'), years(2, '2027-12-31'), years(3, '2028-12-31')]);
  });

  it('puts the day milestone first when both fall on one date', () => {
    // From 2020-01-01 to 2138-01-01: 118 × 365 = 43070 days plus the leap days of 2020 … 2136
    // (30 years divisible by 4, less 2100) = 29 → 43099 days, so 2138-01-01 is day 43100 and also
    // the 118th anniversary.
    expect(milestones('2020-01-01', { from: '2138-01-01', count: 2 })).toEqual([
      days(43100, '2138-01-01'),
      years(118, '2138-01-01'),
    ]);
  });

  it('ends at 9999-12-31', () => {
    // 9999-01-01 + 99 = 9999-04-10, + 199 = 9999-07-19, + 299 = 9999-10-27; 1주년 would be in 10000.
    expect(milestones('9999-01-01', { from: '9999-01-01' })).toEqual([
      days(100, '9999-04-10'),
      days(200, '9999-07-19'),
      days(300, '9999-10-27'),
    ]);
    expect(nextMilestone('9999-01-01', '9999-11-01')).toBeNull();
  });

  it('rejects a bad count or options', () => {
    expect(() => milestones('2024-02-29', { from: '2024-02-29', count: -1 })).toThrow(RangeError);
    expect(() => milestones('2024-02-29', { from: '2024-02-29', count: 1.5 })).toThrow(RangeError);
    expect(() => milestones('2024-02-29', null as any)).toThrow(RangeError);
  });
});
