// Every function that takes a LocalDate rejects an invalid one with a RangeError naming the value
// and the argument, so a bad date from a request or a database row is caught where it is used.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  assertLocalDate,
  compareDates,
  dayOfWeek,
  daysBetween,
  dDay,
  eventsOnDay,
  milestones,
  nextMilestone,
  occursOn,
  parseLocalDate,
  relationshipDay,
  yearlyOccurrence,
} from '../src/index.js';

const ok = '2026-11-24';

const calls: [name: string, call: (bad: string) => unknown][] = [
  ['addDays(date)', (bad) => addDays(bad, 1)],
  ['addMonths(date)', (bad) => addMonths(bad, 1)],
  ['addYears(date)', (bad) => addYears(bad, 1)],
  ['daysBetween(a)', (bad) => daysBetween(bad, ok)],
  ['daysBetween(b)', (bad) => daysBetween(ok, bad)],
  ['compareDates(a)', (bad) => compareDates(bad, ok)],
  ['compareDates(b)', (bad) => compareDates(ok, bad)],
  ['dayOfWeek(date)', (bad) => dayOfWeek(bad)],
  ['parseLocalDate(date)', (bad) => parseLocalDate(bad)],
  ['date', (bad) => assertLocalDate(bad)],
  ['dDay(target)', (bad) => dDay(bad, ok)],
  ['dDay(today)', (bad) => dDay(ok, bad)],
  ['relationshipDay(start)', (bad) => relationshipDay(bad, ok)],
  ['relationshipDay(today)', (bad) => relationshipDay(ok, bad)],
  ['milestones(start)', (bad) => milestones(bad, { from: ok })],
  ['milestones(options.from)', (bad) => milestones(ok, { from: bad })],
  ['milestones(options.until)', (bad) => milestones(ok, { from: ok, until: bad })],
  ['nextMilestone(start)', (bad) => nextMilestone(bad, ok)],
  ['nextMilestone(today)', (bad) => nextMilestone(ok, bad)],
  ['yearlyOccurrence(date)', (bad) => yearlyOccurrence(bad, 2026)],
  ['occursOn(event.start)', (bad) => occursOn({ start: bad }, ok)],
  ['occursOn(event.end)', (bad) => occursOn({ start: ok, end: bad }, ok)],
  ['occursOn(day)', (bad) => occursOn({ start: ok }, bad)],
  ['eventsOnDay(day)', (bad) => eventsOnDay([], bad)],
  ['occursOn(event.start)', (bad) => eventsOnDay([{ start: bad, yearly: true }], ok)],
];

const badValues = ['2025-02-30', '2100-02-29', '2025-13-01', '2026-1-5', 'tomorrow', ''];

describe.each(calls)('%s', (label, call) => {
  it.each(badValues)('rejects %j with a RangeError naming it', (bad) => {
    let error: unknown;
    try {
      call(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RangeError);
    expect((error as RangeError).message).toContain(
      `${label}: invalid date ${JSON.stringify(bad)}`,
    );
  });
});

it('names non-string values too', () => {
  expect(() => addDays(undefined as unknown as string, 1)).toThrow(
    'addDays(date): invalid date undefined',
  );
  expect(() => addDays(20261124 as unknown as string, 1)).toThrow(
    'addDays(date): invalid date 20261124',
  );
  expect(() => dDay(null as unknown as string, ok)).toThrow('dDay(target): invalid date null');
});
