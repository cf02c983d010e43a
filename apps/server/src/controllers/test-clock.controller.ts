import { AdvanceClockBody, ClockResponse } from '@couple-chat/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { OffsetClock } from '../lib/clock.js';
import type { CoupleService } from '../services/couple.service.js';

/**
 * Lets end-to-end tests move the server's time (e.g. past the 7-day grace period). Registered only
 * with TEST_CLOCK=true, which the configuration refuses in production.
 */
export function testClockController(
  app: FastifyInstance,
  clock: OffsetClock,
  couples: CoupleService,
) {
  app
    .withTypeProvider<ZodTypeProvider>()
    .post(
      '/api/test/clock',
      { schema: { hide: true, body: AdvanceClockBody, response: { 200: ClockResponse } } },
      async (req) => {
        clock.advance(req.body.advanceMs);
        await couples.endDueCouples();
        return { now: new Date(clock.now()).toISOString() };
      },
    );
}
