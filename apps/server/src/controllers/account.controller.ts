import {
  ChangePasswordBody,
  DeleteAccountBody,
  ErrorBody,
  MeResponse,
  NoContent,
  SignUpBody,
  UpdateMeBody,
} from '@couple-chat/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireAuth } from '../http/authenticate.js';
import { clearSessionCookie, setSessionCookie } from '../http/session-cookie.js';
import type { Clock } from '../lib/clock.js';
import type { AccountService } from '../services/account.service.js';

const tags = ['account'];
const errors = { 400: ErrorBody, 401: ErrorBody, 409: ErrorBody, 429: ErrorBody };

export function accountController(app: FastifyInstance, accounts: AccountService, clock: Clock) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Sign up',
        body: SignUpBody,
        response: { 201: MeResponse, ...errors },
      },
    },
    async (req, reply) => {
      const { user, session } = await accounts.signUp(req.body, {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      setSessionCookie(reply, session, clock.now());
      return reply.status(201).send({ user });
    },
  );

  r.get(
    '/api/me',
    {
      schema: {
        tags,
        summary: 'The signed-in user',
        response: { 200: MeResponse, 401: ErrorBody },
      },
    },
    async (req) => ({
      user: accounts.me(requireAuth(req)),
    }),
  );

  r.patch(
    '/api/me',
    {
      schema: {
        tags,
        summary: 'Update profile settings',
        body: UpdateMeBody,
        response: { 200: MeResponse, ...errors },
      },
    },
    async (req) => ({
      user: await accounts.update(requireAuth(req), req.body),
    }),
  );

  r.put(
    '/api/me/password',
    {
      schema: {
        tags,
        summary: 'Change password (ends other sessions)',
        body: ChangePasswordBody,
        response: { 204: NoContent, ...errors },
      },
    },
    async (req, reply) => {
      await accounts.changePassword(requireAuth(req), req.body);
      return reply.status(204).send(null);
    },
  );

  r.delete(
    '/api/me',
    {
      schema: {
        tags,
        summary: 'Delete the account (withdrawal)',
        body: DeleteAccountBody,
        response: { 204: NoContent, ...errors },
      },
    },
    async (req, reply) => {
      await accounts.deleteAccount(requireAuth(req), req.body);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );
}
