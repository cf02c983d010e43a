import type { CoupleDto } from '@couple-chat/protocol';
import { useTranslation } from 'react-i18next';
import { formatLocalDate, relationshipDay } from '../../lib/dates';
import { useTakeFocus } from '../../lib/pendingFocus';
import { useNow } from '../../lib/useNow';

/** Who I am connected with and, once the start date is set, our day count ("D+123"). */
export function CoupleSummary({ couple }: { couple: CoupleDto }) {
  const { t } = useTranslation();
  const locale = t('app.locale');
  // The count turns at midnight; a minute late is fine.
  const now = useNow(60_000);
  const titleRef = useTakeFocus<HTMLHeadingElement>('couple-summary');

  return (
    <section className="card couple-card" aria-labelledby="couple-title">
      <h2 ref={titleRef} id="couple-title" className="section-title" tabIndex={-1}>
        {t('couple.title', { name: couple.partner.displayName })}
      </h2>
      {couple.startDate ? (
        <DayCount
          day={relationshipDay(couple.startDate, couple.timeZone, now)}
          date={formatLocalDate(couple.startDate, locale)}
        />
      ) : (
        <div className="next-step">
          <svg className="next-step-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z" />
          </svg>
          <p>{t('couple.noStartDate')}</p>
        </div>
      )}
    </section>
  );
}

function DayCount({ day, date }: { day: number; date: string }) {
  const { t } = useTranslation();
  if (day <= 0) {
    return (
      <div className="day-count">
        <p className="day-count-number">{t('couple.daysAhead', { count: 1 - day })}</p>
        <p className="day-count-text">{t('couple.startsOn', { date })}</p>
      </div>
    );
  }
  return (
    <div className="day-count">
      <p className="day-count-number">{t('couple.dayCount', { count: day })}</p>
      <p className="day-count-text">{t('couple.daysTogether', { count: day })}</p>
      <p className="muted">{t('couple.since', { date })}</p>
    </div>
  );
}
