import type { Redis } from 'ioredis';

export interface RateRule {
  /** How many hits the window allows. */
  limit: number;
  windowMs: number;
}

export interface RateVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters. In memory on one instance; in Redis when REDIS_URL is set so that every
 * instance behind a load balancer shares the same counts.
 */
export interface RateLimiter {
  /** Counts a hit and says whether it was within the rule. */
  consume(key: string, rule: RateRule): Promise<RateVerdict>;
  /** Says whether the key is already over the rule, without counting. */
  check(key: string, rule: RateRule): Promise<RateVerdict>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export function createMemoryRateLimiter(now: () => number): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const current = (key: string, rule: RateRule) => {
    const t = now();
    let w = windows.get(key);
    if (!w || w.resetAt <= t) {
      w = { count: 0, resetAt: t + rule.windowMs };
      windows.set(key, w);
    }
    // Bound memory: drop finished windows once the map grows.
    if (windows.size > 50_000) {
      for (const [k, v] of windows) if (v.resetAt <= t) windows.delete(k);
    }
    return { w, t };
  };
  return {
    async consume(key, rule) {
      const { w, t } = current(key, rule);
      w.count += 1;
      return { allowed: w.count <= rule.limit, retryAfterSeconds: seconds(w.resetAt - t) };
    },
    async check(key, rule) {
      const { w, t } = current(key, rule);
      return { allowed: w.count < rule.limit, retryAfterSeconds: seconds(w.resetAt - t) };
    },
    async reset(key) {
      windows.delete(key);
    },
    async close() {
      windows.clear();
    },
  };
}

// INCR and PEXPIRE in one atomic step, returning the count and the time left.
const CONSUME_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}
`;

export function createRedisRateLimiter(redis: Redis, prefix: string): RateLimiter {
  return {
    async consume(key, rule) {
      const [count, ttl] = (await redis.eval(
        CONSUME_SCRIPT,
        1,
        prefix + key,
        String(rule.windowMs),
      )) as [number, number];
      return { allowed: count <= rule.limit, retryAfterSeconds: seconds(ttl) };
    },
    async check(key, rule) {
      const [count, ttl] = await Promise.all([redis.get(prefix + key), redis.pttl(prefix + key)]);
      const n = Number(count ?? 0);
      return { allowed: n < rule.limit, retryAfterSeconds: seconds(ttl > 0 ? ttl : rule.windowMs) };
    },
    async reset(key) {
      await redis.del(prefix + key);
    },
    async close() {},
  };
}
