// Property-style checks over every day from 2000-01-01 to 2030-12-31, against Date's UTC arithmetic
// as an independent oracle (the module itself uses integer day-number formulas, not Date).
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  compareDates,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  dDay,
  isValidLocalDate,
  milestones,
  monthGrid,
  nextMilestone,
  occursOn,
  parseLocalDate,
  relationshipDay,
  todayIn,
  yearlyOccurrence,
} from '../src/index.js';

const DAY_MS = 86_400_000;
const FIRST = Date.UTC(2000, 0, 1);
const LAST = Date.UTC(2030, 11, 31);
const oracle = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const allDays: string[] = [];
for (let ms = FIRST; ms <= LAST; ms += DAY_MS) allDays.push(oracle(ms));

// Hot loops collect mismatches and assert once: hundreds of thousands of expect() calls are slow.
function collector() {
  const mismatches: string[] = [];
  const check = (what: string, actual: unknown, expected: unknown) => {
    if (!Object.is(actual, expected) && JSON.stringify(actual) !== JSON.stringify(expected)) {
      if (mismatches.length < 20) {
        mismatches.push(
          `${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
        );
      }
    }
  };
  return { check, mismatches };
}

const OFFSETS = [-1000, -366, -365, -31, -1, 0, 1, 7, 28, 99, 100, 365, 366, 999, 10_000];

describe('every day 2000-2030', () => {
  it('covers 11 323 days, all valid and strictly increasing', () => {
    expect(allDays).toHaveLength(11_323); // 31 years × 365 + 8 leap days (2000, 2004, … 2028)
    const { check, mismatches } = collector();
    for (let i = 0; i < allDays.length; i++) {
      const d = allDays[i]!;
      check(`isValidLocalDate(${d})`, isValidLocalDate(d), true);
      if (i > 0)
        check(`compareDates(${allDays[i - 1]}, ${d})`, compareDates(allDays[i - 1]!, d), -1);
    }
    expect(mismatches).toEqual([]);
  });

  it('addDays matches the oracle and daysBetween gives n back', () => {
    const { check, mismatches } = collector();
    for (const d of allDays) {
      const ms = Date.parse(`${d}T00:00:00Z`);
      for (const n of OFFSETS) {
        const moved = addDays(d, n);
        check(`addDays(${d}, ${n})`, moved, oracle(ms + n * DAY_MS));
        check(`daysBetween(${d}, ${moved})`, daysBetween(d, moved), n);
        check(`addDays(${moved}, ${-n})`, addDays(moved, -n), d);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('dayOfWeek matches the oracle', () => {
    const { check, mismatches } = collector();
    for (const d of allDays) {
      check(`dayOfWeek(${d})`, dayOfWeek(d), new Date(`${d}T00:00:00Z`).getUTCDay());
    }
    expect(mismatches).toEqual([]);
  });

  it('dDay and relationshipDay labels are consistent', () => {
    const { check, mismatches } = collector();
    for (const today of allDays) {
      for (const n of OFFSETS) {
        const target = addDays(today, n);
        const label = n > 0 ? `D-${n}` : n === 0 ? 'D-Day' : `D+${-n}`;
        check(`dDay(${target}, ${today})`, dDay(target, today), { days: n, label });
        // A relationship that started on `target` is on day 1 − n today (day 1 on the start date).
        check(
          `relationshipDay(${target}, ${today})`,
          relationshipDay(target, today),
          n > 0 ? null : 1 - n,
        );
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('addMonths keeps the day or clamps it to the month end; addYears = 12 months = yearlyOccurrence', () => {
    const { check, mismatches } = collector();
    for (const d of allDays) {
      const { year, month, day } = parseLocalDate(d);
      for (const n of [-13, -1, 1, 2, 12, 25]) {
        const index = year * 12 + month - 1 + n;
        const y = Math.floor(index / 12);
        const m = (index % 12) + 1;
        const expected = `${y}-${String(m).padStart(2, '0')}-${String(Math.min(day, daysInMonth(y, m))).padStart(2, '0')}`;
        check(`addMonths(${d}, ${n})`, addMonths(d, n), expected);
      }
      const nextYear = addYears(d, 1);
      check(`addYears(${d}, 1) vs addMonths`, nextYear, addMonths(d, 12));
      check(`addYears(${d}, 1) vs yearlyOccurrence`, nextYear, yearlyOccurrence(d, year + 1));
      const length = daysBetween(d, nextYear);
      check(`daysBetween(${d}, ${nextYear}) is 365 or 366`, length === 365 || length === 366, true);
      // A yearly event covers its date in every later year, and not the day before.
      const later = addYears(d, 3);
      check(`yearly ${d} on ${later}`, occursOn({ start: d, yearly: true }, later), true);
      check(
        `yearly ${d} before ${later}`,
        occursOn({ start: d, yearly: true }, addDays(later, -1)),
        false,
      );
    }
    expect(mismatches).toEqual([]);
  });

  it('todayIn agrees with fixed-offset arithmetic around each local midnight', () => {
    const { check, mismatches } = collector();
    for (const d of allDays) {
      const previous = addDays(d, -1);
      const utcMidnight = Date.parse(`${d}T00:00:00Z`);
      check(`UTC midnight of ${d}`, todayIn('UTC', utcMidnight), d);
      check(`UTC just before ${d}`, todayIn('UTC', utcMidnight - 1), previous);
      // Seoul has kept UTC+9 without DST since 1988: its midnight is 15:00Z the day before.
      const seoulMidnight = utcMidnight - 9 * 3_600_000;
      check(`Seoul midnight of ${d}`, todayIn('Asia/Seoul', seoulMidnight), d);
      check(`Seoul just before ${d}`, todayIn('Asia/Seoul', seoulMidnight - 1), previous);
    }
    expect(mismatches).toEqual([]);
  });

  it('milestones: every 100th day and every anniversary from each start, in order', () => {
    const { check, mismatches } = collector();
    for (const start of allDays) {
      const until = addYears(start, 3);
      const list = milestones(start, { from: start, until });
      const total = relationshipDay(start, until)!;
      check(`milestone count from ${start}`, list.length, Math.floor(total / 100) + 3);
      for (let i = 0; i < list.length; i++) {
        const m = list[i]!;
        if (m.kind === 'days') check(`${start} ${m.n}일`, relationshipDay(start, m.date), m.n);
        else check(`${start} ${m.n}주년`, m.date, addYears(start, m.n));
        if (i > 0) check(`order from ${start}`, compareDates(list[i - 1]!.date, m.date) <= 0, true);
      }
      // Starting later gives the tail of the same list.
      const from = addDays(start, 400);
      const tail = list.filter((m) => compareDates(m.date, from) >= 0);
      check(`milestones(${start}, from ${from})`, milestones(start, { from, until }), tail);
      check(`nextMilestone(${start}, ${from})`, nextMilestone(start, from), tail[0]);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('every month 2000-2030', () => {
  it('monthGrid has 4-6 full weeks of consecutive days covering exactly the month', () => {
    const { check, mismatches } = collector();
    for (let year = 2000; year <= 2030; year++) {
      for (let month = 1; month <= 12; month++) {
        for (const weekStartsOn of [0, 1] as const) {
          const what = `monthGrid(${year}, ${month}, ${weekStartsOn})`;
          const grid = monthGrid(year, month, weekStartsOn);
          const cells = grid.flat();
          check(`${what} rows`, grid.length >= 4 && grid.length <= 6, true);
          check(
            `${what} weeks of 7`,
            grid.every((week) => week.length === 7),
            true,
          );
          check(`${what} first weekday`, dayOfWeek(cells[0]!.date), weekStartsOn);
          for (let i = 1; i < cells.length; i++) {
            check(`${what} cell ${i}`, daysBetween(cells[i - 1]!.date, cells[i]!.date), 1);
          }
          const inMonth = cells.filter((c) => c.inMonth).map((c) => parseLocalDate(c.date));
          check(`${what} days in month`, inMonth.length, daysInMonth(year, month));
          check(
            `${what} in-month days belong to it`,
            inMonth.every(
              (p) => p.year === year && p.month === month && p.day === inMonth.indexOf(p) + 1,
            ),
            true,
          );
          // No week is made only of other months' days.
          check(
            `${what} no empty week`,
            grid.every((week) => week.some((c) => c.inMonth)),
            true,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
