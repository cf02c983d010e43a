import {
  CoupleEventsQuery,
  CoupleEventsResponse,
  CoupleResponse,
  ErrorBody,
  ExportQuery,
  Locale,
  UpdateCoupleBody,
} from '@couple-chat/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAuth } from '../http/authenticate.js';
import type { CoupleService } from '../services/couple.service.js';
import { type CoupleExportService, renderExportHtml } from '../services/couple-export.service.js';

const tags = ['couple'];
const errors = { 400: ErrorBody, 401: ErrorBody, 409: ErrorBody };

export function coupleController(
  app: FastifyInstance,
  couples: CoupleService,
  exports: CoupleExportService,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/couple',
    {
      schema: {
        tags,
        summary: 'My couple, or null while single',
        response: { 200: CoupleResponse, 401: ErrorBody },
      },
    },
    async (req) => ({
      couple: await couples.get(requireAuth(req)),
    }),
  );

  r.patch(
    '/api/couple',
    {
      schema: {
        tags,
        summary: 'Edit the start date or time zone',
        body: UpdateCoupleBody,
        response: { 200: CoupleResponse, ...errors },
      },
    },
    async (req) => ({
      couple: await couples.update(requireAuth(req), req.body),
    }),
  );

  r.post(
    '/api/couple/ending',
    {
      schema: {
        tags,
        summary: 'Ask to end the connection: it ends in 7 days unless cancelled',
        response: { 200: CoupleResponse, ...errors },
      },
    },
    async (req) => ({
      couple: await couples.requestEnding(requireAuth(req)),
    }),
  );

  r.delete(
    '/api/couple/ending',
    {
      schema: {
        tags,
        summary: 'Cancel the ending (either partner)',
        response: { 200: CoupleResponse, ...errors },
      },
    },
    async (req) => ({
      couple: await couples.cancelEnding(requireAuth(req)),
    }),
  );

  r.get(
    '/api/couple/events',
    {
      schema: {
        tags,
        summary: "The couple's history, oldest first",
        querystring: CoupleEventsQuery,
        response: { 200: CoupleEventsResponse, ...errors },
      },
    },
    async (req) =>
      couples.events(requireAuth(req), req.query.after, req.query.limit, req.query.scope),
  );

  r.get(
    '/api/couple/export',
    {
      schema: {
        tags,
        summary: 'Download everything the couple shares (JSON or HTML)',
        querystring: ExportQuery,
        response: { 200: z.string(), ...errors },
      },
    },
    async (req, reply) => {
      const auth = requireAuth(req);
      const data = await exports.build(auth);
      const stamp = data.exportedAt.slice(0, 10);
      reply.header(
        'content-disposition',
        `attachment; filename="couple-chat-${stamp}.${req.query.format}"`,
      );
      reply.header('cache-control', 'no-store');
      if (req.query.format === 'html') {
        return reply
          .type('text/html; charset=utf-8')
          .serializer((p) => p as string)
          .send(renderExportHtml(data, Locale.catch('ko').parse(auth.user.locale)));
      }
      return reply
        .type('application/json; charset=utf-8')
        .serializer((p) => p as string)
        .send(JSON.stringify(data, null, 2));
    },
  );
}
