/** Calendar days as the couple lives them: YYYY-MM-DD in an IANA time zone. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats as YYYY-MM-DD; the cache matters because constructing one is slow.
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local date at `epochMs` in `timeZone`, e.g. 2026-11-25. */
export function localDate(epochMs: number, timeZone: string): string {
  return formatterFor(timeZone).format(epochMs);
}

/** `date` moved by whole days (negative goes back); month and year ends and leap days included. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
