import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { Banner } from '../components/Banner';
import { LoadingScreen } from '../components/LoadingScreen';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { CalendarView } from '../features/calendar/CalendarView';
import { useCouple } from '../features/couple/hooks';
import { formErrorMessage } from '../i18n/errorMessages';

/** "Calendar": the couple's shared month, D-days and milestones. */
export function CalendarPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.calendar'));
  const couple = useCouple();
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
  // Another couple's dates never show through: a new partner starts a fresh view.
  return <CalendarView key={couple.data.id} couple={couple.data} />;
}
