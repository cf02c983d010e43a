import type { CoupleDto, MeDto } from '@couple-chat/protocol';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { Banner } from '../../components/Banner';
import { LoadingScreen } from '../../components/LoadingScreen';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { formErrorMessage } from '../../i18n/errorMessages';
import { useMe } from '../auth/hooks';
import { useCouple } from './hooks';

interface CouplePageGateProps {
  /** The document title. */
  title: string;
  /** The page, once the couple is known; keyed by the couple so nothing of another shows through. */
  children(couple: CoupleDto, me: MeDto): ReactNode;
}

/**
 * The pages that belong to a couple: they wait for the couple, offer a retry when it fails to
 * load, and send a user who is not (or no longer) connected home, where the ways to connect are.
 */
export function CouplePageGate({ title, children }: CouplePageGateProps) {
  const { t } = useTranslation();
  useDocumentTitle(title);
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
  if (!couple.data) return <Navigate to="/" replace />;
  return <Fragment key={couple.data.id}>{children(couple.data, me)}</Fragment>;
}
