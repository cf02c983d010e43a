import { ErrorBody, LogInBody, MeResponse, NoContent } from '@couple-chat/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireAuth } from '../http/authenticate.js';
import { clearSessionCookie, setSessionCookie } from '../http/session-cookie.js';
import type { Clock } from '../lib/clock.js';
import type { AuthService } from '../services/auth.service.js';
import type { SessionService } from '../services/session.service.js';

const tags = ['sessions'];

export function sessionController(
  app: FastifyInstance,
  auth: AuthService,
  sessions: SessionService,
  clock: Clock,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/sessions',
    {
      schema: {
        tags,
        summary: 'Log in with username or e-mail',
        body: LogInBody,
        response: { 200: MeResponse, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const { user, session } = await auth.logIn(req.body, {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      setSessionCookie(reply, session, clock.now());
      return { user };
    },
  );

  r.delete(
    '/api/sessions/current',
    {
      schema: {
        tags,
        summary: 'Log out on this device',
        response: { 204: NoContent, 401: ErrorBody },
      },
    },
    async (req, reply) => {
      await sessions.revoke(requireAuth(req).sessionId);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  r.delete(
    '/api/sessions',
    {
      schema: { tags, summary: 'Log out everywhere', response: { 204: NoContent, 401: ErrorBody } },
    },
    async (req, reply) => {
      await sessions.revokeAll(requireAuth(req).user.id);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );
}
