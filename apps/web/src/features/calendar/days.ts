import {
  addMonths,
  compareDates,
  eventsOnDay,
  type LocalDate,
  localDate,
  type Milestone,
  milestones,
  monthGrid,
  parseLocalDate,
} from '@couple-chat/dates';
import type { CalendarEventDto, DdayDto } from '@couple-chat/protocol';

/** A month of the calendar, as the page's `?month=YYYY-MM` says it. */
export interface Month {
  year: number;
  month: number;
}

export type DayItem =
  | { kind: 'milestone'; milestone: Milestone }
  | { kind: 'dday'; dday: DdayDto }
  | { kind: 'event'; event: CalendarEventDto };

export interface DayCell {
  date: LocalDate;
  inMonth: boolean;
  isToday: boolean;
  /** Milestones, then D-days, then events: all-day ones first, then by start time. */
  items: DayItem[];
}

export interface CalendarData {
  events: readonly CalendarEventDto[];
  ddays: readonly DdayDto[];
  /** The couple's day 1, if set: its milestones (100일, 1주년 …) show on their days. */
  startDate: LocalDate | null;
  today: LocalDate;
}

export function monthOf(date: LocalDate): Month {
  const { year, month } = parseLocalDate(date);
  return { year, month };
}

/** `2026-11` for the URL; anything else (or nothing) is null. */
export function parseMonth(value: string | null): Month | null {
  const match = /^(\d{4})-(\d{2})$/.exec(value ?? '');
  if (!match) return null;
  const month = { year: Number(match[1]), month: Number(match[2]) };
  return month.year >= 1 && month.month >= 1 && month.month <= 12 ? month : null;
}

export function formatMonthParam({ year, month }: Month): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function shiftMonth({ year, month }: Month, by: number): Month {
  return monthOf(addMonths(localDate(year, month, 1), by));
}

/** The events as the date rules see them (start, end, yearly), keeping the event itself. */
function asDates(event: CalendarEventDto) {
  return { start: event.startDate, end: event.endDate, yearly: event.yearly, event };
}

function byTime(a: CalendarEventDto, b: CalendarEventDto): number {
  if (a.startTime === b.startTime) return 0;
  if (a.startTime === null) return -1;
  if (b.startTime === null) return 1;
  return a.startTime < b.startTime ? -1 : 1;
}

/** What each day of `month`'s grid shows; weeks from Sunday unless `weekStartsOn` is 1. */
export function monthCells(month: Month, data: CalendarData, weekStartsOn: 0 | 1 = 0): DayCell[][] {
  const weeks = monthGrid(month.year, month.month, weekStartsOn);
  const first = weeks[0]?.[0]?.date;
  const last = weeks.at(-1)?.at(-1)?.date;
  const spans = data.events.map(asDates);
  const marks =
    data.startDate && first && last && compareDates(data.startDate, last) <= 0
      ? milestones(data.startDate, { from: first, until: last })
      : [];
  return weeks.map((week) =>
    week.map(({ date, inMonth }) => ({
      date,
      inMonth,
      isToday: date === data.today,
      items: itemsOn(date, spans, data.ddays, marks),
    })),
  );
}

function itemsOn(
  date: LocalDate,
  spans: ReturnType<typeof asDates>[],
  ddays: readonly DdayDto[],
  marks: readonly Milestone[],
): DayItem[] {
  const events = eventsOnDay(spans, date)
    .map((span) => span.event)
    .sort(byTime);
  return [
    ...marks
      .filter((m) => m.date === date)
      .map((milestone): DayItem => ({ kind: 'milestone', milestone })),
    ...ddays.filter((d) => d.date === date).map((dday): DayItem => ({ kind: 'dday', dday })),
    ...events.map((event): DayItem => ({ kind: 'event', event })),
  ];
}

/** A cell's items, when they are all wanted (the day's list below or beside the month). */
export function dayItems(date: LocalDate, data: CalendarData): DayItem[] {
  const marks = data.startDate ? milestones(data.startDate, { from: date, until: date }) : [];
  return itemsOn(date, data.events.map(asDates), data.ddays, marks);
}

export function itemKey(item: DayItem): string {
  if (item.kind === 'milestone') return `m-${item.milestone.kind}-${item.milestone.n}`;
  return item.kind === 'dday' ? `d-${item.dday.id}` : `e-${item.event.id}`;
}
