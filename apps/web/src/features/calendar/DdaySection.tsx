import { dDay, type LocalDate, milestones, relationshipDay } from '@couple-chat/dates';
import {
  CALENDAR_TITLE_MAX,
  DdayInput,
  type DdaysResponse,
  type PinnedDday,
} from '@couple-chat/protocol';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Banner } from '../../components/Banner';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { readFields, useFormErrors } from '../../components/useFormErrors';
import { formErrorMessage } from '../../i18n/errorMessages';
import { formatLocalDate } from '../../lib/dates';
import { useAddDday, useDeleteDday, usePinDday } from './hooks';
import { milestoneName } from './pinned';

const fields = ['title', 'date'] as const;
// The milestones listed as coming up.
const upcomingCount = 4;

/** Our day count, the D-days we wait for, the coming milestones, and what the chat pins on top. */
export function DdaySection({ data }: { data: DdaysResponse }) {
  const { t } = useTranslation();
  return (
    <section className="dday-section" aria-labelledby="dday-title">
      <h2 id="dday-title" className="visually-hidden">
        {t('dday.title')}
      </h2>
      <div className="dday-grid">
        <div className="card dday-card">
          <DayCounter startDate={data.startDate} today={data.today} />
          {data.startDate && <Milestones startDate={data.startDate} today={data.today} />}
        </div>
        <DdayList data={data} />
      </div>
    </section>
  );
}

function DayCounter({ startDate, today }: { startDate: LocalDate | null; today: LocalDate }) {
  const { t } = useTranslation();
  if (!startDate) {
    return (
      <div className="next-step">
        <svg className="next-step-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z" />
        </svg>
        <div>
          <p>{t('dday.noStartDate')}</p>
          <Link to="/couple">{t('dday.toSettings')}</Link>
        </div>
      </div>
    );
  }
  const date = formatLocalDate(startDate, t('app.locale'));
  const day = relationshipDay(startDate, today);
  if (day === null) {
    return (
      <div className="day-count">
        <p className="day-count-number">{dDay(startDate, today).label}</p>
        <p className="day-count-text">{t('couple.startsOn', { date })}</p>
      </div>
    );
  }
  return (
    <div className="day-count">
      <p className="day-count-text dday-together">{t('couple.daysTogether', { count: day })}</p>
      <p className="muted">{t('couple.since', { date })}</p>
    </div>
  );
}

function Milestones({ startDate, today }: { startDate: LocalDate; today: LocalDate }) {
  const { t } = useTranslation();
  const locale = t('app.locale');
  const coming = milestones(startDate, { from: today, count: upcomingCount });
  return (
    <div className="stack-small">
      <h3 className="section-title">{t('dday.milestonesTitle')}</h3>
      <ul className="dday-list">
        {coming.map((milestone) => (
          <li key={`${milestone.kind}-${milestone.n}`} className="dday-row">
            <span className="dday-what">
              <span className="dday-name">{milestoneName(t, milestone)}</span>
              <span className="dday-date">{formatLocalDate(milestone.date, locale)}</span>
            </span>
            <span className="dday-label">{dDay(milestone.date, today).label}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function DdayList({ data }: { data: DdaysResponse }) {
  const { t } = useTranslation();
  const locale = t('app.locale');
  const remove = useDeleteDday();
  const ddays = [...data.ddays].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return (
    <section className="card dday-card" aria-labelledby="dday-list-title">
      <h3 id="dday-list-title" className="section-title">
        {t('dday.listTitle')}
      </h3>
      {remove.error && <Banner tone="error">{formErrorMessage(t, remove.error)}</Banner>}
      {ddays.length === 0 ? (
        <p className="muted">{t('dday.none')}</p>
      ) : (
        <ul className="dday-list">
          {ddays.map((dday) => (
            <li key={dday.id} className="dday-row">
              <span className="dday-what">
                <span className="dday-name">{dday.title}</span>
                <span className="dday-date">{formatLocalDate(dday.date, locale)}</span>
              </span>
              <span className="dday-label">{dDay(dday.date, data.today).label}</span>
              <button
                type="button"
                className="button button-secondary dday-remove"
                aria-label={t('dday.remove', { title: dday.title })}
                disabled={remove.isPending && remove.variables === dday.id}
                onClick={() => remove.mutate(dday.id)}
              >
                {t('dday.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <AddDdayForm />
      <PinChoice data={data} />
    </section>
  );
}

function AddDdayForm() {
  const { t } = useTranslation();
  const add = useAddDday();
  const form = useFormErrors(fields);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const values = readFields(element, fields);
    const parsed = DdayInput.safeParse(values);
    if (!parsed.success) return form.showZodError(parsed.error, values);
    form.clear();
    try {
      await add.mutateAsync(parsed.data);
      element.reset();
    } catch (error) {
      form.showApiError(error);
    }
  }

  return (
    <form
      ref={form.formRef}
      className="form dday-form"
      aria-label={t('dday.add')}
      noValidate
      onSubmit={onSubmit}
    >
      {form.banner && <Banner tone="error">{form.banner}</Banner>}
      <div className="field-pair">
        <TextField
          name="title"
          label={t('dday.name')}
          maxLength={CALENDAR_TITLE_MAX}
          autoComplete="off"
          error={form.fieldError('title')}
        />
        <TextField name="date" type="date" label={t('dday.date')} error={form.fieldError('date')} />
      </div>
      <SubmitButton pending={add.isPending}>{t('dday.add')}</SubmitButton>
    </form>
  );
}

type PinKey = 'none' | 'next_milestone' | `dday:${string}`;

function pinKey(pinned: PinnedDday): PinKey {
  return pinned.kind === 'dday' ? `dday:${pinned.id}` : pinned.kind;
}

/** Nothing, the next milestone (once there is a start date), or one D-day. */
function PinChoice({ data }: { data: DdaysResponse }) {
  const { t } = useTranslation();
  const pin = usePinDday();
  const current = pinKey(data.pinned);
  const choices: { key: PinKey; label: string; pinned: PinnedDday }[] = [
    { key: 'none', label: t('dday.pin.none'), pinned: { kind: 'none' } },
    ...(data.startDate
      ? [
          {
            key: 'next_milestone' as const,
            label: t('dday.pin.next'),
            pinned: { kind: 'next_milestone' as const },
          },
        ]
      : []),
    ...data.ddays.map((d) => ({
      key: `dday:${d.id}` as const,
      label: d.title,
      pinned: { kind: 'dday' as const, id: d.id },
    })),
  ];
  return (
    <>
      {pin.error && <Banner tone="error">{formErrorMessage(t, pin.error)}</Banner>}
      <fieldset className="chips pin-choice">
        <legend className="field-label pin-legend">{t('dday.pin.legend')}</legend>
        {choices.map((choice) => (
          <label key={choice.key} className="chip">
            <input
              type="radio"
              name="pin"
              className="chip-input"
              value={choice.key}
              checked={current === choice.key}
              onChange={() => pin.mutate(choice.pinned)}
            />
            <span className="chip-label">{choice.label}</span>
          </label>
        ))}
      </fieldset>
    </>
  );
}
