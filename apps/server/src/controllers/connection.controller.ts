import {
  AcceptInviteBody,
  ApproveConnectionRequestBody,
  ConnectionRequestResponse,
  ConnectionRequestsResponse,
  CoupleResponse,
  CreateConnectionRequestBody,
  ErrorBody,
  IdParams,
  InviteCodeParams,
  InvitePreviewResponse,
  InviteResponse,
  NoContent,
} from '@couple-chat/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireAuth } from '../http/authenticate.js';
import type { ConnectionService } from '../services/connection.service.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody };

export function connectionController(app: FastifyInstance, connections: ConnectionService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['connection requests'];

  r.get(
    '/api/connection-requests',
    {
      schema: {
        tags,
        summary: 'Received and sent requests',
        response: { 200: ConnectionRequestsResponse, 401: ErrorBody },
      },
    },
    async (req) => connections.list(requireAuth(req)),
  );

  r.post(
    '/api/connection-requests',
    {
      schema: {
        tags,
        summary: 'Ask someone to connect, by username',
        body: CreateConnectionRequestBody,
        response: { 201: ConnectionRequestResponse, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ request: await connections.request(requireAuth(req), req.body) }),
  );

  r.delete(
    '/api/connection-requests/:id',
    {
      schema: {
        tags,
        summary: 'Cancel a sent request or decline a received one',
        params: IdParams,
        response: { 204: NoContent, ...errors },
      },
    },
    async (req, reply) => {
      await connections.withdraw(requireAuth(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/connection-requests/:id/approval',
    {
      schema: {
        tags,
        summary: 'Approve a received request: the couple is formed',
        params: IdParams,
        body: ApproveConnectionRequestBody.nullish(),
        response: { 201: CoupleResponse, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send({
        couple: await connections.approve(requireAuth(req), req.params.id, req.body?.timeZone),
      }),
  );

  const invites = ['invites'];
  r.get(
    '/api/invites/mine',
    {
      schema: {
        tags: invites,
        summary: 'My personal invite code',
        response: { 200: InviteResponse, 401: ErrorBody },
      },
    },
    async (req) => ({
      invite: await connections.myInvite(requireAuth(req)),
    }),
  );

  r.post(
    '/api/invites/mine',
    {
      schema: {
        tags: invites,
        summary: 'Replace my invite code (the old one stops working)',
        response: { 200: InviteResponse, 401: ErrorBody },
      },
    },
    async (req) => ({
      invite: await connections.newInvite(requireAuth(req)),
    }),
  );

  r.get(
    '/api/invites/:code',
    {
      schema: {
        tags: invites,
        summary: 'Who shared this invite code',
        params: InviteCodeParams,
        response: { 200: InvitePreviewResponse, ...errors },
      },
    },
    async (req) => {
      requireAuth(req);
      return connections.previewInvite(req.params.code, { ip: req.ip });
    },
  );

  r.post(
    '/api/invites/:code/acceptance',
    {
      schema: {
        tags: invites,
        summary: 'Connect with whoever shared this code',
        params: InviteCodeParams,
        body: AcceptInviteBody.nullish(),
        response: { 201: CoupleResponse, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send({
        couple: await connections.acceptInvite(
          requireAuth(req),
          req.params.code,
          { ip: req.ip },
          req.body?.timeZone,
        ),
      }),
  );
}
