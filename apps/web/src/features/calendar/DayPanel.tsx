import { dDay, type LocalDate } from '@couple-chat/dates';
import type { CalendarEventDto } from '@couple-chat/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { formErrorMessage } from '../../i18n/errorMessages';
import { formatDayHeading } from '../../lib/dates';
import { type DayItem, itemKey } from './days';
import { EventForm } from './EventForm';
import { useDeleteEvent } from './hooks';
import { formatShortDate, itemTitle } from './labels';

interface DayPanelProps {
  day: LocalDate;
  items: DayItem[];
  today: LocalDate;
  onSaved(event: CalendarEventDto): void;
}

/** The tapped day's milestones, D-days and events, with add, edit and delete. */
export function DayPanel({ day, items, today, onSaved }: DayPanelProps) {
  const { t } = useTranslation();
  const remove = useDeleteEvent();
  // null: no form; 'new': adding; an event: editing it.
  const [editing, setEditing] = useState<CalendarEventDto | 'new' | null>(null);
  return (
    <section className="card day-panel" aria-labelledby="day-title">
      <div className="day-panel-header">
        <h2 id="day-title" className="section-title" tabIndex={-1}>
          {formatDayHeading(day, t('app.locale'))}
        </h2>
        {editing === null && (
          <button
            type="button"
            className="button button-primary day-add"
            onClick={() => setEditing('new')}
          >
            {t('calendar.day.add')}
          </button>
        )}
      </div>
      {remove.error && <Banner tone="error">{formErrorMessage(t, remove.error)}</Banner>}
      {items.length === 0 ? (
        <p className="muted">{t('calendar.day.empty')}</p>
      ) : (
        <ul className="day-items">
          {items.map((item) => (
            <li key={itemKey(item)} className={`day-item day-item-${item.kind}`}>
              <ItemText item={item} today={today} />
              {item.kind === 'event' && (
                <div className="day-item-actions">
                  <button
                    type="button"
                    className="button button-secondary day-item-button"
                    aria-label={t('calendar.day.edit', { title: item.event.title })}
                    onClick={() => setEditing(item.event)}
                  >
                    {t('calendar.day.editShort')}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary day-item-button"
                    aria-label={t('calendar.day.remove', { title: item.event.title })}
                    disabled={remove.isPending && remove.variables === item.event.id}
                    onClick={() => remove.mutate(item.event.id)}
                  >
                    {t('calendar.day.removeShort')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {editing !== null && (
        <EventForm
          key={editing === 'new' ? `new-${day}` : editing.id}
          event={editing === 'new' ? null : editing}
          day={day}
          onDone={(saved) => {
            setEditing(null);
            if (saved) onSaved(saved);
          }}
        />
      )}
    </section>
  );
}

function ItemText({ item, today }: { item: DayItem; today: LocalDate }) {
  const { t } = useTranslation();
  const locale = t('app.locale');
  const title = itemTitle(t, item);
  if (item.kind !== 'event') {
    const date = item.kind === 'dday' ? item.dday.date : item.milestone.date;
    return (
      <div className="day-item-text">
        <span className="day-item-kind">
          {item.kind === 'dday' ? t('calendar.day.dday') : t('calendar.day.milestone')}
        </span>
        <span className="day-item-title">{title}</span>
        <span className="dday-label">{dDay(date, today).label}</span>
      </div>
    );
  }
  const { event } = item;
  const time = event.startTime
    ? [event.startTime, event.endTime].filter(Boolean).join(' – ')
    : t('calendar.day.allDay');
  const span =
    event.endDate !== event.startDate
      ? `${formatShortDate(event.startDate, locale)} – ${formatShortDate(event.endDate, locale)}`
      : null;
  return (
    <div className="day-item-text">
      <span className="day-item-title">{title}</span>
      <span className="day-item-meta">
        {[time, span, event.yearly ? t('calendar.day.yearly') : null].filter(Boolean).join(' · ')}
      </span>
      {event.note && <span className="day-item-note">{event.note}</span>}
    </div>
  );
}
