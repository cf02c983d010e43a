import { ANSWER_MAX_LENGTH, AnswerInput, type QuestionDto } from '@couple-chat/protocol';
import { type FormEvent, type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { FieldMessages, useFieldIds } from '../../components/fieldParts';
import { SubmitButton } from '../../components/SubmitButton';
import { useFormErrors } from '../../components/useFormErrors';
import { useAnswerQuestion } from './hooks';

const fields = ['body'] as const;
// The counter appears this close to the limit; most answers are a sentence or two.
const counterFrom = ANSWER_MAX_LENGTH - 200;

interface AnswerFormProps {
  questionId: string;
  /** My answer so far, when editing it. */
  initial?: string | undefined;
  submitLabel: string;
  /** Read out with the box: whether answers are still hidden, and until when. */
  noteId?: string | undefined;
  onAnswered(question: QuestionDto): void;
  onCancel?(): void;
}

/** A box for my answer; Enter makes a new line (answers may take a few), Ctrl/⌘+Enter sends. */
export function AnswerForm(props: AnswerFormProps) {
  const { t } = useTranslation();
  const answer = useAnswerQuestion();
  const form = useFormErrors(fields);
  const [draft, setDraft] = useState(props.initial ?? '');
  const error = form.fieldError('body');
  const ids = useFieldIds(undefined, error);
  const length = draft.trim().length;

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    const parsed = AnswerInput.safeParse({ body: draft });
    if (!parsed.success) return form.showZodError(parsed.error, { body: draft });
    form.clear();
    try {
      props.onAnswered(await answer.mutateAsync({ id: props.questionId, body: parsed.data.body }));
    } catch (failure) {
      form.showApiError(failure);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    if (event.nativeEvent.isComposing) return;
    event.preventDefault();
    void submit();
  }

  const describedBy = [ids.control['aria-describedby'], props.noteId].filter(Boolean).join(' ');
  return (
    <form ref={form.formRef} className="answer-form" noValidate onSubmit={submit}>
      {form.banner && <Banner tone="error">{form.banner}</Banner>}
      <label className="visually-hidden" htmlFor={ids.id}>
        {t('questions.answer.label')}
      </label>
      <textarea
        {...ids.control}
        aria-describedby={describedBy || undefined}
        name="body"
        className="input answer-input"
        rows={2}
        value={draft}
        placeholder={t('questions.answer.placeholder')}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <FieldMessages errorId={ids.errorId} hintId={ids.hintId} error={error} />
      <div className="answer-actions">
        {length >= counterFrom && (
          <span className="answer-counter" aria-live="polite">
            {t('questions.answer.counter', { count: length, max: ANSWER_MAX_LENGTH })}
          </span>
        )}
        {props.onCancel && (
          <button type="button" className="button button-secondary" onClick={props.onCancel}>
            {t('questions.answer.cancel')}
          </button>
        )}
        <SubmitButton pending={answer.isPending}>{props.submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
