import { useEffect, useRef } from 'react';

// Module state: the element to focus may mount in another part of the tree, a render later.
let pending: string | null = null;

/** When the control a user just pressed disappears, the element named here takes focus as it appears. */
export function focusWhenShown(name: string): void {
  pending = name;
}

/** A ref for the element registered under `name`; it takes focus on mount if that was asked for. */
export function useTakeFocus<T extends HTMLElement>(name: string) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (pending !== name) return;
    pending = null;
    ref.current?.focus();
  }, [name]);
  return ref;
}
