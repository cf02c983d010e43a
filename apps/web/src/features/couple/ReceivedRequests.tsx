import type { ConnectionRequestDto } from '@couple-chat/protocol';
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { formErrorMessage } from '../../i18n/errorMessages';
import { focusWhenShown } from '../../lib/pendingFocus';
import { useApproveRequest, useDeleteRequest } from './hooks';
import { RelativeTime } from './RelativeTime';

/** Requests waiting for my answer; approving one connects us at once. */
export function ReceivedRequests({ requests }: { requests: ConnectionRequestDto[] }) {
  const { t } = useTranslation();
  const approve = useApproveRequest();
  const decline = useDeleteRequest();
  const error = approve.error ?? decline.error;
  const busy = approve.isPending || decline.isPending;
  if (requests.length === 0) return null;

  return (
    <section className="card card-highlight" aria-labelledby="received-title">
      <h2 id="received-title" className="section-title">
        {t('requests.receivedTitle')}
      </h2>
      {error && <Banner tone="error">{formErrorMessage(t, error)}</Banner>}
      <ul className="request-list">
        {requests.map((request) => {
          const name = request.from.displayName;
          return (
            <li key={request.id} className="request">
              <p className="request-name">
                {t('requests.from', { name, username: request.from.username })}
              </p>
              <p className="request-time">
                <RelativeTime iso={request.createdAt} />
              </p>
              <div className="button-row">
                <button
                  type="button"
                  className="button button-primary"
                  aria-label={t('requests.approve', { name })}
                  disabled={busy}
                  aria-busy={(approve.isPending && approve.variables === request.id) || undefined}
                  onClick={() => {
                    decline.reset();
                    approve.mutate(request.id, {
                      onSuccess: () => focusWhenShown('chat-title'),
                    });
                  }}
                >
                  {t('requests.approveShort')}
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={t('requests.decline', { name })}
                  disabled={busy}
                  aria-busy={(decline.isPending && decline.variables === request.id) || undefined}
                  onClick={() => {
                    approve.reset();
                    decline.mutate(request.id);
                  }}
                >
                  {t('requests.declineShort')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
