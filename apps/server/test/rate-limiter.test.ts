import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/database.js';
import { ManualClock } from '../src/lib/clock.js';
import {
  createMemoryRateLimiter,
  createRedisRateLimiter,
  type RateLimiter,
} from '../src/rate-limit/rate-limiter.js';
import { type TestDatabase, testDatabases } from './support/databases.js';
import { signUp } from './support/factories.js';
import { HttpClient } from './support/http-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl) console.warn('NOTICE: TEST_REDIS_URL is not set; Redis suites skipped.');

const uniquePrefix = (label: string) =>
  `cct:${label}:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}:`;

async function deleteKeys(redis: Redis, prefix: string) {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
}

interface Harness {
  limiter: RateLimiter;
  windowMs: number;
  /** The window of the one test that waits for a window to end. */
  shortWindowMs: number;
  /** Moves past the end of a short window. */
  passShortWindow(): Promise<void>;
}

/** One contract, run against every limiter implementation. */
function limiterContract(setup: () => Harness) {
  const rule = () => ({ limit: 3, windowMs: h.windowMs });
  let h: Harness;
  let n = 0;
  const key = () => `key-${++n}`;
  beforeAll(() => {
    h = setup();
  });

  it('allows `limit` hits, then refuses with a retry time within the window', async () => {
    const k = key();
    for (let i = 0; i < 3; i++) expect((await h.limiter.consume(k, rule())).allowed).toBe(true);
    const refused = await h.limiter.consume(k, rule());
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(Math.ceil(h.windowMs / 1000));
    expect((await h.limiter.consume(k, rule())).allowed).toBe(false);
  });

  it('allows hits again once the window has passed', async () => {
    const k = key();
    const short = { limit: 3, windowMs: h.shortWindowMs };
    for (let i = 0; i < 4; i++) await h.limiter.consume(k, short);
    expect((await h.limiter.check(k, short)).allowed).toBe(false);
    await h.passShortWindow();
    expect((await h.limiter.check(k, short)).allowed).toBe(true);
    for (let i = 0; i < 3; i++) expect((await h.limiter.consume(k, rule())).allowed).toBe(true);
    expect((await h.limiter.consume(k, rule())).allowed).toBe(false);
  });

  it('check does not count, and refuses once the limit is used up', async () => {
    const k = key();
    for (let i = 0; i < 10; i++) expect((await h.limiter.check(k, rule())).allowed).toBe(true);
    for (let i = 0; i < 3; i++) expect((await h.limiter.consume(k, rule())).allowed).toBe(true);
    const verdict = await h.limiter.check(k, rule());
    expect(verdict.allowed).toBe(false);
    expect(verdict.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('reset clears the count', async () => {
    const k = key();
    for (let i = 0; i < 4; i++) await h.limiter.consume(k, rule());
    await h.limiter.reset(k);
    expect((await h.limiter.check(k, rule())).allowed).toBe(true);
    for (let i = 0; i < 3; i++) expect((await h.limiter.consume(k, rule())).allowed).toBe(true);
  });

  it('counts each key separately', async () => {
    const a = key();
    const b = key();
    for (let i = 0; i < 4; i++) await h.limiter.consume(a, rule());
    expect((await h.limiter.consume(b, rule())).allowed).toBe(true);
  });
}

describe('memory rate limiter', () => {
  const clock = new ManualClock();
  limiterContract(() => ({
    limiter: createMemoryRateLimiter(() => clock.now()),
    windowMs: 60_000,
    shortWindowMs: 60_000,
    passShortWindow: async () => clock.advance(60_001),
  }));

  it('tells the time left in the window', async () => {
    const limiter = createMemoryRateLimiter(() => clock.now());
    const rule = { limit: 1, windowMs: 60_000 };
    await limiter.consume('k', rule);
    clock.advance(45_000);
    expect(await limiter.consume('k', rule)).toEqual({ allowed: false, retryAfterSeconds: 15 });
  });
});

describe.skipIf(!redisUrl)('Redis rate limiter', () => {
  const prefix = uniquePrefix('unit');
  let redis: Redis;
  const shortWindowMs = 500;
  limiterContract(() => {
    redis = new Redis(redisUrl!);
    return {
      limiter: createRedisRateLimiter(redis, prefix),
      windowMs: 60_000,
      shortWindowMs,
      // Redis expires keys on its own clock, so this one test waits (briefly) in real time.
      passShortWindow: () => new Promise((r) => setTimeout(r, shortWindowMs + 100)),
    };
  });
  afterAll(async () => {
    await deleteKeys(redis, prefix);
    await redis.quit();
  });

  it('keeps its counters under the prefix, with an expiry', async () => {
    const limiter = createRedisRateLimiter(redis, prefix);
    await limiter.consume('visible', { limit: 5, windowMs: 60_000 });
    expect(await redis.get(`${prefix}visible`)).toBe('1');
    const ttl = await redis.pttl(`${prefix}visible`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});

/** One database shared by several app instances, closed once. */
function sharedDatabase(database: TestDatabase): TestDatabase {
  let handle: Promise<DatabaseHandle> | undefined;
  let closed: Promise<void> | undefined;
  return {
    name: database.name,
    open: () => {
      handle ??= database.open().then((h) => ({
        ...h,
        close: () => {
          closed ??= h.close();
          return closed;
        },
      }));
      return handle;
    },
  };
}

describe.skipIf(!redisUrl).each(testDatabases())(
  'login limit across instances on $name',
  (database) => {
    const rateRules = {
      logInPerIp: { limit: 10_000, windowMs: 60_000 },
      passwordFailuresPerAccount: { limit: 3, windowMs: 60_000 },
    };
    let redis: Redis;
    let apps: TestApp[] = [];
    let prefix: string;
    let shared: TestDatabase;

    const start = (redisPrefix: string) =>
      startTestApp(shared, {
        rateRules,
        env: { REDIS_URL: redisUrl!, REDIS_PREFIX: redisPrefix },
      }).then((t) => {
        apps.push(t);
        return t;
      });
    const logIn = (t: TestApp, login: string, password: string) =>
      new HttpClient(t.baseUrl).post('/api/sessions', { login, password });

    beforeAll(() => {
      redis = new Redis(redisUrl!);
    });
    afterAll(() => redis.quit());
    beforeEach(() => {
      prefix = uniquePrefix(database.name);
      shared = sharedDatabase(database);
      apps = [];
    });
    afterEach(async () => {
      for (const t of apps.reverse()) await t.close();
      await deleteKeys(redis, prefix);
    });

    it('enforces the password-failure limit through Redis', async () => {
      const a = await start(prefix);
      const { input, user } = await signUp(a.baseUrl);
      for (let i = 0; i < 3; i++)
        expect((await logIn(a, input.username, 'wrong!wrong')).status).toBe(401);
      const res = await logIn(a, input.username, input.password);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await redis.get(`${prefix}rl:pw:user:${user.id}`)).toBe('3');
    });

    it('shares the counter between two instances with the same prefix, and only with them', async () => {
      const a = await start(prefix);
      const b = await start(prefix);
      const { input } = await signUp(a.baseUrl);
      expect((await logIn(a, input.username, 'wrong!wrong')).status).toBe(401);
      expect((await logIn(b, input.username, 'wrong!wrong')).status).toBe(401);
      expect((await logIn(a, input.username, 'wrong!wrong')).status).toBe(401);
      expect((await logIn(b, input.username, input.password)).status).toBe(429);
      expect((await logIn(a, input.username, input.password)).status).toBe(429);

      const otherDeployment = await start(`${prefix}other:`);
      expect((await logIn(otherDeployment, input.username, input.password)).status).toBe(200);
    });
  },
);
