import { ChangePasswordBody, limits } from '@couple-chat/protocol';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { readFields, useFormErrors } from '../../components/useFormErrors';
import { useChangePassword } from '../auth/hooks';

const fields = ['currentPassword', 'newPassword'] as const;

export function ChangePasswordForm() {
  const { t } = useTranslation();
  const changePassword = useChangePassword();
  const form = useFormErrors(fields);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    changePassword.reset();
    const element = event.currentTarget;
    const values = readFields(element, fields);
    const parsed = ChangePasswordBody.safeParse(values);
    if (!parsed.success) return form.showZodError(parsed.error, values);
    form.clear();
    changePassword.mutate(parsed.data, {
      onSuccess: () => element.reset(),
      onError: form.showApiError,
    });
  }

  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title" className="section-title">
        {t('settings.password.title')}
      </h2>
      <form
        ref={form.formRef}
        className="form"
        aria-labelledby="password-title"
        noValidate
        onSubmit={onSubmit}
      >
        {form.banner && <Banner tone="error">{form.banner}</Banner>}
        {changePassword.isSuccess && (
          <Banner tone="success">{t('settings.password.changed')}</Banner>
        )}
        <TextField
          name="currentPassword"
          type="password"
          label={t('settings.password.current')}
          autoComplete="current-password"
          error={form.fieldError('currentPassword')}
        />
        <TextField
          name="newPassword"
          type="password"
          label={t('settings.password.new')}
          hint={t('settings.password.newHint', { min: limits.passwordMin })}
          autoComplete="new-password"
          error={form.fieldError('newPassword')}
        />
        <SubmitButton pending={changePassword.isPending}>
          {t('settings.password.submit')}
        </SubmitButton>
      </form>
    </section>
  );
}
