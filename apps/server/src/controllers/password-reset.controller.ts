import {
  AcceptedResponse,
  ConfirmPasswordResetBody,
  ErrorBody,
  NoContent,
  RequestPasswordResetBody,
} from '@couple-chat/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { PasswordResetService } from '../services/password-reset.service.js';

const tags = ['password reset'];

export function passwordResetController(app: FastifyInstance, resets: PasswordResetService) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/password-resets',
    {
      schema: {
        tags,
        summary: 'E-mail a reset link (always 202)',
        body: RequestPasswordResetBody,
        response: { 202: AcceptedResponse, 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      await resets.request(req.body, { ip: req.ip });
      return reply.status(202).send({ accepted: true });
    },
  );

  r.post(
    '/api/password-resets/confirm',
    {
      schema: {
        tags,
        summary: 'Set a new password with a reset token',
        body: ConfirmPasswordResetBody,
        response: { 204: NoContent, 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      await resets.confirm(req.body);
      return reply.status(204).send(null);
    },
  );
}
