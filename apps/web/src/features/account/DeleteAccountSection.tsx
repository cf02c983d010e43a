import { DeleteAccountBody } from '@couple-chat/protocol';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { CheckboxField } from '../../components/CheckboxField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { readFields, useFormErrors } from '../../components/useFormErrors';
import type { FieldProblems } from '../../i18n/errorMessages';
import { useDeleteAccount } from '../auth/hooks';
import { leaveAuthNotice } from '../auth/notice';

const fields = ['password'] as const;
const errorFields = ['password', 'confirm'] as const;

export function DeleteAccountSection() {
  const { t } = useTranslation();
  const deleteAccount = useDeleteAccount();
  const form = useFormErrors(errorFields);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const confirmed = new FormData(element).get('confirm') === 'yes';
    const unconfirmed: FieldProblems = confirmed ? {} : { confirm: { code: 'confirm_required' } };
    const values = readFields(element, fields);
    const parsed = DeleteAccountBody.safeParse(values);
    if (!parsed.success) return form.showZodError(parsed.error, values, unconfirmed);
    if (!confirmed) return form.showProblems(unconfirmed);
    form.clear();
    deleteAccount.mutate(parsed.data, {
      onSuccess: () => {
        leaveAuthNotice('accountDeleted');
        deleteAccount.finish();
      },
      onError: form.showApiError,
    });
  }

  return (
    <section className="card danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title" className="section-title">
        {t('settings.danger.title')}
      </h2>
      <p className="danger-warning">{t('settings.danger.warning')}</p>
      <form
        ref={form.formRef}
        className="form"
        aria-labelledby="delete-title"
        noValidate
        onSubmit={onSubmit}
      >
        {form.banner && <Banner tone="error">{form.banner}</Banner>}
        <TextField
          name="password"
          type="password"
          label={t('settings.danger.password')}
          autoComplete="current-password"
          error={form.fieldError('password')}
        />
        <CheckboxField
          name="confirm"
          value="yes"
          label={t('settings.danger.confirm')}
          error={form.fieldError('confirm')}
        />
        <SubmitButton pending={deleteAccount.isPending} tone="danger">
          {t('settings.danger.submit')}
        </SubmitButton>
      </form>
    </section>
  );
}
