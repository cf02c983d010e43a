import { limits, SignUpBody } from '@couple-chat/protocol';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Banner } from '../components/Banner';
import { Card } from '../components/Layouts';
import { SubmitButton } from '../components/SubmitButton';
import { TextField } from '../components/TextField';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { readFields, useFormErrors } from '../components/useFormErrors';
import { useSignUp } from '../features/auth/hooks';
import { currentLocale } from '../i18n';

const fields = ['username', 'email', 'displayName', 'password'] as const;

export function SignUpPage() {
  const { t } = useTranslation();
  // Carried between log-in and sign-up, so an invite link opened while logged out comes back.
  const location = useLocation();
  useDocumentTitle(t('signup.title'));
  const signUp = useSignUp();
  const form = useFormErrors(fields);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = { ...readFields(event.currentTarget, fields), locale: currentLocale() };
    const parsed = SignUpBody.safeParse(values);
    if (!parsed.success) return form.showZodError(parsed.error, values);
    form.clear();
    signUp.mutate(parsed.data, { onError: form.showApiError });
  }

  return (
    <Card titleId="signup-title" title={t('signup.title')} subtitle={t('signup.subtitle')}>
      <form
        ref={form.formRef}
        className="form"
        aria-labelledby="signup-title"
        noValidate
        onSubmit={onSubmit}
      >
        {form.banner && <Banner tone="error">{form.banner}</Banner>}
        <TextField
          name="username"
          label={t('signup.username')}
          hint={t('signup.usernameHint', { min: limits.usernameMin, max: limits.usernameMax })}
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          maxLength={limits.usernameMax}
          error={form.fieldError('username')}
        />
        <TextField
          name="email"
          type="email"
          label={t('signup.email')}
          hint={t('signup.emailHint')}
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          error={form.fieldError('email')}
        />
        <TextField
          name="displayName"
          label={t('signup.displayName')}
          hint={t('signup.displayNameHint')}
          autoComplete="nickname"
          maxLength={limits.displayNameMax}
          error={form.fieldError('displayName')}
        />
        <TextField
          name="password"
          type="password"
          label={t('signup.password')}
          hint={t('signup.passwordHint', { min: limits.passwordMin })}
          autoComplete="new-password"
          error={form.fieldError('password')}
        />
        <SubmitButton pending={signUp.isPending}>{t('signup.submit')}</SubmitButton>
      </form>
      <div className="card-links">
        <p>
          {t('signup.haveAccount')}{' '}
          <Link to="/login" state={location.state}>
            {t('signup.logInLink')}
          </Link>
        </p>
      </div>
    </Card>
  );
}
