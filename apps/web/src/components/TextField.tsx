import type { InputHTMLAttributes } from 'react';
import { FieldMessages, useFieldIds } from './fieldParts';

interface TextFieldProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-invalid' | 'aria-describedby'> {
  name: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
}

/** A labelled input whose hint and error are read out with it. */
export function TextField({ label, hint, error, type = 'text', ...input }: TextFieldProps) {
  const ids = useFieldIds(hint, error);
  return (
    <div className="field">
      <label className="field-label" htmlFor={ids.id}>
        {label}
      </label>
      <input {...input} {...ids.control} type={type} className="input" />
      <FieldMessages errorId={ids.errorId} hintId={ids.hintId} error={error} hint={hint} />
    </div>
  );
}
