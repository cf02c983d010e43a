import type { CalendarEventDto, DdayDto } from '@couple-chat/protocol';
import { describe, expect, it } from 'vitest';
import {
  type CalendarData,
  dayItems,
  formatMonthParam,
  monthCells,
  parseMonth,
  shiftMonth,
} from './days';

function event(id: string, fields: Partial<CalendarEventDto>): CalendarEventDto {
  return {
    id: `00000000-0000-4000-8000-${id.padStart(12, '0')}`,
    title: id,
    startDate: '2026-11-25',
    endDate: fields.startDate ?? '2026-11-25',
    startTime: null,
    endTime: null,
    note: null,
    yearly: false,
    createdBy: 'u1',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...fields,
  };
}

const trip: DdayDto = {
  id: '00000000-0000-4000-8000-0000000000d1',
  title: '여행',
  date: '2026-12-07',
  createdBy: 'u1',
  createdAt: '2026-11-01T00:00:00.000Z',
};

const data = (over: Partial<CalendarData> = {}): CalendarData => ({
  events: [],
  ddays: [],
  startDate: null,
  today: '2026-11-25',
  ...over,
});

function cell(cells: ReturnType<typeof monthCells>, date: string) {
  const found = cells.flat().find((c) => c.date === date);
  if (!found) throw new Error(`no cell for ${date}`);
  return found;
}

describe('monthCells', () => {
  it('lays out weeks from Sunday, dims the neighbours and marks today', () => {
    const cells = monthCells({ year: 2026, month: 11 }, data());
    expect(cells[0]?.[0]).toMatchObject({ date: '2026-11-01', inMonth: true });
    const last = cells.at(-1)?.at(-1);
    expect(last).toMatchObject({ date: '2026-12-05', inMonth: false });
    expect(
      cells
        .flat()
        .filter((c) => c.isToday)
        .map((c) => c.date),
    ).toEqual(['2026-11-25']);
  });

  it('shows a multi-day event on each of its days and a yearly one in later years', () => {
    const cells = monthCells(
      { year: 2027, month: 11 },
      data({
        events: [
          event('a', { startDate: '2027-11-29', endDate: '2027-12-01' }),
          event('b', {
            title: '생일',
            startDate: '2026-11-12',
            endDate: '2026-11-12',
            yearly: true,
          }),
        ],
      }),
    );
    const titles = (date: string) =>
      cell(cells, date).items.map((i) => (i.kind === 'event' ? i.event.title : i.kind));
    expect(titles('2027-11-28')).toEqual([]);
    expect(titles('2027-11-29')).toEqual(['a']);
    expect(titles('2027-12-01')).toEqual(['a']);
    expect(titles('2027-11-12')).toEqual(['생일']);
  });

  it('puts milestones first, then D-days, then all-day and timed events by time', () => {
    // Start 2026-08-30: day 100 is 2026-12-07, the trip's date too.
    const cells = monthCells(
      { year: 2026, month: 12 },
      data({
        startDate: '2026-08-30',
        ddays: [trip],
        events: [
          event('late', { startDate: '2026-12-07', startTime: '19:00' }),
          event('early', { startDate: '2026-12-07', startTime: '09:30' }),
          event('allday', { startDate: '2026-12-07' }),
        ],
      }),
    );
    const items = cell(cells, '2026-12-07').items;
    expect(items.map((i) => i.kind)).toEqual(['milestone', 'dday', 'event', 'event', 'event']);
    expect(items[0]).toMatchObject({ milestone: { kind: 'days', n: 100, date: '2026-12-07' } });
    expect(items.slice(2).map((i) => (i.kind === 'event' ? i.event.title : ''))).toEqual([
      'allday',
      'early',
      'late',
    ]);
  });

  it('shows the Feb 29 couple’s 1주년 on Feb 28', () => {
    const cells = monthCells({ year: 2025, month: 2 }, data({ startDate: '2024-02-29' }));
    expect(cell(cells, '2025-02-28').items).toEqual([
      { kind: 'milestone', milestone: { kind: 'years', n: 1, date: '2025-02-28' } },
    ]);
  });

  it('lists no milestones before the start date', () => {
    const cells = monthCells({ year: 2026, month: 1 }, data({ startDate: '2026-11-01' }));
    expect(cells.flat().every((c) => c.items.length === 0)).toBe(true);
  });
});

describe('dayItems', () => {
  it('gives the same items as the month’s cell', () => {
    const d = data({ startDate: '2026-08-30', ddays: [trip] });
    expect(dayItems('2026-12-07', d)).toEqual(
      cell(monthCells({ year: 2026, month: 12 }, d), '2026-12-07').items,
    );
  });
});

describe('months', () => {
  it('read and write ?month=YYYY-MM, refusing anything else', () => {
    expect(parseMonth('2026-02')).toEqual({ year: 2026, month: 2 });
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth('2026-2')).toBeNull();
    expect(parseMonth(null)).toBeNull();
    expect(formatMonthParam({ year: 2026, month: 2 })).toBe('2026-02');
  });

  it('step across years', () => {
    expect(shiftMonth({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(shiftMonth({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
  });
});

describe('monthCells with weeks from Monday', () => {
  it('starts every week on a Monday and keeps each day once', () => {
    const cells = monthCells({ year: 2026, month: 11 }, data(), 1);
    // November 2026 starts on a Sunday: the first week is Oct 26 (Mon) … Nov 1 (Sun).
    expect(cells[0]?.[0]?.date).toBe('2026-10-26');
    expect(cells[0]?.[6]?.date).toBe('2026-11-01');
    const inMonth = cells
      .flat()
      .filter((c) => c.inMonth)
      .map((c) => c.date);
    expect(new Set(inMonth).size).toBe(30);
  });
});
