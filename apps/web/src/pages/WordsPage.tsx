import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { Banner } from '../components/Banner';
import { LoadingScreen } from '../components/LoadingScreen';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useMe } from '../features/auth/hooks';
import { useCouple } from '../features/couple/hooks';
import { WordsView } from '../features/words/WordsView';
import { formErrorMessage } from '../i18n/errorMessages';

/** "Words": the 7-day word ranking of the couple. */
export function WordsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.words'));
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
  // A new partner means a new ranking: nothing of the last couple's choices carries over.
  return <WordsView key={couple.data.id} couple={couple.data} myId={me.id} />;
}
