// LocalDate: a calendar date as 'YYYY-MM-DD' with no time and no zone, and the arithmetic on it.
// Internally a date is its day number (days since 1970-01-01 in the proleptic Gregorian calendar),
// computed with integer formulas (H. Hinnant's days_from_civil / civil_from_days), so nothing here
// depends on the host's time zone or on Date's two-digit-year quirks.

/** A calendar date as 'YYYY-MM-DD' (no time, no zone), year 0001 to 9999. */
export type LocalDate = string;

/** The first and last dates this module accepts and produces. */
export const MIN_LOCAL_DATE: LocalDate = '0001-01-01';
export const MAX_LOCAL_DATE: LocalDate = '9999-12-31';

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in `month` (1-12) of `year`: 28-31. */
export function daysInMonth(year: number, month: number): number {
  checkYear(year, 'daysInMonth(year)');
  checkMonth(month, 'daysInMonth(month)');
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_LENGTHS[month - 1] as number);
}

function partsOf(value: unknown): DateParts | null {
  if (typeof value !== 'string') return null;
  const m = PATTERN.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return null;
  const length = month === 2 && isLeapYear(year) ? 29 : (MONTH_LENGTHS[month - 1] as number);
  return day <= length ? { year, month, day } : null;
}

/** True for an existing calendar date written as 'YYYY-MM-DD' (2024-02-29 yes; 2025-02-30 no). */
export function isValidLocalDate(value: unknown): value is LocalDate {
  return partsOf(value) !== null;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Throws a RangeError naming the value unless it is a valid LocalDate. `label` says which argument
 * was wrong, e.g. 'addDays(date)'.
 */
export function assertLocalDate(value: unknown, label = 'date'): asserts value is LocalDate {
  if (partsOf(value) === null) {
    throw new RangeError(
      `${label}: invalid date ${describe(value)}; expected an existing calendar date as YYYY-MM-DD (years 0001-9999)`,
    );
  }
}

/** The year, month (1-12) and day of a LocalDate. */
export function parseLocalDate(date: LocalDate, label = 'parseLocalDate(date)'): DateParts {
  const parts = partsOf(date);
  if (parts === null) assertLocalDate(date, label);
  return parts as DateParts;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The LocalDate for a year, month (1-12) and day; RangeError if that date does not exist. */
export function localDate(year: number, month: number, day: number): LocalDate {
  checkYear(year, 'localDate(year)');
  checkMonth(month, 'localDate(month)');
  const last = daysInMonth(year, month);
  if (typeof day !== 'number' || !Number.isInteger(day) || day < 1 || day > last) {
    throw new RangeError(
      `localDate(day): ${pad(year, 4)}-${pad(month, 2)} has days 1 to ${last}, got ${describe(day)}`,
    );
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export function checkInteger(n: unknown, label: string): asserts n is number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new RangeError(`${label}: expected a whole number, got ${describe(n)}`);
  }
}

export function checkYear(year: unknown, label: string): asserts year is number {
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1 || year > 9999) {
    throw new RangeError(`${label}: expected a year from 1 to 9999, got ${describe(year)}`);
  }
}

function checkMonth(month: unknown, label: string): asserts month is number {
  if (typeof month !== 'number' || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`${label}: expected a month from 1 to 12, got ${describe(month)}`);
  }
}

// ---- day numbers ---------------------------------------------------------------------------------

/** Days from 1970-01-01 to the given date (negative before it). */
export function dayNumberOf({ year, month, day }: DateParts): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // [0, 399]
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

/** The date `days` days after 1970-01-01. */
export function partsOfDayNumber(days: number): DateParts {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097; // [0, 146096]
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  ); // [0, 399]
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // [0, 365]
  const mp = Math.floor((5 * doy + 2) / 153); // [0, 11], March-based
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const MIN_DAY = dayNumberOf({ year: 1, month: 1, day: 1 });
const MAX_DAY = dayNumberOf({ year: 9999, month: 12, day: 31 });

/** The day number of a LocalDate (RangeError naming the value if invalid). */
export function toDayNumber(date: LocalDate, label = 'date'): number {
  return dayNumberOf(parseLocalDate(date, label));
}

/** The LocalDate of a day number; RangeError if outside 0001-01-01..9999-12-31. */
export function fromDayNumber(days: number, label = 'result'): LocalDate {
  if (!Number.isSafeInteger(days) || days < MIN_DAY || days > MAX_DAY) {
    throw new RangeError(`${label}: the date falls outside ${MIN_LOCAL_DATE}..${MAX_LOCAL_DATE}`);
  }
  const { year, month, day } = partsOfDayNumber(days);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

// ---- arithmetic ----------------------------------------------------------------------------------

/** `date` moved by `n` days (n may be negative). */
export function addDays(date: LocalDate, n: number): LocalDate {
  const start = toDayNumber(date, 'addDays(date)');
  checkInteger(n, 'addDays(n)');
  return fromDayNumber(start + n, `addDays(${date}, ${n})`);
}

/**
 * `date` moved by `n` calendar months. A day that does not exist in the target month is clamped to
 * its last day: 2025-01-31 + 1 month = 2025-02-28, 2024-01-31 + 1 month = 2024-02-29,
 * 2025-03-31 − 1 month = 2025-02-28.
 */
export function addMonths(date: LocalDate, n: number): LocalDate {
  const { year, month, day } = parseLocalDate(date, 'addMonths(date)');
  checkInteger(n, 'addMonths(n)');
  const index = year * 12 + (month - 1) + n;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  if (y < 1 || y > 9999) {
    throw new RangeError(
      `addMonths(${date}, ${n}): the date falls outside ${MIN_LOCAL_DATE}..${MAX_LOCAL_DATE}`,
    );
  }
  return localDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/**
 * `date` moved by `n` years: the same month and day, except that Feb 29 becomes Feb 28 in a year
 * that has no Feb 29 (the same clamp as addMonths; addYears(d, n) === addMonths(d, 12 * n)).
 */
export function addYears(date: LocalDate, n: number): LocalDate {
  parseLocalDate(date, 'addYears(date)');
  checkInteger(n, 'addYears(n)');
  return addMonths(date, n * 12);
}

/** b − a in whole days: daysBetween('2026-01-01', '2026-01-03') === 2. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toDayNumber(b, 'daysBetween(b)') - toDayNumber(a, 'daysBetween(a)');
}

/** −1 if a is before b, 0 if the same day, 1 if after (a comparator for Array.prototype.sort). */
export function compareDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  assertLocalDate(a, 'compareDates(a)');
  assertLocalDate(b, 'compareDates(b)');
  // Fixed-width YYYY-MM-DD strings sort like the dates they name.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The day of the week: 0 = Sunday, 1 = Monday, … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): 0 | 1 | 2 | 3 | 4 | 5 | 6 {
  const days = toDayNumber(date, 'dayOfWeek(date)');
  // 1970-01-01 was a Thursday (4).
  return ((((days + 4) % 7) + 7) % 7) as 0 | 1 | 2 | 3 | 4 | 5 | 6;
}
