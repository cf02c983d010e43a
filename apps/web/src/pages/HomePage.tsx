import { useTranslation } from 'react-i18next';
import { Banner } from '../components/Banner';
import { LoadingScreen } from '../components/LoadingScreen';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useMe } from '../features/auth/hooks';
import { useConnectionRequests, useCouple } from '../features/couple/hooks';
import { InviteCodeSection } from '../features/couple/InviteCodeSection';
import { ReceivedRequests } from '../features/couple/ReceivedRequests';
import { SendRequestSection } from '../features/couple/SendRequestSection';
import { formErrorMessage } from '../i18n/errorMessages';
import { ChatPage } from './ChatPage';

/** In a couple, home is the chat; before that, the ways to connect. */
export function HomePage() {
  const couple = useCouple();
  if (couple.data) return <ChatPage couple={couple.data} />;
  return <SingleHomePage couple={couple} />;
}

function SingleHomePage({ couple }: { couple: ReturnType<typeof useCouple> }) {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.home'));
  const user = useMe().data;
  if (!user) return null;

  return (
    <div className="stack">
      <header className="page-header">
        <h1 className="page-title">{t('home.greeting', { name: user.displayName })}</h1>
        {couple.data === null && <p className="muted">{t('home.singleIntro')}</p>}
      </header>
      {couple.isPending && <LoadingScreen />}
      {couple.isError && (
        <Banner tone="error">
          <p>{formErrorMessage(t, couple.error)}</p>
          <button type="button" className="text-button" onClick={() => couple.refetch()}>
            {t('app.retry')}
          </button>
        </Banner>
      )}
      {couple.data === null && <SingleHome />}
    </div>
  );
}

/** Not connected yet: requests waiting for me first, then the two ways to ask. */
function SingleHome() {
  const { t } = useTranslation();
  const requests = useConnectionRequests();
  return (
    <>
      {requests.isError && <Banner tone="error">{formErrorMessage(t, requests.error)}</Banner>}
      <ReceivedRequests requests={requests.data?.received ?? []} />
      <InviteCodeSection />
      {requests.isSuccess && <SendRequestSection sent={requests.data.sent[0]} />}
      <p className="muted principle">{t('home.principle')}</p>
    </>
  );
}
