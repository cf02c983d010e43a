/** Calendar arithmetic for the couple's shared dates; pure functions of (date, time zone, instant). */

const dayMs = 86_400_000;

/** The calendar date (YYYY-MM-DD) it is in `timeZone` at `instant`. */
export function localDateAt(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function toUtcDays(date: string): number {
  const [year = Number.NaN, month = Number.NaN, day = Number.NaN] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / dayMs;
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD); negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return Math.round(toUtcDays(to) - toUtcDays(from));
}

/**
 * The relationship's day number, Korean style: the start date itself is day 1 ("우리 만난 지 1일").
 * Zero or less means the start date is still ahead.
 */
export function relationshipDay(startDate: string, timeZone: string, now: Date): number {
  const days = daysBetween(startDate, localDateAt(now, timeZone));
  return days >= 0 ? days + 1 : days;
}

export interface Countdown {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  /** Milliseconds left, never negative. */
  totalMs: number;
}

/** Time left until `end`, in whole units (seconds rounded up, so zero only once it is over). */
export function countdown(end: Date, now: Date): Countdown {
  const totalMs = Math.max(0, end.getTime() - now.getTime());
  let rest = Math.ceil(totalMs / 1000);
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  return { days, hours, minutes, seconds: rest - minutes * 60, totalMs };
}

const relativeUnits: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
];

/** "방금" / "3분 전" / "2 days ago", in whole units rounded down; a week or more is a plain date. */
export function relativeTime(then: Date, now: Date, locale: string, timeZone?: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const seconds = (then.getTime() - now.getTime()) / 1000;
  const size = Math.abs(seconds);
  if (size < 45) return format.format(0, 'second');
  if (size >= 7 * 86_400) return formatDate(then, locale, timeZone);
  for (const [unit, unitSeconds] of relativeUnits) {
    if (size >= unitSeconds || unit === 'minute') {
      return format.format(Math.sign(seconds) * Math.max(1, Math.floor(size / unitSeconds)), unit);
    }
  }
  return format.format(0, 'second');
}

/** "2024년 2월 29일" / "Feb 29, 2024". */
export function formatDate(instant: Date, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(instant);
}

/** A YYYY-MM-DD calendar date in words, independent of any time zone. */
export function formatLocalDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

// Recent ICU (CLDR 48) writes the Korean AM/PM as "AM"/"PM"; Korean readers expect 오전/오후.
const dayPeriods: Partial<Record<string, readonly [string, string]>> = { ko: ['오전', '오후'] };

/** Formats with `format`, putting the language's own words for AM/PM where ICU's may be wrong. */
function withDayPeriod(
  format: Intl.DateTimeFormat,
  instant: Date,
  locale: string,
  timeZone: string,
): string {
  const periods = dayPeriods[locale.split('-')[0] ?? ''];
  if (!periods) return format.format(instant);
  const hour = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' });
  const period = periods[Number(hour.format(instant)) < 12 ? 0 : 1];
  return format
    .formatToParts(instant)
    .map((p) => (p.type === 'dayPeriod' ? period : p.value))
    .join('');
}

/** "11월 24일 오후 3:02" / "Nov 24, 3:02 PM"; the year only when it is not this year. */
export function formatDateTime(instant: Date, locale: string, timeZone: string, now: Date): string {
  const year = (date: Date) => localDateAt(date, timeZone).slice(0, 4);
  const format = new Intl.DateTimeFormat(locale, {
    timeZone,
    year: year(instant) === year(now) ? undefined : 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h12',
  });
  return withDayPeriod(format, instant, locale, timeZone);
}

/** "오후 3:02" / "3:02 PM": a message's time of day in the couple's time zone. */
export function formatTime(instant: Date, locale: string, timeZone: string): string {
  const format = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h12',
  });
  return withDayPeriod(format, instant, locale, timeZone);
}

/** "2026년 11월 24일 화요일" / "Tuesday, November 24, 2026" for a YYYY-MM-DD calendar date. */
export function formatDayHeading(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** The browser's IANA time zone, if it knows one. */
export function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/** Every time zone the runtime knows, with `current` included even if the list lacks it (e.g. UTC). */
export function timeZoneChoices(current: string): string[] {
  const zones: string[] =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(current) ? zones : [current, ...zones];
}
