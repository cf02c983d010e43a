import type { Clock } from '../lib/clock.js';
import { HOUR } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Repositories } from '../models/repositories.js';

/**
 * Deletes expired sessions and reset tokens. Plain conditional deletes: running it on every
 * instance at once, or again after a restart, is harmless (DESIGN.md invariant 5).
 */
export function startExpiredCredentialsJob(deps: {
  repos: Repositories;
  clock: Clock;
  logger: Logger;
  intervalMs?: number;
}): { stop(): void; runOnce(): Promise<void> } {
  const runOnce = async () => {
    const now = deps.clock.now();
    const sessions = await deps.repos.sessions.deleteExpired(now);
    const resets = await deps.repos.passwordResets.deleteExpired(now);
    if (sessions + resets > 0)
      deps.logger.info({ sessions, resets }, 'deleted expired credentials');
  };
  const tick = () =>
    void runOnce().catch((err) => deps.logger.error({ err }, 'cleanup job failed'));
  tick();
  const timer = setInterval(tick, deps.intervalMs ?? HOUR);
  timer.unref();
  return { stop: () => clearInterval(timer), runOnce };
}
