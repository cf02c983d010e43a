import { useState } from 'react';

/** 0: weeks start on Sunday (the Korean convention, the default); 1: on Monday. */
export type WeekStart = 0 | 1;

const storageKey = 'couple-chat.week-start';

/** The stored choice; anything else (nothing stored, storage blocked) is Sunday. */
export function readWeekStart(storage: Pick<Storage, 'getItem'> | undefined): WeekStart {
  try {
    return storage?.getItem(storageKey) === 'monday' ? 1 : 0;
  } catch {
    return 0;
  }
}

/** How this device shows weeks: a display preference, so it stays on the device. */
export function useWeekStart(): [WeekStart, (start: WeekStart) => void] {
  const [start, setStart] = useState<WeekStart>(() => readWeekStart(globalThis.localStorage));
  return [
    start,
    (next) => {
      setStart(next);
      try {
        globalThis.localStorage?.setItem(storageKey, next === 1 ? 'monday' : 'sunday');
      } catch {
        // Storage blocked: the choice lasts for this visit.
      }
    },
  ];
}
