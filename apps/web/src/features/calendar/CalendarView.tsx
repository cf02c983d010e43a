import { type LocalDate, localDate, todayIn } from '@couple-chat/dates';
import type { CoupleDto } from '@couple-chat/protocol';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Banner } from '../../components/Banner';
import { LoadingScreen } from '../../components/LoadingScreen';
import { formErrorMessage } from '../../i18n/errorMessages';
import { useNow } from '../../lib/useNow';
import { DayPanel } from './DayPanel';
import { DdaySection } from './DdaySection';
import {
  type CalendarData,
  dayItems,
  formatMonthParam,
  type Month,
  monthCells,
  monthOf,
  parseMonth,
  shiftMonth,
} from './days';
import { useCalendarEvents, useDdays } from './hooks';
import { MonthCalendar } from './MonthCalendar';
import { useWeekStart } from './weekStart';

/** "Calendar": the shared month with the tapped day's list beside it, and our D-days below. */
export function CalendarView({ couple }: { couple: CoupleDto }) {
  const { t } = useTranslation();
  const events = useCalendarEvents();
  const ddays = useDdays();
  // The day turns at the couple's midnight; a minute late is fine.
  const now = useNow(60_000);
  const today = ddays.data?.today ?? todayIn(couple.timeZone, now.getTime());
  const [params, setParams] = useSearchParams();
  const month = parseMonth(params.get('month')) ?? monthOf(today);
  const [picked, setPicked] = useState<LocalDate | null>(null);
  const selected = picked ?? today;

  const data: CalendarData = useMemo(
    () => ({
      events: events.data ?? [],
      ddays: ddays.data?.ddays ?? [],
      startDate: ddays.data?.startDate ?? couple.startDate,
      today,
    }),
    [events.data, ddays.data, couple.startDate, today],
  );
  const [weekStart, setWeekStart] = useWeekStart();
  const weeks = useMemo(() => monthCells(month, data, weekStart), [month, data, weekStart]);

  function showMonth(next: Month, day: LocalDate) {
    setParams({ month: formatMonthParam(next) }, { replace: true });
    setPicked(day);
  }

  function moveMonth(by: -1 | 1) {
    const next = shiftMonth(month, by);
    const inToday = formatMonthParam(next) === formatMonthParam(monthOf(today));
    showMonth(next, inToday ? today : localDate(next.year, next.month, 1));
  }

  const failed = events.error ?? ddays.error;
  return (
    <div className="stack calendar-page">
      <header className="page-header">
        <h1 className="page-title">{t('calendar.title')}</h1>
        <p className="muted">{t('calendar.intro')}</p>
      </header>
      {failed && (
        <Banner tone="error">
          <p>{formErrorMessage(t, failed)}</p>
          <button
            type="button"
            className="text-button"
            onClick={() => {
              void events.refetch();
              void ddays.refetch();
            }}
          >
            {t('app.retry')}
          </button>
        </Banner>
      )}
      <div className="calendar-layout">
        <MonthCalendar
          month={month}
          weeks={weeks}
          selected={selected}
          onSelect={setPicked}
          onMonth={moveMonth}
          onToday={() => showMonth(monthOf(today), today)}
          weekStart={weekStart}
          onWeekStart={setWeekStart}
        />
        <DayPanel
          day={selected}
          items={dayItems(selected, data)}
          today={today}
          onSaved={(event) => setPicked(event.startDate)}
        />
      </div>
      {ddays.isPending && <LoadingScreen />}
      {ddays.data && <DdaySection data={ddays.data} />}
    </div>
  );
}
