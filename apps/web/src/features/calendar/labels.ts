import type { LocalDate } from '@couple-chat/dates';
import type { TFunction } from 'i18next';
import type { DayItem, Month } from './days';
import { milestoneName } from './pinned';

type Translate = TFunction<'translation'>;

const utc = (date: LocalDate) => new Date(`${date}T00:00:00Z`);

/** "2026년 11월" / "November 2026". */
export function formatMonth({ year, month }: Month, locale: string): string {
  const first = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(utc(first));
}

/** "일" / "Sun": the weekday of a date, short. */
export function formatWeekday(date: LocalDate, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(utc(date));
}

/** "11월 25일" / "Nov 25". */
export function formatShortDate(date: LocalDate, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(utc(date));
}

/** What a day cell or the day's list calls an item: its title, or "100일". */
export function itemTitle(t: Translate, item: DayItem): string {
  if (item.kind === 'milestone') return milestoneName(t, item.milestone);
  return item.kind === 'dday' ? item.dday.title : item.event.title;
}
