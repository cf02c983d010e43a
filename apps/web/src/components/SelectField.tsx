import type { SelectHTMLAttributes } from 'react';
import { FieldMessages, useFieldIds } from './fieldParts';

interface SelectFieldProps
  extends Omit<
    SelectHTMLAttributes<HTMLSelectElement>,
    'id' | 'aria-invalid' | 'aria-describedby'
  > {
  name: string;
  label: string;
  options: readonly { value: string; label: string; lang?: string }[];
  hint?: string | undefined;
  error?: string | undefined;
}

export function SelectField({ label, options, hint, error, ...select }: SelectFieldProps) {
  const ids = useFieldIds(hint, error);
  return (
    <div className="field">
      <label className="field-label" htmlFor={ids.id}>
        {label}
      </label>
      <select {...select} {...ids.control} className="input select">
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldMessages errorId={ids.errorId} hintId={ids.hintId} error={error} hint={hint} />
    </div>
  );
}
