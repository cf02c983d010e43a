import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IssuedSession } from '../services/session.service.js';

export const SESSION_COOKIE = 'cc_session';

export function setSessionCookie(
  reply: FastifyReply,
  session: { token: string; expiresAt: number },
  now: number,
) {
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    // 'auto' marks the cookie Secure whenever the request came over HTTPS (directly or via a trusted proxy).
    secure: 'auto',
    path: '/',
    maxAge: Math.max(0, Math.floor((session.expiresAt - now) / 1000)),
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto' });
}

export function readSessionToken(request: FastifyRequest): string | undefined {
  const token = request.cookies[SESSION_COOKIE];
  // Tokens are 43 base64url characters; anything else is not worth a database round trip.
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
}

export type { IssuedSession };
