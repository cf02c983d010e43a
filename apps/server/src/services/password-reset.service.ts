import type { ConfirmPasswordResetBody, RequestPasswordResetBody } from '@couple-chat/protocol';
import { Locale } from '@couple-chat/protocol';
import { DomainError } from '../errors.js';
import type { BackgroundTasks } from '../lib/background.js';
import { type Clock, MINUTE } from '../lib/clock.js';
import { identityKey } from '../lib/text.js';
import { hashToken, newSecretToken } from '../lib/tokens.js';
import type { Mailer } from '../mail/mailer.js';
import { passwordResetEmail } from '../mail/templates.js';
import type { InTransaction, Repositories } from '../models/repositories.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import type { PasswordHasher } from './password-hasher.js';
import { assertAcceptablePassword } from './password-policy.js';
import { consumeOrThrow } from './rate-guard.js';
import type { RateRules } from './rate-rules.js';

export const RESET_TOKEN_TTL_MS = 30 * MINUTE;

export class PasswordResetService {
  constructor(
    private readonly deps: {
      repos: Repositories;
      inTransaction: InTransaction;
      hasher: PasswordHasher;
      mailer: Mailer;
      background: BackgroundTasks;
      limiter: RateLimiter;
      rules: RateRules;
      clock: Clock;
      publicUrl: string;
    },
  ) {}

  /**
   * Always accepted. The lookup and the e-mail happen after the response, so neither the answer
   * nor its timing tells whether the address is registered.
   */
  async request(input: RequestPasswordResetBody, client: { ip: string }): Promise<void> {
    const { limiter, rules } = this.deps;
    const emailKey = identityKey(input.email);
    await consumeOrThrow(limiter, `reset:ip:${client.ip}`, rules.resetRequestsPerIp);
    await consumeOrThrow(limiter, `reset:email:${emailKey}`, rules.resetRequestsPerEmail);
    this.deps.background.run('password-reset-email', () => this.issueAndSend(emailKey));
  }

  private async issueAndSend(emailKey: string): Promise<void> {
    const { repos, clock } = this.deps;
    const user = await repos.users.findByEmailKey(emailKey);
    if (!user) return;
    const now = clock.now();
    const token = newSecretToken();
    await this.deps.inTransaction(async (tx) => {
      await tx.passwordResets.invalidateAllForUser(user.id, now);
      await tx.passwordResets.insert({
        id: hashToken(token),
        user_id: user.id,
        created_at: now,
        expires_at: now + RESET_TOKEN_TTL_MS,
        used_at: null,
      });
    });
    // The token rides in the fragment so it never reaches server or proxy logs.
    const link = `${this.deps.publicUrl}/reset-password#token=${token}`;
    await this.deps.mailer.send(
      passwordResetEmail({
        to: user.email,
        displayName: user.display_name,
        locale: Locale.catch('ko').parse(user.locale),
        link,
      }),
    );
  }

  /** Sets the new password and ends every session; the token works once, within 30 minutes. */
  async confirm(input: ConfirmPasswordResetBody): Promise<void> {
    const { repos, clock } = this.deps;
    const id = hashToken(input.token);
    const userId = await repos.passwordResets.findLiveUserId(id, clock.now());
    const user = userId ? await repos.users.findById(userId) : undefined;
    if (!user) throw invalidToken();
    // Checked before redeeming so a rejected password does not burn the link.
    assertAcceptablePassword(input.newPassword, user, 'newPassword');
    const hash = await this.deps.hasher.hash(input.newPassword);
    await this.deps.inTransaction(async (tx) => {
      const now = clock.now();
      if ((await tx.passwordResets.redeem(id, now)) !== user.id) throw invalidToken();
      await tx.users.update(user.id, { password_hash: hash, updated_at: now });
      await tx.sessions.deleteAllForUser(user.id);
      await tx.passwordResets.invalidateAllForUser(user.id, now);
    });
  }
}

const invalidToken = () =>
  new DomainError(
    'invalid_reset_token',
    'This reset link is invalid, expired or already used. Ask for a new one.',
  );
