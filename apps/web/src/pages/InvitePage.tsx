import { InviteCode } from '@couple-chat/protocol';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { Banner } from '../components/Banner';
import { Card } from '../components/Layouts';
import { LoadingScreen } from '../components/LoadingScreen';
import { SubmitButton } from '../components/SubmitButton';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useMe } from '../features/auth/hooks';
import { useAcceptInvite, useCouple, useInvitePreview } from '../features/couple/hooks';
import { formErrorMessage } from '../i18n/errorMessages';
import { focusWhenShown } from '../lib/pendingFocus';

/** /invite/:code — whoever shared the code asked already; one tap connects. */
export function InvitePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('acceptInvite.docTitle'));
  const parsed = InviteCode.safeParse(useParams().code ?? '');
  if (!parsed.success) return <InvalidInvite />;
  return <InviteFor code={parsed.data} />;
}

function InviteFor({ code }: { code: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const couple = useCouple();
  const preview = useInvitePreview(code);
  const accept = useAcceptInvite();

  if (preview.isPending || couple.isPending) return <LoadingScreen />;
  if (preview.isError) {
    const gone =
      isApiError(preview.error, 'invalid_invite_code') || isApiError(preview.error, 'not_found');
    return gone ? (
      <InvalidInvite />
    ) : (
      <InvalidInvite message={formErrorMessage(t, preview.error)} />
    );
  }
  const inviter = preview.data;
  const name = inviter.displayName;

  if (inviter.id === me?.id) {
    return (
      <Card titleId="invite-page-title" title={t('invite.title')}>
        <p>{t('acceptInvite.own')}</p>
        <HomeLink />
      </Card>
    );
  }

  if (couple.data) {
    return (
      <Card titleId="invite-page-title" title={t('acceptInvite.title', { name })}>
        <Banner tone="info">
          {t('acceptInvite.alreadyConnected', { name: couple.data.partner.displayName })}
        </Banner>
        <HomeLink />
      </Card>
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    accept.mutate(code, {
      onSuccess: () => {
        focusWhenShown('chat-title');
        navigate('/', { replace: true });
      },
    });
  }

  return (
    <Card
      titleId="invite-page-title"
      title={t('acceptInvite.title', { name })}
      subtitle={t('acceptInvite.intro', { name })}
    >
      <p className="invite-person">
        <span className="invite-avatar" aria-hidden="true">
          {Array.from(name)[0]}
        </span>
        <span>
          <strong>{name}</strong> <span className="muted">@{inviter.username}</span>
        </span>
      </p>
      <form className="form" aria-labelledby="invite-page-title" onSubmit={onSubmit}>
        {accept.isError && <Banner tone="error">{formErrorMessage(t, accept.error)}</Banner>}
        <SubmitButton pending={accept.isPending}>{t('acceptInvite.connect')}</SubmitButton>
      </form>
      <p className="muted principle">{t('home.principle')}</p>
    </Card>
  );
}

function InvalidInvite({ message }: { message?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card titleId="invite-page-title" title={t('acceptInvite.invalidTitle')}>
      <Banner tone="error">{message ?? t('errors.invalidInviteCode')}</Banner>
      <HomeLink />
    </Card>
  );
}

function HomeLink() {
  const { t } = useTranslation();
  return (
    <div className="card-links">
      <Link to="/" className="button button-secondary">
        {t('acceptInvite.goHome')}
      </Link>
    </div>
  );
}
