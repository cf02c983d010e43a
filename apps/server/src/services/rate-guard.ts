import { RateLimitedError } from '../errors.js';
import type { RateLimiter, RateRule } from '../rate-limit/rate-limiter.js';

/** Counts a hit against a rule and throws 429 once it is exceeded. */
export async function consumeOrThrow(limiter: RateLimiter, key: string, rule: RateRule) {
  const verdict = await limiter.consume(key, rule);
  if (!verdict.allowed) throw new RateLimitedError(verdict.retryAfterSeconds);
}

/** Throws 429 if the key is already over the rule, without counting this attempt. */
export async function checkOrThrow(limiter: RateLimiter, key: string, rule: RateRule) {
  const verdict = await limiter.check(key, rule);
  if (!verdict.allowed) throw new RateLimitedError(verdict.retryAfterSeconds);
}
