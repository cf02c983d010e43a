// D-days, the Korean-style relationship counter and its automatic milestones (100일, 1주년, …).
import {
  addYears,
  assertLocalDate,
  compareDates,
  daysBetween,
  fromDayNumber,
  type LocalDate,
  MAX_LOCAL_DATE,
  parseLocalDate,
  toDayNumber,
} from './local-date.js';

export interface DDay {
  /** target − today in days: positive before the target, 0 on it, negative after it. */
  days: number;
  /** 'D-12' before the target, 'D-Day' on it, 'D+345' after it. */
  label: string;
}

/** The D-day of `target` seen from `today`: D-12 (12 days to go), D-Day, D+345 (345 days ago). */
export function dDay(target: LocalDate, today: LocalDate): DDay {
  assertLocalDate(target, 'dDay(target)');
  assertLocalDate(today, 'dDay(today)');
  const days = daysBetween(today, target);
  return { days, label: dDayLabel(days) };
}

/** The label for `days` = target − today: 12 → 'D-12', 0 → 'D-Day', -345 → 'D+345'. */
export function dDayLabel(days: number): string {
  if (!Number.isSafeInteger(days)) {
    throw new RangeError(`dDayLabel(days): expected a whole number, got ${String(days)}`);
  }
  return days > 0 ? `D-${days}` : days === 0 ? 'D-Day' : `D+${-days}`;
}

/**
 * The Korean-style relationship day ("우리 만난 지 N일"): the start date itself is day 1, the next
 * day is day 2, and so on. Null while the start date is still in the future: there is no day 0 or
 * negative day to show, so the caller shows something else (e.g. dDay(start, today) → 'D-3').
 */
export function relationshipDay(start: LocalDate, today: LocalDate): number | null {
  assertLocalDate(start, 'relationshipDay(start)');
  assertLocalDate(today, 'relationshipDay(today)');
  const elapsed = daysBetween(start, today);
  return elapsed < 0 ? null : elapsed + 1;
}

export interface Milestone {
  /** 'days': the n-th day (n = 100, 200, …); 'years': the n-th anniversary (n = 1, 2, …). */
  kind: 'days' | 'years';
  n: number;
  date: LocalDate;
}

export interface MilestoneOptions {
  /** The first date to list milestones for (inclusive), usually today. */
  from: LocalDate;
  /** At most this many milestones. Default: 10 when `until` is not given, otherwise no limit. */
  count?: number;
  /** The last date to list milestones for (inclusive). */
  until?: LocalDate;
}

/** Milestones every this many days: 100일, 200일, … */
export const MILESTONE_DAY_STEP = 100;
const DEFAULT_MILESTONE_COUNT = 10;

/** The date of the n-th day counting `start` as day 1 (dayN(start, 100) = start + 99 days). */
function dayMilestone(startDay: number, k: number): Milestone {
  const n = k * MILESTONE_DAY_STEP;
  return { kind: 'days', n, date: fromDayNumber(startDay + n - 1) };
}

/**
 * The automatic milestones of a relationship that started on `start`, in date order, from
 * `options.from` (inclusive) on:
 * - every 100 days, counting the start date as day 1: 100일 = start + 99 days, 200일 = start + 199 days;
 * - every anniversary: N주년 = addYears(start, N), so a 2024-02-29 start has its 1주년 on 2025-02-28
 *   and its 4주년 on 2028-02-29 (each anniversary is computed from the start, never from the
 *   previous one).
 * When a day milestone and an anniversary fall on the same date, the day milestone comes first.
 * The list stops at `until`, after `count` items, or at 9999-12-31, whichever comes first.
 */
export function milestones(start: LocalDate, options: MilestoneOptions): Milestone[] {
  const startDay = toDayNumber(start, 'milestones(start)');
  if (typeof options !== 'object' || options === null) {
    throw new RangeError('milestones(options): expected { from, count?, until? }');
  }
  const fromDay = toDayNumber(options.from, 'milestones(options.from)');
  const untilDay =
    options.until === undefined
      ? toDayNumber(MAX_LOCAL_DATE)
      : toDayNumber(options.until, 'milestones(options.until)');
  let count = options.count;
  if (count === undefined) {
    count = options.until === undefined ? DEFAULT_MILESTONE_COUNT : Number.POSITIVE_INFINITY;
  } else if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(
      `milestones(options.count): expected a whole number ≥ 0, got ${String(count)}`,
    );
  }
  const lastDay = Math.min(untilDay, toDayNumber(MAX_LOCAL_DATE));

  // The first 100-day milestone on or after `from`: the smallest k ≥ 1 with start + 100k − 1 ≥ from.
  let k = Math.max(1, Math.ceil((fromDay - startDay + 1) / MILESTONE_DAY_STEP));
  // The first anniversary on or after `from`: start from a year just before and step forward.
  const startYear = parseLocalDate(start).year;
  const fromYear = parseLocalDate(options.from).year;
  let years = Math.max(1, fromYear - startYear - 1);

  const anniversary = (n: number): Milestone | null => {
    if (startYear + n > 9999) return null;
    return { kind: 'years', n, date: addYears(start, n) };
  };
  const nextDays = (): Milestone | null =>
    startDay + k * MILESTONE_DAY_STEP - 1 <= lastDay ? dayMilestone(startDay, k) : null;

  let nextYears = anniversary(years);
  while (nextYears !== null && toDayNumber(nextYears.date) < fromDay) {
    years += 1;
    nextYears = anniversary(years);
  }
  if (nextYears !== null && toDayNumber(nextYears.date) > lastDay) nextYears = null;

  const result: Milestone[] = [];
  let days = nextDays();
  while (result.length < count && (days !== null || nextYears !== null)) {
    if (days !== null && (nextYears === null || compareDates(days.date, nextYears.date) <= 0)) {
      result.push(days);
      k += 1;
      days = nextDays();
    } else if (nextYears !== null) {
      result.push(nextYears);
      years += 1;
      nextYears = anniversary(years);
      if (nextYears !== null && toDayNumber(nextYears.date) > lastDay) nextYears = null;
    }
  }
  return result;
}

/**
 * The next milestone on or after `today` (today's own milestone counts: on the 100th day it is the
 * 100일 milestone). Null only past year 9999.
 */
export function nextMilestone(start: LocalDate, today: LocalDate): Milestone | null {
  assertLocalDate(start, 'nextMilestone(start)');
  assertLocalDate(today, 'nextMilestone(today)');
  return milestones(start, { from: today, count: 1 })[0] ?? null;
}
