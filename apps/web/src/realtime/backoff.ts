export interface BackoffOptions {
  /** The first delay before jitter. */
  baseMs: number;
  /** No delay grows beyond this. */
  capMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 1000, capMs: 30_000 };

/**
 * Delay before reconnect attempt `attempt` (0-based): doubling up to the cap, with "equal jitter"
 * (a random half on top of a fixed half) so a restarted server is not hit by every tab at once.
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  { baseMs, capMs }: BackoffOptions = defaultBackoff,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
