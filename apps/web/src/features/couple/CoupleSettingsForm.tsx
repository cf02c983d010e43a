import { type CoupleDto, UpdateCoupleBody } from '@couple-chat/protocol';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { SelectField } from '../../components/SelectField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { readFields, useFormErrors } from '../../components/useFormErrors';
import { localDateAt, timeZoneChoices } from '../../lib/dates';
import { useUpdateCouple } from './hooks';

const fields = ['startDate', 'timeZone'] as const;

/** The shared settings either partner may change: the day we met and the couple's time zone. */
export function CoupleSettingsForm({ couple }: { couple: CoupleDto }) {
  const { t } = useTranslation();
  const update = useUpdateCouple();
  const form = useFormErrors(fields);
  const [unchanged, setUnchanged] = useState(false);
  const zones = useMemo(
    () =>
      timeZoneChoices(couple.timeZone).map((zone) => ({
        value: zone,
        label: zone.replaceAll('_', ' '),
      })),
    [couple.timeZone],
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.reset();
    setUnchanged(false);
    const values = readFields(event.currentTarget, fields);
    const startDate = values.startDate === '' ? null : values.startDate;
    // Only what changed, so the shared history does not fill with non-changes.
    const body = {
      ...(startDate !== couple.startDate ? { startDate } : {}),
      ...(values.timeZone !== couple.timeZone ? { timeZone: values.timeZone } : {}),
    };
    if (Object.keys(body).length === 0) {
      form.clear();
      setUnchanged(true);
      return;
    }
    const parsed = UpdateCoupleBody.safeParse(body);
    if (!parsed.success) return form.showZodError(parsed.error, values);
    form.clear();
    update.mutate(parsed.data, { onError: form.showApiError });
  }

  return (
    <section className="card" aria-labelledby="couple-settings-title">
      <h2 id="couple-settings-title" className="section-title">
        {t('couple.settings.title')}
      </h2>
      {/* Remount when either partner saves, so the fields show the shared values. */}
      <form
        key={`${couple.startDate}|${couple.timeZone}`}
        ref={form.formRef}
        className="form"
        aria-labelledby="couple-settings-title"
        noValidate
        onSubmit={onSubmit}
      >
        {form.banner && <Banner tone="error">{form.banner}</Banner>}
        {(update.isSuccess || unchanged) && (
          <Banner tone="success">{t('couple.settings.saved')}</Banner>
        )}
        <TextField
          name="startDate"
          type="date"
          label={t('couple.settings.startDate')}
          hint={t('couple.settings.startDateHint')}
          defaultValue={couple.startDate ?? ''}
          max={localDateAt(new Date(), couple.timeZone)}
          error={form.fieldError('startDate')}
        />
        <SelectField
          name="timeZone"
          label={t('couple.settings.timeZone')}
          defaultValue={couple.timeZone}
          options={zones}
          hint={t('couple.settings.timeZoneHint')}
          error={form.fieldError('timeZone')}
        />
        <SubmitButton pending={update.isPending}>{t('couple.settings.submit')}</SubmitButton>
      </form>
    </section>
  );
}
