import { HOUR, MINUTE } from '../lib/clock.js';
import type { RateRule } from '../rate-limit/rate-limiter.js';

/** Limits on the endpoints attackers hammer; tests pass tighter or looser ones to buildApp. */
export interface RateRules {
  logInPerIp: RateRule;
  /** Failed password checks per account (log in, change password, delete account). */
  passwordFailuresPerAccount: RateRule;
  signUpPerIp: RateRule;
  resetRequestsPerIp: RateRule;
  resetRequestsPerEmail: RateRule;
  /** Invite-code lookups, so codes cannot be enumerated. */
  inviteLookupsPerIp: RateRule;
}

export const defaultRateRules: RateRules = {
  logInPerIp: { limit: 30, windowMs: 10 * MINUTE },
  passwordFailuresPerAccount: { limit: 10, windowMs: 15 * MINUTE },
  signUpPerIp: { limit: 10, windowMs: HOUR },
  resetRequestsPerIp: { limit: 10, windowMs: HOUR },
  resetRequestsPerEmail: { limit: 3, windowMs: HOUR },
  inviteLookupsPerIp: { limit: 60, windowMs: 10 * MINUTE },
};
