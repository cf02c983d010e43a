import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryHub, createRedisHub, type Hub, type HubMessage } from '../src/realtime/hub.js';
import { waitFor } from './support/wait.js';

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.warn('NOTICE: TEST_REDIS_URL is not set; the Redis hub suite is skipped.');

const logger = pino({ level: 'silent' });
const notice: HubMessage = { kind: 'notice', notice: 'requests.changed' };
const redisClients: Redis[] = [];
afterAll(async () => {
  for (const r of redisClients) await r.quit();
});

const hubs: { name: string; make: () => Hub; skip: boolean }[] = [
  { name: 'in-process', make: () => createMemoryHub(logger), skip: false },
  {
    name: 'Redis',
    make: () => {
      const redis = new Redis(redisUrl as string);
      redisClients.push(redis);
      return createRedisHub(redis, `cct:hub:${Date.now().toString(36)}:`, logger);
    },
    skip: !redisUrl,
  },
];

describe.each(hubs)('the $name hub', ({ make, skip }) => {
  it.skipIf(skip)(
    'delivers what is published once the subscription is ready, and nothing after unsubscribing',
    async () => {
      const hub = make();
      const got: HubMessage[] = [];
      const subscription = hub.subscribe('user:1', (m) => got.push(m));
      await subscription.ready;
      // Published immediately after `ready`: a subscriber must not miss it.
      await hub.publish('user:1', notice);
      await waitFor(() => got.length === 1, 'the message', 5_000);
      expect(got).toEqual([notice]);

      subscription.unsubscribe();
      await hub.publish('user:1', notice);
      await hub.publish('user:2', notice);
      await new Promise((r) => setTimeout(r, 100));
      expect(got).toHaveLength(1);
      await hub.close();
    },
  );

  it.skipIf(skip)('keeps a topic subscribed while any listener remains', async () => {
    const hub = make();
    const first: HubMessage[] = [];
    const second: HubMessage[] = [];
    const a = hub.subscribe('couple:x', (m) => first.push(m));
    const b = hub.subscribe('couple:x', (m) => second.push(m));
    await Promise.all([a.ready, b.ready]);
    a.unsubscribe();
    await hub.publish('couple:x', notice);
    await waitFor(() => second.length === 1, 'the message', 5_000);
    expect(first).toHaveLength(0);
    b.unsubscribe();
    await hub.close();
  });
});
