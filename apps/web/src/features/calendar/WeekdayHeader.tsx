import { dayOfWeek, type LocalDate } from '@couple-chat/dates';
import { formatWeekday } from './labels';

/** The weekday names over a month grid, from its first week (Sundays marked), for any grid. */
export function WeekdayHeader({
  firstWeek,
  locale,
}: {
  firstWeek: readonly { date: LocalDate }[] | undefined;
  locale: string;
}) {
  return (
    <thead>
      <tr>
        {firstWeek?.map((day) => (
          <th
            key={day.date}
            scope="col"
            className={`month-weekday${dayOfWeek(day.date) === 0 ? ' month-sunday' : ''}`}
          >
            {formatWeekday(day.date, locale)}
          </th>
        ))}
      </tr>
    </thead>
  );
}
