import { HealthResponse, ReadyResponse } from '@couple-chat/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

/** /healthz: the process answers. /readyz: it can reach its database (load balancers route on this). */
export function healthController(app: FastifyInstance, ping: () => Promise<boolean>) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/healthz',
    { schema: { tags: ['health'], response: { 200: HealthResponse } } },
    async () => ({ status: 'ok' as const }),
  );
  r.get(
    '/readyz',
    { schema: { tags: ['health'], response: { 200: ReadyResponse, 503: ReadyResponse } } },
    async (_req, reply) => {
      const up = await ping();
      return reply
        .status(up ? 200 : 503)
        .send({ status: up ? 'ready' : 'unavailable', database: up ? 'up' : 'down' });
    },
  );
}
