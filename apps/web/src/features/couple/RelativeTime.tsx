import { useTranslation } from 'react-i18next';
import { browserTimeZone, formatDateTime, relativeTime } from '../../lib/dates';
import { useNow } from '../../lib/useNow';

/** "3분 전", refreshed while on screen; the exact time is in the tooltip and the markup. */
export function RelativeTime({ iso }: { iso: string }) {
  const { t } = useTranslation();
  const locale = t('app.locale');
  const now = useNow(30_000);
  const instant = new Date(iso);
  const timeZone = browserTimeZone() ?? 'UTC';
  return (
    <time dateTime={iso} title={formatDateTime(instant, locale, timeZone, now)}>
      {relativeTime(instant, now, locale)}
    </time>
  );
}
