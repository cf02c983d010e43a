import type { CoupleDto, MeDto } from '@couple-chat/protocol';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/Banner';
import { LoadingScreen } from '../components/LoadingScreen';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useMe } from '../features/auth/hooks';
import { CoupleHistory } from '../features/couple/CoupleHistory';
import { CoupleSettingsForm } from '../features/couple/CoupleSettingsForm';
import { CoupleSummary } from '../features/couple/CoupleSummary';
import { EndConnectionSection } from '../features/couple/EndConnectionSection';
import { ExportSection } from '../features/couple/ExportLinks';
import { useConnectionRequests, useCouple } from '../features/couple/hooks';
import { InviteCodeSection } from '../features/couple/InviteCodeSection';
import { ReceivedRequests } from '../features/couple/ReceivedRequests';
import { SendRequestSection } from '../features/couple/SendRequestSection';
import { formErrorMessage } from '../i18n/errorMessages';

export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.home'));
  const user = useMe().data;
  const couple = useCouple();
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
      {couple.data && <CoupleHome couple={couple.data} me={user} />}
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

function CoupleHome({ couple, me }: { couple: CoupleDto; me: MeDto }) {
  return (
    <>
      <CoupleSummary couple={couple} />
      <CoupleSettingsForm couple={couple} />
      <CoupleHistory couple={couple} myId={me.id} />
      <ExportSection />
      <EndConnectionSection couple={couple} />
    </>
  );
}
