import { RequestPasswordResetBody } from '@couple-chat/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Banner } from '../components/Banner';
import { Card } from '../components/Layouts';
import { SubmitButton } from '../components/SubmitButton';
import { TextField } from '../components/TextField';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { readFields, useFormErrors } from '../components/useFormErrors';
import { useRequestPasswordReset } from '../features/auth/hooks';

const fields = ['email'] as const;

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('forgotPassword.title'));
  const request = useRequestPasswordReset();
  const form = useFormErrors(fields);
  const [sentTo, setSentTo] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = readFields(event.currentTarget, fields);
    const parsed = RequestPasswordResetBody.safeParse(values);
    if (!parsed.success) return form.showZodError(parsed.error, values);
    form.clear();
    request.mutate(parsed.data, {
      onSuccess: () => setSentTo(parsed.data.email),
      onError: form.showApiError,
    });
  }

  return (
    <Card
      titleId="forgot-title"
      title={t('forgotPassword.title')}
      subtitle={sentTo ? undefined : t('forgotPassword.intro')}
    >
      {sentTo ? (
        <div className="form">
          {/* The server never says whether the address is registered, so neither do we. */}
          <Banner tone="success" title={t('forgotPassword.sentTitle')}>
            {t('forgotPassword.sent', { email: sentTo })}
          </Banner>
          <button type="button" className="button button-secondary" onClick={() => setSentTo(null)}>
            {t('forgotPassword.tryAnother')}
          </button>
        </div>
      ) : (
        <form
          ref={form.formRef}
          className="form"
          aria-labelledby="forgot-title"
          noValidate
          onSubmit={onSubmit}
        >
          {form.banner && <Banner tone="error">{form.banner}</Banner>}
          <TextField
            name="email"
            type="email"
            label={t('forgotPassword.email')}
            autoComplete="email"
            inputMode="email"
            spellCheck={false}
            error={form.fieldError('email')}
          />
          <SubmitButton pending={request.isPending}>{t('forgotPassword.submit')}</SubmitButton>
        </form>
      )}
      <div className="card-links">
        <Link to="/login">{t('forgotPassword.backToLogin')}</Link>
      </div>
    </Card>
  );
}
