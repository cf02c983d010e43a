import {
  AttachmentFileParams,
  AttachmentFileQuery,
  AttachmentParams,
  DrawerQuery,
  DrawerResponse,
  ErrorBody,
  NoContent,
  POSTER_MAX_BYTES,
  StorageResponse,
} from '@couple-chat/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotFoundError } from '../errors.js';
import { requireAuth } from '../http/authenticate.js';
import { parseByteRange } from '../http/byte-range.js';
import { contentDisposition } from '../media/file-name.js';
import type { AttachmentService } from '../services/attachment.service.js';

const tags = ['files'];
const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Serving files (only through the access check), posters, the drawer and storage usage. */
export function attachmentController(app: FastifyInstance, attachments: AttachmentService) {
  app.addContentTypeParser(
    ['image/jpeg', 'image/png', 'image/webp'],
    { parseAs: 'buffer', bodyLimit: POSTER_MAX_BYTES },
    (_req, body, done) => done(null, body),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/attachments/:id/:variant',
    {
      schema: {
        tags,
        summary: 'A photo, video or file (original, preview, thumb or poster); Range supported',
        params: AttachmentFileParams,
        querystring: AttachmentFileQuery,
      },
    },
    async (req, reply) => {
      // Signed out, a file is simply not there: not even "log in to see it".
      if (!req.auth) throw new NotFoundError('No such file.');
      const file = await attachments.file(req.auth, req.params.id, req.params.variant);
      const { attachment } = file;
      const media = attachment.kind === 'image' || attachment.kind === 'video';
      const download = req.query.download === '1' || !media;
      reply
        .header('content-type', file.mime)
        .header('etag', file.etag)
        // Revalidated every time (cheaply, by ETag), so a deleted file stops showing at once.
        .header('cache-control', 'private, no-cache')
        .header('x-content-type-options', 'nosniff')
        // Whatever a file contains, it can never run as a page of this site.
        .header('content-security-policy', "sandbox; default-src 'none'")
        .header('accept-ranges', 'bytes');
      if (download || req.params.variant === 'original') {
        reply.header(
          'content-disposition',
          contentDisposition(download ? 'attachment' : 'inline', attachment.name),
        );
      }
      if (req.headers['if-none-match'] === file.etag) return reply.status(304).send();
      const range = parseByteRange(req.headers.range, file.size);
      if (range === 'unsatisfiable') {
        return reply
          .removeHeader('content-disposition')
          .header('content-type', 'application/json; charset=utf-8')
          .header('content-range', `bytes */${file.size}`)
          .status(416)
          .send({
            error: { code: 'validation_failed', message: 'The range is outside the file.' },
          });
      }
      if (range) {
        reply
          .status(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${file.size}`)
          .header('content-length', String(range.end - range.start + 1));
        return reply.send(await file.open(range));
      }
      reply.header('content-length', String(file.size));
      return reply.send(await file.open());
    },
  );

  r.put(
    '/api/attachments/:id/poster',
    {
      bodyLimit: POSTER_MAX_BYTES,
      schema: {
        tags,
        summary: "A video's poster frame (JPEG, PNG or WebP), before the video is sent",
        params: AttachmentParams,
        response: { 204: NoContent, ...errors, 413: ErrorBody, 415: ErrorBody },
      },
    },
    async (req, reply) => {
      const auth = requireAuth(req);
      const body = req.body;
      if (!Buffer.isBuffer(body)) {
        return reply.status(415).send({
          error: { code: 'unsupported_media_type', message: 'Send a JPEG, PNG or WebP image.' },
        });
      }
      await attachments.setPoster(auth, req.params.id, body);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/storage',
    {
      schema: {
        tags,
        summary: "The couple's storage usage and the file limits",
        response: { 200: StorageResponse, ...errors },
      },
    },
    async (req) => attachments.storage(requireAuth(req)),
  );

  r.get(
    '/api/drawer',
    {
      schema: {
        tags,
        summary: 'The drawer: sent photos & videos, files, or links; newest first',
        querystring: DrawerQuery,
        response: { 200: DrawerResponse, ...errors },
      },
    },
    async (req) =>
      attachments.drawer(requireAuth(req), req.query.tab, req.query.before, req.query.limit),
  );
}
