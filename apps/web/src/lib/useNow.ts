import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `intervalMs`. With `alignTo` (an epoch ms) the ticks land just
 * after each whole interval before or after that instant, so a countdown to it never skips a second.
 */
export function useNow(intervalMs: number, alignTo = 0): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      const phase = (((Date.now() - alignTo) % intervalMs) + intervalMs) % intervalMs;
      timer = setTimeout(
        () => {
          setNow(new Date());
          schedule();
        },
        intervalMs - phase + 5,
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, [intervalMs, alignTo]);
  return now;
}
