import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { formErrorMessage } from '../../i18n/errorMessages';
import { useMyInvite, useRenewInvite } from './hooks';

type CopyState = 'idle' | 'copied' | 'failed';

export function inviteLink(code: string): string {
  return `${location.origin}/invite/${code}`;
}

/** My personal code: sharing its link is the request; whoever opens it can connect at once. */
export function InviteCodeSection() {
  const { t } = useTranslation();
  const invite = useMyInvite();
  const renew = useRenewInvite();
  const [copy, setCopy] = useState<CopyState>('idle');
  const linkRef = useRef<HTMLInputElement>(null);
  const link = invite.data ? inviteLink(invite.data.code) : '';

  useEffect(() => {
    if (copy !== 'failed') return;
    linkRef.current?.focus();
    linkRef.current?.select();
  }, [copy]);

  async function onCopy() {
    renew.reset();
    try {
      // Missing outside secure contexts (plain http on a home server): fall back to selecting.
      await navigator.clipboard.writeText(link);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  }

  function onRenew() {
    setCopy('idle');
    renew.mutate();
  }

  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title" className="section-title">
        {t('invite.title')}
      </h2>
      <p className="muted">{t('invite.intro')}</p>
      {invite.isPending && <span className="spinner" aria-hidden="true" />}
      {invite.isError && <Banner tone="error">{formErrorMessage(t, invite.error)}</Banner>}
      {invite.data && (
        <>
          <p className="invite-code" translate="no">
            {invite.data.code}
          </p>
          <div className="field">
            <label className="field-label" htmlFor="invite-link">
              {t('invite.link')}
            </label>
            <input
              ref={linkRef}
              id="invite-link"
              className="input invite-link"
              readOnly
              value={link}
              onFocus={(event) => event.currentTarget.select()}
            />
          </div>
          {copy === 'copied' && <Banner tone="success">{t('invite.copied')}</Banner>}
          {copy === 'failed' && <Banner tone="info">{t('invite.copyFailed')}</Banner>}
          {renew.isSuccess && <Banner tone="success">{t('invite.renewed')}</Banner>}
          {renew.isError && <Banner tone="error">{formErrorMessage(t, renew.error)}</Banner>}
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={onCopy}>
              {t('invite.copyLink')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={renew.isPending}
              aria-busy={renew.isPending || undefined}
              aria-describedby="invite-renew-hint"
              onClick={onRenew}
            >
              {renew.isPending && <span className="spinner" aria-hidden="true" />}
              {t('invite.renew')}
            </button>
          </div>
          <p id="invite-renew-hint" className="field-hint">
            {t('invite.renewHint')}
          </p>
        </>
      )}
    </section>
  );
}
