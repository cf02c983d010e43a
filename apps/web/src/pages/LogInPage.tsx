import { LogInBody } from '@couple-chat/protocol';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Banner } from '../components/Banner';
import { Card } from '../components/Layouts';
import { SubmitButton } from '../components/SubmitButton';
import { TextField } from '../components/TextField';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { readFields, useFormErrors } from '../components/useFormErrors';
import { useLogIn } from '../features/auth/hooks';
import { clearAuthNotice, peekAuthNotice } from '../features/auth/notice';

const fields = ['login', 'password'] as const;

export function LogInPage() {
  const { t } = useTranslation();
  // Carried between log-in and sign-up, so an invite link opened while logged out comes back.
  const location = useLocation();
  useDocumentTitle(t('login.title'));
  const logIn = useLogIn();
  const form = useFormErrors(fields);
  const [notice] = useState(peekAuthNotice);
  useEffect(() => clearAuthNotice(), []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = readFields(event.currentTarget, fields);
    const parsed = LogInBody.safeParse(values);
    if (!parsed.success) return form.showZodError(parsed.error, values);
    form.clear();
    logIn.mutate(parsed.data, { onError: form.showApiError });
  }

  return (
    <Card titleId="login-title" title={t('login.title')} subtitle={t('login.subtitle')}>
      {notice && <Banner tone="success">{t(`notices.${notice}`)}</Banner>}
      <form
        ref={form.formRef}
        className="form"
        aria-labelledby="login-title"
        noValidate
        onSubmit={onSubmit}
      >
        {form.banner && <Banner tone="error">{form.banner}</Banner>}
        <TextField
          name="login"
          label={t('login.login')}
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          error={form.fieldError('login')}
        />
        <TextField
          name="password"
          type="password"
          label={t('login.password')}
          autoComplete="current-password"
          error={form.fieldError('password')}
        />
        <SubmitButton pending={logIn.isPending}>{t('login.submit')}</SubmitButton>
      </form>
      <div className="card-links">
        <Link to="/forgot-password">{t('login.forgotPassword')}</Link>
        <p>
          {t('login.noAccount')}{' '}
          <Link to="/signup" state={location.state}>
            {t('login.signUpLink')}
          </Link>
        </p>
      </div>
    </Card>
  );
}
