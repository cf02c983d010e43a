import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  type FieldProblems,
  formErrorMessage,
  issueMessage,
  problemsFromApiError,
  problemsFromZod,
} from '../i18n/errorMessages';

/**
 * Field and form-level errors of one form, stored untranslated so a language switch re-renders them.
 * After each failed submit the first invalid field gets focus.
 */
export function useFormErrors(fields: readonly string[]) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [formError, setFormError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const show = useCallback((next: FieldProblems, error: unknown) => {
    setProblems(next);
    setFormError(error);
    setAttempt((n) => n + 1);
  }, []);

  const clear = useCallback(() => {
    setProblems({});
    setFormError(null);
  }, []);

  const showZodError = useCallback(
    (error: z.ZodError, input?: Readonly<Record<string, unknown>>, extra: FieldProblems = {}) =>
      show({ ...problemsFromZod(error, input), ...extra }, null),
    [show],
  );

  const showProblems = useCallback((next: FieldProblems) => show(next, null), [show]);

  const showApiError = useCallback(
    (error: unknown) => {
      const next = problemsFromApiError(error, fields);
      show(next, Object.keys(next).length > 0 ? null : error);
    },
    [fields, show],
  );

  const fieldError = (field: string): string | undefined => {
    const problem = problems[field];
    return problem ? issueMessage(t, problem, field) : undefined;
  };

  return {
    formRef,
    fieldError,
    banner: formError === null ? undefined : formErrorMessage(t, formError),
    clear,
    showZodError,
    showProblems,
    showApiError,
  };
}

/** The named fields of a form as strings; other inputs (checkboxes, buttons) are left out. */
export function readFields<K extends string>(
  form: HTMLFormElement,
  names: readonly K[],
): Record<K, string> {
  const data = new FormData(form);
  const values = {} as Record<K, string>;
  for (const name of names) {
    const value = data.get(name);
    values[name] = typeof value === 'string' ? value : '';
  }
  return values;
}
