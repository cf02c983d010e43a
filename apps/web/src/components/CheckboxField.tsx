import type { InputHTMLAttributes } from 'react';
import { FieldMessages, useFieldIds } from './fieldParts';

interface CheckboxFieldProps
  extends Omit<
    InputHTMLAttributes<HTMLInputElement>,
    'id' | 'type' | 'aria-invalid' | 'aria-describedby'
  > {
  name: string;
  label: string;
  error?: string | undefined;
}

export function CheckboxField({ label, error, ...input }: CheckboxFieldProps) {
  const ids = useFieldIds(undefined, error);
  return (
    <div className="field">
      <div className="checkbox">
        <input {...input} {...ids.control} type="checkbox" />
        <label htmlFor={ids.id}>{label}</label>
      </div>
      <FieldMessages errorId={ids.errorId} hintId={ids.hintId} error={error} />
    </div>
  );
}
