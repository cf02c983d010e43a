import {
  ErrorBody,
  MessageDaysQuery,
  MessageDaysResponse,
  SearchQuery,
  SearchResponse,
} from '@couple-chat/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireAuth } from '../http/authenticate.js';
import type { SearchService } from '../services/search.service.js';

const tags = ['search'];
const errors = { 400: ErrorBody, 401: ErrorBody, 409: ErrorBody };

/** Searching the chat by word and by date. */
export function searchController(app: FastifyInstance, search: SearchService) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/search',
    {
      schema: {
        tags,
        summary: 'Messages containing every word of q, newest first, with the total',
        querystring: SearchQuery,
        response: { 200: SearchResponse, ...errors },
      },
    },
    async (req) => search.search(requireAuth(req), req.query),
  );

  r.get(
    '/api/messages/days',
    {
      schema: {
        tags,
        summary: "The days of a month with messages, in the couple's time zone",
        querystring: MessageDaysQuery,
        response: { 200: MessageDaysResponse, ...errors },
      },
    },
    async (req) => search.days(requireAuth(req), req.query.month),
  );
}
