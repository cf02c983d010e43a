import { DAY, HOUR } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { BlobReaper } from '../services/blob-reaper.js';
import type { UploadService } from '../services/upload.service.js';

/**
 * Removes uploads that never became part of a message (a day after they were last touched) and
 * retries blob removals that failed. At startup and hourly, on every instance; each step is
 * idempotent, so instances running it at once do no harm.
 */
export function startFileCleanupJob(deps: {
  uploads: UploadService;
  reaper: BlobReaper;
  /** The disk driver's leftovers of writes cut off by a crash. */
  sweepTemporary?: () => Promise<number>;
  logger: Logger;
  intervalMs?: number;
}): { stop(): void } {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    (async () => {
      const abandoned = await deps.uploads.sweepAbandoned(DAY);
      const retried = await deps.reaper.sweep();
      const temporary = (await deps.sweepTemporary?.()) ?? 0;
      if (abandoned + retried + temporary > 0)
        deps.logger.info({ abandoned, retried, temporary }, 'file cleanup');
    })()
      .catch((err) => deps.logger.error({ err }, 'file cleanup failed'))
      .finally(() => {
        running = false;
      });
  };
  tick();
  const timer = setInterval(tick, deps.intervalMs ?? HOUR);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
