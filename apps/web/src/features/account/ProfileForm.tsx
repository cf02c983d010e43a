import { limits, type MeDto, supportedLocales, UpdateMeBody } from '@couple-chat/protocol';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { readFields, useFormErrors } from '../../components/useFormErrors';
import { localeNames } from '../../i18n';
import { useUpdateMe } from '../auth/hooks';

const fields = ['displayName', 'locale'] as const;
const localeOptions = supportedLocales.map((locale) => ({
  value: locale,
  label: localeNames[locale],
  lang: locale,
}));

export function ProfileForm({ user }: { user: MeDto }) {
  const { t } = useTranslation();
  const updateMe = useUpdateMe();
  const form = useFormErrors(fields);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    updateMe.reset();
    const values = readFields(event.currentTarget, fields);
    const parsed = UpdateMeBody.safeParse(values);
    if (!parsed.success) return form.showZodError(parsed.error, values);
    form.clear();
    // The saved locale reaches the UI through useLocaleSync once the new user is cached.
    updateMe.mutate(parsed.data, { onError: form.showApiError });
  }

  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title" className="section-title">
        {t('settings.profile.title')}
      </h2>
      {/* Remount when the language changes elsewhere so the select shows the saved value. */}
      <form
        key={user.locale}
        ref={form.formRef}
        className="form"
        aria-labelledby="profile-title"
        noValidate
        onSubmit={onSubmit}
      >
        {form.banner && <Banner tone="error">{form.banner}</Banner>}
        {updateMe.isSuccess && <Banner tone="success">{t('settings.profile.saved')}</Banner>}
        <TextField
          name="displayName"
          label={t('settings.profile.displayName')}
          defaultValue={user.displayName}
          autoComplete="nickname"
          maxLength={limits.displayNameMax}
          error={form.fieldError('displayName')}
        />
        <SelectField
          name="locale"
          label={t('settings.profile.language')}
          defaultValue={user.locale}
          options={localeOptions}
          error={form.fieldError('locale')}
        />
        <SubmitButton pending={updateMe.isPending}>{t('settings.profile.submit')}</SubmitButton>
      </form>
    </section>
  );
}
