import {
  CUSTOM_QUESTION_MAX_LENGTH,
  type CustomQuestionDto,
  CustomQuestionInput,
} from '@couple-chat/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { Banner } from '../../components/Banner';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { readFields, useFormErrors } from '../../components/useFormErrors';
import { formErrorMessage } from '../../i18n/errorMessages';
import { useAddCustomQuestion, useRemoveCustomQuestion } from './hooks';

const fields = ['word', 'text'] as const;

interface CustomQuestionsCardProps {
  custom: readonly CustomQuestionDto[];
  myId: string;
  partnerName: string;
}

/** Our own word → question pairs: add one, see who added each, delete one. */
export function CustomQuestionsCard({ custom, myId, partnerName }: CustomQuestionsCardProps) {
  const { t } = useTranslation();
  const remove = useRemoveCustomQuestion();
  return (
    <section className="card" aria-labelledby="custom-questions-title">
      <h2 id="custom-questions-title" className="section-title" tabIndex={-1}>
        {t('questions.settings.customTitle')}
      </h2>
      <p className="muted">{t('questions.settings.customIntro')}</p>
      <AddCustomQuestionForm known={custom} />
      {remove.error && <Banner tone="error">{formErrorMessage(t, remove.error)}</Banner>}
      {custom.length === 0 ? (
        <p className="muted">{t('questions.settings.customNone')}</p>
      ) : (
        <ul className="custom-list">
          {custom.map((entry) => (
            <li key={entry.id} className="custom-item">
              <span className="custom-word">{entry.word}</span>
              <span className="custom-text">{entry.text}</span>
              <span className="custom-by">
                {entry.createdBy === myId
                  ? t('questions.settings.byMe')
                  : t('questions.settings.byPartner', { name: partnerName })}
              </span>
              <button
                type="button"
                className="button button-secondary custom-remove"
                aria-label={t('questions.settings.remove', { word: entry.word })}
                disabled={remove.isPending && remove.variables === entry.id}
                onClick={() => remove.mutate(entry.id)}
              >
                {t('questions.settings.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The word as typed in any form (the server reads "음식을" as "음식") and the question to ask. */
function AddCustomQuestionForm({ known }: { known: readonly CustomQuestionDto[] }) {
  const { t } = useTranslation();
  const add = useAddCustomQuestion();
  const form = useFormErrors(fields);
  const [added, setAdded] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const values = readFields(element, fields);
    const parsed = CustomQuestionInput.safeParse(values);
    setAdded(null);
    if (!parsed.success) return form.showZodError(parsed.error, values);
    form.clear();
    try {
      const settings = await add.mutateAsync(parsed.data);
      const before = new Set(known.map((entry) => entry.id));
      const entry = settings.custom.find((c) => !before.has(c.id));
      setAdded(entry?.word ?? parsed.data.word);
      element.reset();
    } catch (error) {
      // The shared code is worded for the word ranking; here the word is one the chat must match.
      if (isApiError(error, 'invalid_word'))
        form.showProblems({ word: { code: 'unmatchable_word' } });
      else form.showApiError(error);
    }
  }

  return (
    <form
      ref={form.formRef}
      className="form custom-form"
      aria-label={t('questions.settings.add')}
      noValidate
      onSubmit={onSubmit}
    >
      {form.banner && <Banner tone="error">{form.banner}</Banner>}
      {added && <Banner tone="success">{t('questions.settings.added', { word: added })}</Banner>}
      <TextField
        name="word"
        label={t('questions.settings.word')}
        hint={t('questions.settings.wordHint')}
        maxLength={30}
        autoComplete="off"
        autoCapitalize="none"
        error={form.fieldError('word')}
      />
      <TextField
        name="text"
        label={t('questions.settings.text')}
        hint={t('questions.settings.textHint', { max: CUSTOM_QUESTION_MAX_LENGTH })}
        autoComplete="off"
        enterKeyHint="done"
        error={form.fieldError('text')}
      />
      <SubmitButton pending={add.isPending}>{t('questions.settings.add')}</SubmitButton>
    </form>
  );
}
