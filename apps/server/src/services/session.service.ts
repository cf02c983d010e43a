import type { Clock } from '../lib/clock.js';
import { HOUR } from '../lib/clock.js';
import { hashToken, newSecretToken } from '../lib/tokens.js';
import type { SessionRepository } from '../models/session.repository.js';
import type { UserRepository, UserRow } from '../models/user.repository.js';

export interface AuthContext {
  user: UserRow;
  sessionId: string;
}

export interface IssuedSession {
  token: string;
  expiresAt: number;
}

// Renewing on every request would write on every read; once an hour keeps sliding expiry cheap.
const RENEW_AFTER_MS = HOUR;

export class SessionService {
  constructor(
    private readonly deps: {
      sessions: SessionRepository;
      users: UserRepository;
      clock: Clock;
      ttlMs: number;
    },
  ) {}

  async issue(userId: string, userAgent: string | undefined): Promise<IssuedSession> {
    const now = this.deps.clock.now();
    const token = newSecretToken();
    const expiresAt = now + this.deps.ttlMs;
    await this.deps.sessions.insert({
      id: hashToken(token),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      user_agent: userAgent?.slice(0, 200) ?? null,
    });
    return { token, expiresAt };
  }

  /** Resolves a cookie token to its user; renews the expiry when the session is in use (sliding). */
  async authenticate(
    token: string,
  ): Promise<{ auth: AuthContext; renewedUntil?: number } | undefined> {
    const now = this.deps.clock.now();
    const session = await this.deps.sessions.findLive(hashToken(token), now);
    if (!session) return undefined;
    const user = await this.deps.users.findById(session.user_id);
    if (!user) return undefined;
    const auth = { user, sessionId: session.id };
    if (now - session.last_seen_at < RENEW_AFTER_MS) return { auth };
    const renewedUntil = now + this.deps.ttlMs;
    await this.deps.sessions.touch(session.id, now, renewedUntil);
    return { auth, renewedUntil };
  }

  revoke(sessionId: string): Promise<void> {
    return this.deps.sessions.delete(sessionId);
  }

  revokeAll(userId: string, exceptSessionId?: string): Promise<void> {
    return this.deps.sessions.deleteAllForUser(userId, exceptSessionId);
  }
}
