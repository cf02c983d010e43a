import type { ReactNode } from 'react';

interface SubmitButtonProps {
  pending: boolean;
  children: ReactNode;
  tone?: 'primary' | 'danger';
}

/** Keeps its name while pending (tests and screen readers find it), shows a spinner instead. */
export function SubmitButton({ pending, children, tone = 'primary' }: SubmitButtonProps) {
  return (
    <button
      type="submit"
      className={`button button-${tone}`}
      disabled={pending}
      aria-busy={pending || undefined}
    >
      {pending && <span className="spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}
