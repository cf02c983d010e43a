import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useMe } from '../features/auth/hooks';

export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.home'));
  const user = useMe().data;
  if (!user) return null;

  return (
    <section className="card" aria-labelledby="home-title">
      <p className="eyebrow">{t('home.welcome')}</p>
      <h1 id="home-title" className="card-title">
        {t('home.greeting', { name: user.displayName })}
      </h1>
      <div className="next-step">
        <svg className="next-step-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z" />
        </svg>
        <p>{t('home.nextStep')}</p>
      </div>
      <p className="muted">{t('home.principle')}</p>
      <div className="card-links">
        <Link to="/settings" className="button button-secondary">
          {t('home.openSettings')}
        </Link>
      </div>
    </section>
  );
}
