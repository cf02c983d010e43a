import { useId } from 'react';

/** Ids and ARIA wiring shared by every form field: the control is described by its error and hint. */
export function useFieldIds(hint: string | undefined, error: string | undefined) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ');
  return {
    id,
    errorId,
    hintId,
    control: {
      id,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': describedBy || undefined,
    },
  };
}

/** The error (first, so it is read first) and the hint under a field. */
export function FieldMessages(props: {
  errorId: string;
  hintId: string;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  return (
    <>
      {props.error && (
        <p id={props.errorId} className="field-error">
          {props.error}
        </p>
      )}
      {props.hint && (
        <p id={props.hintId} className="field-hint">
          {props.hint}
        </p>
      )}
    </>
  );
}
