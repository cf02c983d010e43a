import type { CoupleDto } from '@couple-chat/protocol';
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { formErrorMessage } from '../../i18n/errorMessages';
import { formatDateTime } from '../../lib/dates';
import { describeEvent, isCoupleChange } from './history';
import { useCoupleHistory } from './hooks';

/** What happened to our connection, newest first, in the couple's time zone. */
export function CoupleHistory({ couple, myId }: { couple: CoupleDto; myId: string }) {
  const { t } = useTranslation();
  const history = useCoupleHistory();
  const locale = t('app.locale');
  const now = new Date();
  const entries = (history.data ?? [])
    .flatMap((entry) => (isCoupleChange(entry.event) ? [{ ...entry, event: entry.event }] : []))
    .map((entry) => ({ ...entry, lines: describeEvent(t, entry.event, myId, couple) }))
    .filter((entry) => entry.lines.length > 0)
    .reverse();

  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title" className="section-title">
        {t('couple.history.title')}
      </h2>
      {history.isPending && <span className="spinner" aria-hidden="true" />}
      {history.isError && <Banner tone="error">{formErrorMessage(t, history.error)}</Banner>}
      {history.isSuccess && entries.length === 0 && (
        <p className="muted">{t('couple.history.empty')}</p>
      )}
      {entries.length > 0 && (
        <ol className="history" aria-labelledby="history-title">
          {entries.map((entry) => (
            <li key={entry.seq} className="history-entry">
              {entry.lines.map((line) => (
                <p key={line}>{line}</p>
              ))}
              <time className="history-time" dateTime={entry.at}>
                {formatDateTime(new Date(entry.at), locale, couple.timeZone, now)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
