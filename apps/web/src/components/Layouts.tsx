import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { EndingBanner } from '../features/couple/EndingBanner';
import { useCouple } from '../features/couple/hooks';
import { ConnectionIndicator } from '../realtime/ConnectionIndicator';
import { LanguageSwitch } from './LanguageSwitch';

function Brand() {
  const { t } = useTranslation();
  return (
    <Link to="/" className="brand">
      <img src="/icon.svg" alt="" width="32" height="32" />
      <span>{t('app.name')}</span>
    </Link>
  );
}

function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main">
      {t('app.skipToContent')}
    </a>
  );
}

interface FrameProps {
  headerEnd: ReactNode;
  /** Above the page: what matters on every page right now. */
  notices?: ReactNode;
  footer?: ReactNode;
}

/** The frame every page shares: skip link, brand, whatever goes beside it, and the page itself. */
function Frame({ headerEnd, notices, footer }: FrameProps) {
  return (
    <div className="page">
      <SkipLink />
      <header className="site-header">
        <Brand />
        {headerEnd}
      </header>
      {notices && <div className="app-notices">{notices}</div>}
      <main id="main" className="page-main">
        <Outlet />
      </main>
      {footer}
    </div>
  );
}

/** Pages for visitors: brand and language on top, one card in the middle. */
export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <Frame
      headerEnd={<LanguageSwitch />}
      footer={<footer className="site-footer">{t('app.tagline')}</footer>}
    />
  );
}

/** Signed-in pages: the same frame plus navigation, the live-connection line and an ending's countdown. */
export function AppLayout() {
  const { t } = useTranslation();
  const inCouple = Boolean(useCouple().data);
  return (
    <Frame
      headerEnd={
        <nav className="site-nav" aria-label={t('nav.main')}>
          {inCouple && (
            <>
              <NavLink to="/words" className="nav-link">
                {t('nav.words')}
              </NavLink>
              <NavLink to="/questions" className="nav-link">
                {t('nav.questions')}
              </NavLink>
              <NavLink to="/calendar" className="nav-link">
                {t('nav.calendar')}
              </NavLink>
              <NavLink to="/couple" className="nav-link">
                {t('nav.us')}
              </NavLink>
            </>
          )}
          <NavLink to="/settings" className="nav-link">
            {t('nav.settings')}
          </NavLink>
          <LanguageSwitch />
        </nav>
      }
      notices={
        <>
          <ConnectionIndicator />
          <EndingBanner />
        </>
      }
    />
  );
}

interface CardProps {
  titleId: string;
  title: string;
  subtitle?: string | undefined;
  children: ReactNode;
}

export function Card({ titleId, title, subtitle, children }: CardProps) {
  return (
    <section className="card" aria-labelledby={titleId}>
      <h1 id={titleId} className="card-title">
        {title}
      </h1>
      {subtitle && <p className="card-subtitle">{subtitle}</p>}
      {children}
    </section>
  );
}
