import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { formErrorMessage } from '../../i18n/errorMessages';
import { useLogOut, useLogOutEverywhere } from '../auth/hooks';

export function SessionsSection() {
  const { t } = useTranslation();
  const logOut = useLogOut();
  const logOutEverywhere = useLogOutEverywhere();
  const error = logOut.error ?? logOutEverywhere.error;
  const pending = logOut.isPending || logOutEverywhere.isPending;

  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title" className="section-title">
        {t('settings.sessions.title')}
      </h2>
      <p className="muted">{t('settings.sessions.intro')}</p>
      {error && <Banner tone="error">{formErrorMessage(t, error)}</Banner>}
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          disabled={pending}
          aria-busy={logOut.isPending || undefined}
          onClick={() => {
            logOutEverywhere.reset();
            logOut.mutate();
          }}
        >
          {t('settings.sessions.logOut')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={pending}
          aria-busy={logOutEverywhere.isPending || undefined}
          onClick={() => {
            logOut.reset();
            logOutEverywhere.mutate();
          }}
        >
          {t('settings.sessions.logOutEverywhere')}
        </button>
      </div>
    </section>
  );
}
