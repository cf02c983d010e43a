import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UnauthenticatedError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import type { AuthContext, SessionService } from '../services/session.service.js';
import { readSessionToken, setSessionCookie } from './session-cookie.js';

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

/** Resolves the session cookie once per API request; routes then call `requireAuth`. */
export function registerAuthentication(
  app: FastifyInstance,
  sessions: SessionService,
  clock: Clock,
) {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/') && !request.url.startsWith('/ws')) return;
    const token = readSessionToken(request);
    if (!token) return;
    const result = await sessions.authenticate(token);
    if (!result) return;
    request.auth = result.auth;
    if (result.renewedUntil)
      setSessionCookie(reply, { token, expiresAt: result.renewedUntil }, clock.now());
  });
}

export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new UnauthenticatedError();
  return request.auth;
}
