import type { Logger } from '../lib/logger.js';
import type { CoupleService } from '../services/couple.service.js';

/**
 * Ends couples whose 7-day grace period is over. Runs at startup (so an end time that passed while
 * the server was down is applied at once) and then periodically, on every instance.
 */
export function startCoupleEndingJob(deps: {
  couples: CoupleService;
  logger: Logger;
  intervalMs?: number;
}): { stop(): void } {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    deps.couples
      .endDueCouples()
      .catch((err) => deps.logger.error({ err }, 'couple ending sweep failed'))
      .finally(() => {
        running = false;
      });
  };
  tick();
  const timer = setInterval(tick, deps.intervalMs ?? 15_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
