// The month view and calendar events: month grids, yearly repeats (birthdays), multi-day events.
import {
  checkYear,
  dayNumberOf,
  dayOfWeek,
  daysInMonth,
  fromDayNumber,
  type LocalDate,
  localDate,
  parseLocalDate,
  partsOfDayNumber,
  toDayNumber,
} from './local-date.js';

/**
 * The date a yearly event that first happened on `date` falls on in `year`: the same month and day,
 * except that Feb 29 falls on Feb 28 in a year without Feb 29 (the same rule as addYears).
 * Any year 1-9999 is accepted, also years before `date`; whether the event had started by then is
 * the caller's question (occursOn answers it for events).
 */
export function yearlyOccurrence(date: LocalDate, year: number): LocalDate {
  const { month, day } = parseLocalDate(date, 'yearlyOccurrence(date)');
  checkYear(year, 'yearlyOccurrence(year)');
  return localDate(year, month, Math.min(day, daysInMonth(year, month)));
}

export interface GridDay {
  date: LocalDate;
  /** False for the days of the previous and next month that fill the first and last week. */
  inMonth: boolean;
}

/**
 * The weeks (rows of 7 days) that cover `month` (1-12) of `year`, each week starting on Sunday
 * (weekStartsOn 0, the Korean convention and the default) or Monday (1). The first and last rows are
 * filled with days of the adjacent months (inMonth false). Only the weeks the month touches are
 * returned, so a grid has 4, 5 or 6 rows (February 2026 with Sunday weeks: exactly 4).
 */
export function monthGrid(year: number, month: number, weekStartsOn: 0 | 1 = 0): GridDay[][] {
  checkYear(year, 'monthGrid(year)');
  const length = daysInMonth(year, month); // validates month
  if (weekStartsOn !== 0 && weekStartsOn !== 1) {
    throw new RangeError(
      `monthGrid(weekStartsOn): expected 0 (Sunday) or 1 (Monday), got ${String(weekStartsOn)}`,
    );
  }
  const first = localDate(year, month, 1);
  const firstDay = dayNumberOf({ year, month, day: 1 });
  const lead = (dayOfWeek(first) - weekStartsOn + 7) % 7;
  const rows = Math.ceil((lead + length) / 7);
  const weeks: GridDay[][] = [];
  for (let r = 0; r < rows; r++) {
    const week: GridDay[] = [];
    for (let c = 0; c < 7; c++) {
      const offset = r * 7 + c - lead; // days after the 1st
      week.push({
        date: fromDayNumber(firstDay + offset, `monthGrid(${year}, ${month})`),
        inMonth: offset >= 0 && offset < length,
      });
    }
    weeks.push(week);
  }
  return weeks;
}

/** The dates a calendar event spans. */
export interface EventDates {
  /** The first day. */
  start: LocalDate;
  /** The last day (inclusive); the start day when omitted. Must not be before start. */
  end?: LocalDate | null | undefined;
  /**
   * Repeats every year from its start on (a birthday, an anniversary). Each occurrence runs over the
   * same calendar days as the first one, with Feb 29 on Feb 28 in other years (yearlyOccurrence).
   */
  yearly?: boolean | null | undefined;
}

/**
 * True if `event` covers `day`. A one-off event covers start..end inclusive. A yearly event covers
 * the same span in every year from its start year on, never before its first occurrence; an
 * occurrence may cross New Year (Dec 31 – Jan 1 covers 2026-01-01 through the 2025 occurrence).
 */
export function occursOn(event: EventDates, day: LocalDate): boolean {
  const dayNumber = toDayNumber(day, 'occursOn(day)');
  const startDay = toDayNumber(event.start, 'occursOn(event.start)');
  const endDay =
    event.end === undefined || event.end === null
      ? startDay
      : toDayNumber(event.end, 'occursOn(event.end)');
  if (endDay < startDay) {
    throw new RangeError(
      `occursOn(event): end ${JSON.stringify(event.end)} is before start ${JSON.stringify(event.start)}`,
    );
  }
  if (!event.yearly) return startDay <= dayNumber && dayNumber <= endDay;
  if (dayNumber < startDay) return false;

  // Each occurrence keeps the calendar days of the first one: in year Y it runs from
  // yearlyOccurrence(start, Y) to yearlyOccurrence(end, Y + span), span being how many New Years the
  // first occurrence crosses. Only the years Y with Y ≤ year(day) ≤ Y + span can cover day.
  const startYear = parseLocalDate(event.start).year;
  const span = partsOfDayNumber(endDay).year - startYear;
  const dayYear = partsOfDayNumber(dayNumber).year;
  for (let year = Math.max(startYear, dayYear - span); year <= dayYear; year++) {
    if (year + span > 9999) break;
    const from = toDayNumber(yearlyOccurrence(event.start, year));
    const to = toDayNumber(yearlyOccurrence(event.end ?? event.start, year + span));
    if (from <= dayNumber && dayNumber <= to) return true;
  }
  return false;
}

/** The events (in their given order) that cover `day`; see occursOn for the rules. */
export function eventsOnDay<T extends EventDates>(events: readonly T[], day: LocalDate): T[] {
  toDayNumber(day, 'eventsOnDay(day)');
  return events.filter((event) => occursOn(event, day));
}
