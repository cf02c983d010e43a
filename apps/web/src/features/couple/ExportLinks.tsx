import { useTranslation } from 'react-i18next';
import { exportUrl } from './api';

/** Plain links: the browser downloads the file with the session cookie, nothing to manage here. */
export function ExportLinks() {
  const { t } = useTranslation();
  return (
    <div className="button-row">
      <a className="button button-secondary" href={exportUrl('json')} download>
        {t('couple.export.json')}
      </a>
      <a className="button button-secondary" href={exportUrl('html')} download>
        {t('couple.export.html')}
      </a>
    </div>
  );
}

export function ExportSection() {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="export-title">
      <h2 id="export-title" className="section-title">
        {t('couple.export.title')}
      </h2>
      <p className="muted">{t('couple.export.intro')}</p>
      <ExportLinks />
    </section>
  );
}
