import type { LocalDate } from '@couple-chat/dates';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrorMessage } from '../../i18n/errorMessages';
import { formatDayHeading } from '../../lib/dates';
import { formatMonthParam, type Month, monthOf, shiftMonth } from '../calendar/days';
import { formatMonth } from '../calendar/labels';
import { WeekdayHeader } from '../calendar/WeekdayHeader';
import { useWeekStart } from '../calendar/weekStart';
import { Icon } from '../files/Icons';
import { fetchMessageDays } from './api';
import { canShowNextMonth, isSelectable, type PickerDay, pickerWeeks } from './dayPicker';
import { messageDaysMonthKey } from './keys';

interface DatePickerProps {
  today: LocalDate;
  /** The month it opens on (the day last chosen, else today's). */
  start: LocalDate;
  onPick(day: LocalDate): void;
  onClose(): void;
}

/** A month with the days the couple wrote on marked; choosing one goes to its first message. */
export function DatePicker({ today, start, onPick, onClose }: DatePickerProps) {
  const { t } = useTranslation();
  const locale = t('app.locale');
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const monthId = useId();
  const [month, setMonth] = useState<Month>(() => monthOf(start));
  const [weekStart] = useWeekStart();
  const param = formatMonthParam(month);
  const days = useQuery({
    queryKey: messageDaysMonthKey(param),
    queryFn: ({ signal }) => fetchMessageDays(param, signal),
  });
  const weeks = useMemo(
    () => pickerWeeks(month, days.data ?? [], today, weekStart),
    [month, days.data, today, weekStart],
  );

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog ref={dialog} className="dialog date-picker" aria-labelledby={titleId} onClose={onClose}>
      <div className="date-picker-body">
        <div className="date-picker-header">
          <h2 id={titleId} className="section-title">
            {t('datePicker.title')}
          </h2>
          <button
            type="button"
            className="chat-header-button"
            aria-label={t('datePicker.close')}
            onClick={onClose}
          >
            <Icon name="close" />
          </button>
        </div>
        <p className="muted date-picker-intro">{t('datePicker.intro')}</p>
        <div className="month-toolbar">
          <button
            type="button"
            className="icon-button"
            aria-label={t('datePicker.previous')}
            onClick={() => setMonth((m) => shiftMonth(m, -1))}
          >
            <Icon name="previous" />
          </button>
          <h3 id={monthId} className="month-title" aria-live="polite">
            {formatMonth(month, locale)}
          </h3>
          <button
            type="button"
            className="icon-button"
            aria-label={t('datePicker.next')}
            disabled={!canShowNextMonth(month, today)}
            onClick={() => setMonth((m) => shiftMonth(m, 1))}
          >
            <Icon name="next" />
          </button>
          <button
            type="button"
            className="button button-secondary month-today"
            onClick={() => setMonth(monthOf(today))}
          >
            {t('datePicker.today')}
          </button>
        </div>
        {days.isError && (
          <p className="field-error" role="alert">
            {t('datePicker.failed')} {formErrorMessage(t, days.error)}
          </p>
        )}
        <table
          className="month-grid date-grid"
          aria-labelledby={monthId}
          aria-busy={days.isPending}
        >
          <WeekdayHeader firstWeek={weeks[0]} locale={locale} />
          <tbody>
            {weeks.map((week) => (
              <tr key={week[0]?.date}>
                {week.map((day) => (
                  <td key={day.date} className="date-cell">
                    {day.inMonth && <DayButton day={day} onPick={onPick} />}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </dialog>
  );
}

function DayButton({ day, onPick }: { day: PickerDay; onPick(day: LocalDate): void }) {
  const { t } = useTranslation();
  const heading = formatDayHeading(day.date, t('app.locale'));
  const classes = [
    'date-day',
    day.hasMessages ? 'date-day-written' : '',
    day.isToday ? 'date-day-today' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <button
      type="button"
      className={classes}
      aria-label={day.hasMessages ? t('datePicker.withMessages', { date: heading }) : heading}
      aria-current={day.isToday ? 'date' : undefined}
      disabled={!isSelectable(day)}
      onClick={() => onPick(day.date)}
    >
      {Number(day.date.slice(8))}
    </button>
  );
}
