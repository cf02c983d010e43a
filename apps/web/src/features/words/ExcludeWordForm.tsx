import { WordInput } from '@couple-chat/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Banner } from '../../components/Banner';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { readFields, useFormErrors } from '../../components/useFormErrors';
import { wordFieldProblem } from './exclusions';
import type { ExcludeOptions } from './useWordExclusions';

const fields = ['word'] as const;
const WordForm = z.object({ word: WordInput });

interface ExcludeWordFormProps {
  onExclude(words: string[], options: ExcludeOptions): Promise<void>;
}

/** Any word, in any form: the server finds the word the ranking counts ("음식을" → "음식"). */
export function ExcludeWordForm({ onExclude }: ExcludeWordFormProps) {
  const { t } = useTranslation();
  const form = useFormErrors(fields);
  const [pending, setPending] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const values = readFields(element, fields);
    const parsed = WordForm.safeParse(values);
    if (!parsed.success) return form.showZodError(parsed.error, values);
    form.clear();
    setPending(true);
    void onExclude([parsed.data.word], {
      onSuccess: () => element.reset(),
      onError: (error) => {
        const problem = wordFieldProblem(error);
        if (problem) form.showProblems({ word: problem });
        else form.showApiError(error);
      },
    }).finally(() => setPending(false));
  }

  return (
    <form
      ref={form.formRef}
      className="form word-form"
      aria-label={t('words.exclusions.word')}
      noValidate
      onSubmit={onSubmit}
    >
      {form.banner && <Banner tone="error">{form.banner}</Banner>}
      <TextField
        name="word"
        label={t('words.exclusions.word')}
        hint={t('words.exclusions.wordHint')}
        autoComplete="off"
        autoCapitalize="none"
        enterKeyHint="done"
        error={form.fieldError('word')}
      />
      <div className="word-form-submit">
        <SubmitButton pending={pending}>{t('words.exclusions.submit')}</SubmitButton>
      </div>
    </form>
  );
}
