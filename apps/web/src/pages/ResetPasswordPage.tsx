import { ConfirmPasswordResetBody, limits } from '@couple-chat/protocol';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../api/client';
import { Banner } from '../components/Banner';
import { Card } from '../components/Layouts';
import { SubmitButton } from '../components/SubmitButton';
import { TextField } from '../components/TextField';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { readFields, useFormErrors } from '../components/useFormErrors';
import { useConfirmPasswordReset } from '../features/auth/hooks';
import { leaveAuthNotice } from '../features/auth/notice';

const fields = ['newPassword'] as const;

/** The e-mailed link carries the token in the fragment (`#token=…`) so it never reaches a server log. */
function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && ConfirmPasswordResetBody.shape.token.safeParse(token).success ? token : null;
}

export function ResetPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('resetPassword.title'));
  const navigate = useNavigate();
  const confirm = useConfirmPasswordReset();
  const form = useFormErrors(fields);
  const [token] = useState(() => tokenFromHash(window.location.hash));
  const [tokenRejected, setTokenRejected] = useState(false);

  useEffect(() => {
    // Take the token out of the address bar and history once it is in memory.
    const { pathname, search, hash } = window.location;
    if (hash) window.history.replaceState(window.history.state, '', pathname + search);
  }, []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!token) return;
    const values = readFields(event.currentTarget, fields);
    const parsed = ConfirmPasswordResetBody.safeParse({ token, ...values });
    if (!parsed.success) return form.showZodError(parsed.error, values);
    form.clear();
    confirm.mutate(parsed.data, {
      onSuccess: () => {
        leaveAuthNotice('passwordReset');
        confirm.finish();
        navigate('/login', { replace: true });
      },
      onError: (error) => {
        if (isApiError(error, 'invalid_reset_token')) setTokenRejected(true);
        else form.showApiError(error);
      },
    });
  }

  if (!token || tokenRejected) {
    return (
      <Card titleId="reset-title" title={t('resetPassword.title')}>
        <Banner tone="error">
          {tokenRejected ? t('errors.invalidResetToken') : t('resetPassword.missingToken')}
        </Banner>
        <div className="card-links">
          <Link to="/forgot-password" className="button button-secondary">
            {t('resetPassword.requestNew')}
          </Link>
        </div>
      </Card>
    );
  }

  return (
    <Card
      titleId="reset-title"
      title={t('resetPassword.title')}
      subtitle={t('resetPassword.intro')}
    >
      <form
        ref={form.formRef}
        className="form"
        aria-labelledby="reset-title"
        noValidate
        onSubmit={onSubmit}
      >
        {form.banner && <Banner tone="error">{form.banner}</Banner>}
        <TextField
          name="newPassword"
          type="password"
          label={t('resetPassword.newPassword')}
          hint={t('signup.passwordHint', { min: limits.passwordMin })}
          autoComplete="new-password"
          error={form.fieldError('newPassword')}
        />
        <SubmitButton pending={confirm.isPending}>{t('resetPassword.submit')}</SubmitButton>
      </form>
    </Card>
  );
}
