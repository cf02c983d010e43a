import { type LocalDate, monthGrid } from '@couple-chat/dates';
import { formatMonthParam, type Month, monthOf } from '../calendar/days';

/** One cell of the date picker; only a day of the month shown that has messages can be chosen. */
export interface PickerDay {
  date: LocalDate;
  inMonth: boolean;
  isToday: boolean;
  hasMessages: boolean;
}

/**
 * The month's weeks (from Sunday, or Monday by the device's choice), each day marked with whether
 * the couple wrote that day. Days of the neighbouring months are never marked: `days` only covers
 * the month shown.
 */
export function pickerWeeks(
  month: Month,
  days: readonly string[],
  today: LocalDate,
  weekStartsOn: 0 | 1 = 0,
): PickerDay[][] {
  const written = new Set(days);
  return monthGrid(month.year, month.month, weekStartsOn).map((week) =>
    week.map(({ date, inMonth }) => ({
      date,
      inMonth,
      isToday: date === today,
      hasMessages: inMonth && written.has(date),
    })),
  );
}

export const isSelectable = (day: PickerDay) => day.inMonth && day.hasMessages;

/** Later months hold nothing yet: the picker stops at the current one. */
export function canShowNextMonth(month: Month, today: LocalDate): boolean {
  return formatMonthParam(month) < formatMonthParam(monthOf(today));
}
