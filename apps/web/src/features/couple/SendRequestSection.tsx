import { type ConnectionRequestDto, CreateConnectionRequestBody } from '@couple-chat/protocol';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { Banner } from '../../components/Banner';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { readFields, useFormErrors } from '../../components/useFormErrors';
import { formErrorMessage } from '../../i18n/errorMessages';
import { useDeleteRequest, useSendRequest } from './hooks';
import { RelativeTime } from './RelativeTime';

const fields = ['username'] as const;
const UsernameOnly = CreateConnectionRequestBody.pick({ username: true });

/** One outgoing request at a time: the form, or the request waiting for an answer. */
export function SendRequestSection({ sent }: { sent: ConnectionRequestDto | undefined }) {
  return sent ? <SentRequest request={sent} /> : <SendRequestForm />;
}

function SendRequestForm() {
  const { t } = useTranslation();
  const send = useSendRequest();
  const form = useFormErrors(fields);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = readFields(event.currentTarget, fields);
    const parsed = UsernameOnly.safeParse(values);
    if (!parsed.success) return form.showZodError(parsed.error, values);
    form.clear();
    send.mutate(parsed.data, {
      onError: (error) =>
        isApiError(error, 'not_found')
          ? form.showProblems({ username: { code: 'unknown_username' } })
          : form.showApiError(error),
    });
  }

  return (
    <section className="card" aria-labelledby="send-request-title">
      <h2 id="send-request-title" className="section-title">
        {t('requests.sendTitle')}
      </h2>
      <form
        ref={form.formRef}
        className="form"
        aria-labelledby="send-request-title"
        noValidate
        onSubmit={onSubmit}
      >
        {form.banner && <Banner tone="error">{form.banner}</Banner>}
        <TextField
          name="username"
          label={t('requests.username')}
          hint={t('requests.usernameHint')}
          autoComplete="off"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          error={form.fieldError('username')}
        />
        <SubmitButton pending={send.isPending}>{t('requests.send')}</SubmitButton>
      </form>
    </section>
  );
}

function SentRequest({ request }: { request: ConnectionRequestDto }) {
  const { t } = useTranslation();
  const cancel = useDeleteRequest();
  return (
    <section className="card" aria-labelledby="sent-request-title">
      <h2 id="sent-request-title" className="section-title">
        {t('requests.sentTitle')}
      </h2>
      <div className="request">
        <p className="request-name">
          {t('requests.sentTo', { name: request.to.displayName, username: request.to.username })}
        </p>
        <p className="request-time">
          <RelativeTime iso={request.createdAt} />
        </p>
      </div>
      <p className="muted">{t('requests.waiting')}</p>
      {cancel.isError && <Banner tone="error">{formErrorMessage(t, cancel.error)}</Banner>}
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          disabled={cancel.isPending}
          aria-busy={cancel.isPending || undefined}
          onClick={() => cancel.mutate(request.id)}
        >
          {cancel.isPending && <span className="spinner" aria-hidden="true" />}
          {t('requests.cancel')}
        </button>
      </div>
    </section>
  );
}
