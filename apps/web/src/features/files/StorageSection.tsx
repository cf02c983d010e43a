import { useTranslation } from 'react-i18next';
import { formErrorMessage } from '../../i18n/errorMessages';
import { formatBytes } from './format';
import { useStorage } from './hooks';

// From here on the bar turns to a warning, while there is still room to act.
const nearlyFullShare = 0.9;

/** The couple's storage: "1.2 GB / 5 GB" with a bar, and the limits of one message. */
export function StorageSection() {
  const { t } = useTranslation();
  const storage = useStorage();
  const locale = t('app.locale');
  const data = storage.data;
  const share = data ? Math.min(1, data.usedBytes / data.quotaBytes) : 0;
  const percent = Math.round(share * 100);
  const nearlyFull = share >= nearlyFullShare;
  return (
    <section className="card storage" aria-labelledby="storage-title">
      <h2 id="storage-title" className="section-title">
        {t('storage.title')}
      </h2>
      <p className="muted">{t('storage.intro')}</p>
      {storage.isError && (
        <p className="field-error">
          {t('storage.loadError')} {formErrorMessage(t, storage.error)}
        </p>
      )}
      {data && (
        <>
          <p className="storage-usage">
            {t('storage.usage', {
              used: formatBytes(data.usedBytes, locale),
              quota: formatBytes(data.quotaBytes, locale),
            })}
          </p>
          <p className="visually-hidden">{t('storage.bar', { percent })}</p>
          {/* The numbers above say it all; the bar only draws them. */}
          <div className={`storage-bar${nearlyFull ? ' storage-bar-full' : ''}`} aria-hidden="true">
            <span
              className="storage-bar-fill"
              style={{ width: `${Math.max(share * 100, share > 0 ? 1 : 0)}%` }}
            />
          </div>
          {nearlyFull && <p className="storage-warning">{t('storage.nearlyFull')}</p>}
          <p className="field-hint">
            {t('storage.limits', {
              maxFile: formatBytes(data.maxFileBytes, locale),
              maxCount: data.maxFilesPerMessage,
            })}
          </p>
        </>
      )}
    </section>
  );
}
