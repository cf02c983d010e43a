import type {
  ChangePasswordBody,
  DeleteAccountBody,
  MeDto,
  SignUpData,
  UpdateMeBody,
} from '@couple-chat/protocol';
import { uniqueViolationColumn } from '../db/errors.js';
import { type DomainError, fieldError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { identityKey } from '../lib/text.js';
import type { InTransaction, Repositories } from '../models/repositories.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import type { PasswordHasher } from './password-hasher.js';
import { assertAcceptablePassword, wrongPassword } from './password-policy.js';
import { checkOrThrow, consumeOrThrow } from './rate-guard.js';
import type { RateRules } from './rate-rules.js';
import type { AuthContext, IssuedSession, SessionService } from './session.service.js';
import { toMeDto } from './user.presenter.js';

/** Checked before an account is deleted; a later feature refuses while the user is in a couple. */
export type AccountDeletionGuard = (userId: string) => Promise<void>;

export interface AccountServiceDeps {
  repos: Repositories;
  inTransaction: InTransaction;
  hasher: PasswordHasher;
  sessions: SessionService;
  limiter: RateLimiter;
  rules: RateRules;
  clock: Clock;
  deletionGuards: AccountDeletionGuard[];
}

export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  async signUp(
    input: SignUpData,
    client: { ip: string; userAgent?: string },
  ): Promise<{ user: MeDto; session: IssuedSession }> {
    const { repos, clock } = this.deps;
    await consumeOrThrow(this.deps.limiter, `signup:ip:${client.ip}`, this.deps.rules.signUpPerIp);
    assertAcceptablePassword(input.password, input, 'password');
    const usernameKey = identityKey(input.username);
    const emailKey = identityKey(input.email);
    if (await repos.users.findByUsernameKey(usernameKey)) throw usernameTaken();
    if (await repos.users.findByEmailKey(emailKey)) throw emailTaken();

    const now = clock.now();
    const row = {
      id: newId(now),
      username: input.username,
      username_key: usernameKey,
      email: input.email,
      email_key: emailKey,
      display_name: input.displayName,
      password_hash: await this.deps.hasher.hash(input.password),
      locale: input.locale,
      created_at: now,
      updated_at: now,
    };
    try {
      await repos.users.insert(row);
    } catch (err) {
      // Two sign-ups racing for the same name: the unique index decides.
      const column = uniqueViolationColumn(err);
      if (column === 'username_key') throw usernameTaken();
      if (column === 'email_key') throw emailTaken();
      throw err;
    }
    const session = await this.deps.sessions.issue(row.id, client.userAgent);
    return { user: toMeDto(row), session };
  }

  me(auth: AuthContext): MeDto {
    return toMeDto(auth.user);
  }

  async update(auth: AuthContext, input: UpdateMeBody): Promise<MeDto> {
    const now = this.deps.clock.now();
    const changes = {
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      updated_at: now,
    };
    await this.deps.repos.users.update(auth.user.id, changes);
    return toMeDto({ ...auth.user, ...changes });
  }

  /** Requires the current password; every other session of the user ends. */
  async changePassword(auth: AuthContext, input: ChangePasswordBody): Promise<void> {
    await this.verifyOwnPassword(auth, input.currentPassword, 'currentPassword');
    assertAcceptablePassword(input.newPassword, auth.user, 'newPassword');
    const hash = await this.deps.hasher.hash(input.newPassword);
    const now = this.deps.clock.now();
    await this.deps.inTransaction(async (repos) => {
      await repos.users.update(auth.user.id, { password_hash: hash, updated_at: now });
      await repos.sessions.deleteAllForUser(auth.user.id, auth.sessionId);
      await repos.passwordResets.invalidateAllForUser(auth.user.id, now);
    });
  }

  /** Withdrawal: requires the password, then removes the user and everything that is only theirs. */
  async deleteAccount(auth: AuthContext, input: DeleteAccountBody): Promise<void> {
    await this.verifyOwnPassword(auth, input.password, 'password');
    for (const guard of this.deps.deletionGuards) await guard(auth.user.id);
    // Sessions and reset tokens go with the row (ON DELETE CASCADE).
    await this.deps.repos.users.delete(auth.user.id);
  }

  private async verifyOwnPassword(auth: AuthContext, password: string, field: string) {
    const key = `pw:user:${auth.user.id}`;
    const rule = this.deps.rules.passwordFailuresPerAccount;
    await checkOrThrow(this.deps.limiter, key, rule);
    if (!(await this.deps.hasher.verify(auth.user.password_hash, password))) {
      await this.deps.limiter.consume(key, rule);
      throw wrongPassword(field);
    }
  }
}

const usernameTaken = (): DomainError =>
  fieldError('username_taken', 'username', 'This username is already taken.');
const emailTaken = (): DomainError =>
  fieldError('email_taken', 'email', 'An account with this e-mail already exists.');
