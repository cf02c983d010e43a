import { describe, expect, it } from 'vitest';
import { createCouple, signUp } from './support/factories.js';
import { HttpClient } from './support/http-client.js';
import { realtimeVariants, seqs, sync, twoInstances } from './support/realtime.js';
import type { TestApp } from './support/test-app.js';

// Several instances fan out through Redis and share one PostgreSQL schema.
const variants = realtimeVariants().filter((v) => v.redisUrl);
if (variants.length === 0) {
  console.warn(
    'NOTICE: TEST_DATABASE_URL and TEST_REDIS_URL are not both set; the WebSocket across two instances tests are skipped.',
  );
}

// Skipped (not silently absent) when PostgreSQL and Redis are not both configured.
describe.skipIf(variants.length === 0)(
  'WebSocket across two instances (needs PostgreSQL and Redis)',
  () => {
    describe.each(variants)('WebSocket across two instances on $name', (variant) => {
      const { apps, sockets } = twoInstances(variant, 'r2');

      it("delivers a partner's change made on one instance live to a socket on the other", async () => {
        const [one, two] = apps as [TestApp, TestApp];
        const c = await createCouple(one.baseUrl);
        const onTwo = new HttpClient(two.baseUrl);
        onTwo.setCookie('cc_session', c.b.client.sessionCookie ?? '');
        const { ws } = await sockets.of(one, c.a);
        await sync(ws, 0);
        for (const day of ['01', '02', '03']) {
          expect((await onTwo.patch('/api/couple', { startDate: `2021-06-${day}` })).status).toBe(
            200,
          );
        }
        await ws.next('event', (e) => e.seq === 4);
        expect(seqs(ws.events())).toEqual([1, 2, 3, 4]);
        expect(ws.events().at(-1)?.event).toEqual({
          type: 'couple.updated',
          by: c.b.user.id,
          startDate: '2021-06-03',
        });
      });

      it('delivers notices across instances', async () => {
        const [one, two] = apps as [TestApp, TestApp];
        const [a, b] = [await signUp(one.baseUrl), await signUp(two.baseUrl)];
        const { ws } = await sockets.of(one, a);
        const asked = await a.client.post('/api/connection-requests', {
          username: b.input.username,
        });
        const approved = await b.client.post(
          `/api/connection-requests/${asked.body.request.id}/approval`,
          {},
        );
        expect((await ws.next('notice')).notice).toBe('requests.changed');
        await ws.next('notice', (n) => n.notice === 'couple.formed');
        expect((await ws.next('hello')).coupleId).toBe(approved.body.couple.id);
      });
    });
  },
);
