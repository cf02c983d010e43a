import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { Banner } from '../components/Banner';
import { LoadingScreen } from '../components/LoadingScreen';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useMe } from '../features/auth/hooks';
import { CoupleHistory } from '../features/couple/CoupleHistory';
import { CoupleSettingsForm } from '../features/couple/CoupleSettingsForm';
import { CoupleSummary } from '../features/couple/CoupleSummary';
import { EndConnectionSection } from '../features/couple/EndConnectionSection';
import { ExportSection } from '../features/couple/ExportLinks';
import { useCouple } from '../features/couple/hooks';
import { formErrorMessage } from '../i18n/errorMessages';

/** "Us": the connection itself — day count, settings, history, export and ending it. */
export function CouplePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.us'));
  const me = useMe().data;
  const couple = useCouple();
  if (!me) return null;
  if (couple.isPending) return <LoadingScreen />;
  if (couple.isError) {
    return (
      <Banner tone="error">
        <p>{formErrorMessage(t, couple.error)}</p>
        <button type="button" className="text-button" onClick={() => couple.refetch()}>
          {t('app.retry')}
        </button>
      </Banner>
    );
  }
  // Not (or no longer) connected: home shows the ways to connect.
  if (!couple.data) return <Navigate to="/" replace />;

  return (
    <div className="stack">
      <header className="page-header">
        <h1 className="page-title">{t('nav.us')}</h1>
      </header>
      <CoupleSummary couple={couple.data} />
      <CoupleSettingsForm couple={couple.data} />
      <CoupleHistory couple={couple.data} myId={me.id} />
      <ExportSection />
      <EndConnectionSection couple={couple.data} />
    </div>
  );
}
