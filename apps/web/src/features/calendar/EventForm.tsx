import {
  CALENDAR_NOTE_MAX,
  CALENDAR_TITLE_MAX,
  type CalendarEventDto,
  CalendarEventInput,
} from '@couple-chat/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { CheckboxField } from '../../components/CheckboxField';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { readFields, useFormErrors } from '../../components/useFormErrors';
import { eventFields, eventFormValues, eventInputFrom, isEndBeforeStart } from './eventForm';
import { useSaveEvent } from './hooks';

interface EventFormProps {
  /** The event being edited, or null for a new one. */
  event: CalendarEventDto | null;
  /** A new event's start date: the day that was tapped. */
  day: string;
  onDone(saved: CalendarEventDto | null): void;
}

/** Title, dates, optional times, note and "every year"; the server's field errors land on the fields. */
export function EventForm({ event, day, onDone }: EventFormProps) {
  const { t } = useTranslation();
  const save = useSaveEvent();
  const form = useFormErrors(eventFields);
  const [endOrder, setEndOrder] = useState(false);
  const initial = eventFormValues(event, day);
  const title = event ? t('calendar.form.editTitle') : t('calendar.form.addTitle');

  async function onSubmit(submitted: FormEvent<HTMLFormElement>) {
    submitted.preventDefault();
    const element = submitted.currentTarget;
    const values = readFields(element, eventFields);
    const yearly = new FormData(element).get('yearly') === 'on';
    const parsed = CalendarEventInput.safeParse(eventInputFrom(values, yearly));
    if (!parsed.success) {
      setEndOrder(isEndBeforeStart(parsed.error));
      return form.showZodError(parsed.error, values);
    }
    form.clear();
    setEndOrder(false);
    try {
      onDone(await save.mutateAsync({ id: event?.id, input: parsed.data }));
    } catch (error) {
      setEndOrder(isEndBeforeStart(error));
      form.showApiError(error);
    }
  }

  const endError = endOrder ? t('calendar.form.endBeforeStart') : form.fieldError('endDate');
  return (
    <form
      ref={form.formRef}
      className="form event-form"
      aria-label={title}
      noValidate
      onSubmit={onSubmit}
    >
      <h3 className="section-title">{title}</h3>
      {form.banner && <Banner tone="error">{form.banner}</Banner>}
      <TextField
        name="title"
        label={t('calendar.form.title')}
        defaultValue={initial.title}
        maxLength={CALENDAR_TITLE_MAX}
        autoComplete="off"
        error={form.fieldError('title')}
      />
      <div className="field-pair">
        <TextField
          name="startDate"
          type="date"
          label={t('calendar.form.startDate')}
          defaultValue={initial.startDate}
          error={form.fieldError('startDate')}
        />
        <TextField
          name="endDate"
          type="date"
          label={t('calendar.form.endDate')}
          defaultValue={initial.endDate}
          error={endError}
        />
      </div>
      <div className="field-pair">
        <TextField
          name="startTime"
          type="time"
          label={t('calendar.form.startTime')}
          defaultValue={initial.startTime}
          error={form.fieldError('startTime')}
        />
        <TextField
          name="endTime"
          type="time"
          label={t('calendar.form.endTime')}
          defaultValue={initial.endTime}
          error={form.fieldError('endTime')}
        />
      </div>
      <p className="field-hint event-form-hint">{t('calendar.form.timeHint')}</p>
      <TextField
        name="note"
        label={t('calendar.form.note')}
        defaultValue={initial.note}
        maxLength={CALENDAR_NOTE_MAX}
        autoComplete="off"
        error={form.fieldError('note')}
      />
      <CheckboxField
        name="yearly"
        label={t('calendar.form.yearly')}
        defaultChecked={event?.yearly ?? false}
      />
      <div className="button-row">
        <SubmitButton pending={save.isPending}>{t('calendar.form.save')}</SubmitButton>
        <button type="button" className="button button-secondary" onClick={() => onDone(null)}>
          {t('calendar.form.cancel')}
        </button>
      </div>
    </form>
  );
}
