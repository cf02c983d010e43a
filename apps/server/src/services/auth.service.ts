import type { LogInBody, MeDto } from '@couple-chat/protocol';
import { DomainError } from '../errors.js';
import { identityKey } from '../lib/text.js';
import type { Repositories } from '../models/repositories.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import type { PasswordHasher } from './password-hasher.js';
import { checkOrThrow, consumeOrThrow } from './rate-guard.js';
import type { RateRules } from './rate-rules.js';
import type { IssuedSession, SessionService } from './session.service.js';
import { toMeDto } from './user.presenter.js';

export class AuthService {
  constructor(
    private readonly deps: {
      repos: Repositories;
      hasher: PasswordHasher;
      sessions: SessionService;
      limiter: RateLimiter;
      rules: RateRules;
    },
  ) {}

  /** Logs in by username or e-mail. Every failure looks the same and costs the same time. */
  async logIn(
    input: LogInBody,
    client: { ip: string; userAgent?: string },
  ): Promise<{ user: MeDto; session: IssuedSession }> {
    const { repos, limiter, rules, hasher } = this.deps;
    await consumeOrThrow(limiter, `login:ip:${client.ip}`, rules.logInPerIp);
    const key = identityKey(input.login);
    const user = key.includes('@')
      ? await repos.users.findByEmailKey(key)
      : await repos.users.findByUsernameKey(key);
    // Counted per account (or per unknown name) so guessing one account is slow from any IP.
    const failureKey = user ? `pw:user:${user.id}` : `pw:login:${key}`;
    await checkOrThrow(limiter, failureKey, rules.passwordFailuresPerAccount);

    let ok = false;
    if (user) ok = await hasher.verify(user.password_hash, input.password);
    else await hasher.verifyDummy(input.password);
    if (!user || !ok) {
      await limiter.consume(failureKey, rules.passwordFailuresPerAccount);
      throw new DomainError(
        'invalid_credentials',
        'The username/e-mail or password is not correct.',
      );
    }
    await limiter.reset(failureKey);
    const session = await this.deps.sessions.issue(user.id, client.userAgent);
    return { user: toMeDto(user), session };
  }
}
