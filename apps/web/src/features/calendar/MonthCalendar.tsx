import type { LocalDate } from '@couple-chat/dates';
import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../components/CheckboxField';
import { formatDayHeading } from '../../lib/dates';
import { type DayCell, itemKey, type Month } from './days';
import { formatMonth, itemTitle } from './labels';
import { WeekdayHeader } from './WeekdayHeader';
import type { WeekStart } from './weekStart';

// A cell shows this many items by name; the rest are counted ("+2").
const shownPerDay = 2;

interface MonthCalendarProps {
  month: Month;
  weeks: DayCell[][];
  selected: LocalDate;
  onSelect(date: LocalDate): void;
  onMonth(by: -1 | 1): void;
  onToday(): void;
  weekStart: WeekStart;
  onWeekStart(start: WeekStart): void;
}

/** The month, weeks from Sunday (or Monday, by choice): today marked, other months' days dimmed, each day's items named. */
export function MonthCalendar({
  month,
  weeks,
  selected,
  onSelect,
  onMonth,
  onToday,
  weekStart,
  onWeekStart,
}: MonthCalendarProps) {
  const { t } = useTranslation();
  const locale = t('app.locale');
  const title = formatMonth(month, locale);
  return (
    <section className="card month" aria-labelledby="month-title">
      <div className="month-toolbar">
        <button
          type="button"
          className="icon-button"
          aria-label={t('calendar.previous')}
          onClick={() => onMonth(-1)}
        >
          <Chevron direction="left" />
        </button>
        <h2 id="month-title" className="month-title" aria-live="polite">
          {title}
        </h2>
        <button
          type="button"
          className="icon-button"
          aria-label={t('calendar.next')}
          onClick={() => onMonth(1)}
        >
          <Chevron direction="right" />
        </button>
        <button type="button" className="button button-secondary month-today" onClick={onToday}>
          {t('calendar.today')}
        </button>
      </div>
      <table className="month-grid" aria-labelledby="month-title">
        <WeekdayHeader firstWeek={weeks[0]} locale={locale} />
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]?.date}>
              {week.map((day) => (
                <td key={day.date} className="month-cell">
                  <DayButton day={day} selected={day.date === selected} onSelect={onSelect} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="month-week-start">
        <CheckboxField
          name="weekStartsMonday"
          label={t('calendar.weekStartsMonday')}
          checked={weekStart === 1}
          onChange={(e) => onWeekStart(e.target.checked ? 1 : 0)}
        />
      </div>
    </section>
  );
}

function DayButton({
  day,
  selected,
  onSelect,
}: {
  day: DayCell;
  selected: boolean;
  onSelect(date: LocalDate): void;
}) {
  const { t } = useTranslation();
  const heading = formatDayHeading(day.date, t('app.locale'));
  const label =
    day.items.length > 0
      ? t('calendar.dayLabel', { date: heading, count: day.items.length })
      : heading;
  const hidden = day.items.length - shownPerDay;
  const classes = [
    'month-day',
    day.inMonth ? '' : 'month-day-outside',
    day.isToday ? 'month-day-today' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <button
      type="button"
      className={classes}
      aria-label={label}
      aria-pressed={selected}
      aria-current={day.isToday ? 'date' : undefined}
      onClick={() => onSelect(day.date)}
    >
      <span className="month-day-number">{Number(day.date.slice(8))}</span>
      {day.items.slice(0, hidden > 0 ? shownPerDay - 1 : shownPerDay).map((item) => (
        <span key={itemKey(item)} className={`month-item month-item-${item.kind}`}>
          {itemTitle(t, item)}
        </span>
      ))}
      {hidden > 0 && (
        <span className="month-more">{t('calendar.more', { count: hidden + 1 })}</span>
      )}
    </button>
  );
}

function Chevron({ direction }: { direction: 'left' | 'right' }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="icon">
      <path d={direction === 'left' ? 'M15 5l-7 7 7 7' : 'M9 5l7 7-7 7'} />
    </svg>
  );
}
