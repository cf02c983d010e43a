import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { Banner } from '../components/Banner';
import { LoadingScreen } from '../components/LoadingScreen';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useMe } from '../features/auth/hooks';
import { useCouple } from '../features/couple/hooks';
import { QuestionsView } from '../features/questions/QuestionsView';
import { formErrorMessage } from '../i18n/errorMessages';

/** "Questions": every question the chat brought up with both answers, and the question settings. */
export function QuestionsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.questions'));
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
  // Another couple's archive never shows through: a new partner starts a fresh view.
  return <QuestionsView key={couple.data.id} couple={couple.data} myId={me.id} />;
}
