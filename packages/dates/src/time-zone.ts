// "Today" in a couple's time zone (DESIGN invariant 6), through Intl: no time-zone data is bundled,
// the runtime's own (Node's ICU, the browser's) is used, so daylight-saving rules stay current.
import { type LocalDate, localDate, toDayNumber } from './local-date.js';

const DAY_MS = 86_400_000;
// Every zone's offset is less than a day, so a UTC day one step inside the supported range maps
// to a local date inside it too.
const MIN_NOW = (toDayNumber('0001-01-01') + 1) * DAY_MS;
const MAX_NOW = toDayNumber('9999-12-31') * DAY_MS - 1;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: unknown, label: string): Intl.DateTimeFormat {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') {
    // An undefined timeZone would silently mean "the host's zone" to Intl: refuse it.
    throw new RangeError(
      `${label}: expected an IANA time zone such as "Asia/Seoul", got ${JSON.stringify(timeZone) ?? String(timeZone)}`,
    );
  }
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
      });
    } catch {
      throw new RangeError(
        `${label}: unknown time zone ${JSON.stringify(timeZone)}; expected an IANA name such as "Asia/Seoul"`,
      );
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True if the runtime knows `timeZone` (an IANA name such as 'Asia/Seoul' or 'UTC'). */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  try {
    formatterFor(timeZone, 'isValidTimeZone');
    return true;
  } catch {
    return false;
  }
}

/**
 * The calendar date in `timeZone` at the instant `now` (epoch milliseconds, e.g. from an injected
 * clock). At 2026-11-24T15:30:00Z it is 2026-11-25 in Asia/Seoul and still 2026-11-24 in UTC.
 */
export function todayIn(timeZone: string, now: number): LocalDate {
  const formatter = formatterFor(timeZone, 'todayIn(timeZone)');
  if (typeof now !== 'number' || !Number.isFinite(now) || now < MIN_NOW || now > MAX_NOW) {
    throw new RangeError(
      `todayIn(now): expected epoch milliseconds from 0001-01-02 to 9999-12-30 (UTC), got ${String(now)}`,
    );
  }
  const bucket = Math.floor(now / SPAN_MS);
  const known = lastSpans.get(timeZone);
  if (known?.bucket === bucket) return known.day ?? dateAt(formatter, now);
  const first = dateAt(formatter, bucket * SPAN_MS);
  const last = dateAt(formatter, (bucket + 1) * SPAN_MS - 1);
  lastSpans.set(timeZone, { bucket, day: first === last ? first : undefined });
  return first === last ? first : dateAt(formatter, now);
}

/**
 * Asking Intl costs microseconds, and the server asks for every batch of messages. Offsets change
 * at most once in a quarter of an hour, so when a quarter's first and last millisecond fall on the
 * same date, every instant between does too: one answer per zone per quarter (`day` undefined: the
 * date changes inside it, so each instant is asked).
 */
const SPAN_MS = 15 * 60_000;
const lastSpans = new Map<string, { bucket: number; day: LocalDate | undefined }>();

function dateAt(formatter: Intl.DateTimeFormat, now: number): LocalDate {
  let year = 0;
  let month = 0;
  let day = 0;
  for (const part of formatter.formatToParts(now)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
  }
  return localDate(year, month, day);
}
