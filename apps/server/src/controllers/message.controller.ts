import {
  ErrorBody,
  MessagesQuery,
  MessagesResponse,
  ReadPositionsResponse,
} from '@couple-chat/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireAuth } from '../http/authenticate.js';
import type { MessageService } from '../services/message.service.js';

const tags = ['chat'];
const errors = { 400: ErrorBody, 401: ErrorBody, 409: ErrorBody };

/** Chat history over REST; sending, deleting and reading happen on the WebSocket. */
export function messageController(app: FastifyInstance, messages: MessageService) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/messages',
    {
      schema: {
        tags,
        summary: 'Messages a page at a time: older or newer than a seq, or around a seq or a day',
        querystring: MessagesQuery,
        response: { 200: MessagesResponse, ...errors },
      },
    },
    async (req) => messages.history(requireAuth(req), req.query),
  );

  r.get(
    '/api/read-positions',
    {
      schema: {
        tags,
        summary: 'How far each partner has read',
        response: { 200: ReadPositionsResponse, ...errors },
      },
    },
    async (req) => messages.readPositions(requireAuth(req)),
  );
}
