import type { Readable } from 'node:stream';
import { AttachmentParams, ErrorBody, UPLOADS_PATH, UploadMetadata } from '@couple-chat/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DomainError, ValidationError } from '../errors.js';
import { requireAuth } from '../http/authenticate.js';
import { OffsetMismatchError, type UploadService } from '../services/upload.service.js';

const TUS_VERSION = '1.0.0';
const tags = ['files'];
const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody };

/**
 * Resumable uploads speaking tus 1.0 (core, creation, termination), so `tus-js-client` — or any
 * tus client — can send a 200 MB video over a flaky phone connection and resume where it stopped.
 */
export function uploadController(app: FastifyInstance, uploads: UploadService, maxBytes: number) {
  // The body of a PATCH is streamed into storage piece by piece, never buffered whole.
  app.addContentTypeParser('application/offset+octet-stream', (_req, payload, done) =>
    done(null, payload),
  );
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tus = (reply: FastifyReply) => reply.header('tus-resumable', TUS_VERSION);

  r.options(
    UPLOADS_PATH,
    { schema: { tags, summary: 'tus: what this server supports' } },
    (_req, reply) =>
      tus(reply)
        .header('tus-version', TUS_VERSION)
        .header('tus-extension', 'creation,termination')
        .header('tus-max-size', String(maxBytes))
        .status(204)
        .send(),
  );

  r.post(
    UPLOADS_PATH,
    {
      schema: {
        tags,
        summary:
          'tus creation: announce a file (Upload-Length, Upload-Metadata: filename, filetype)',
        response: { ...errors, 415: ErrorBody },
      },
    },
    async (req, reply) => {
      const auth = requireAuth(req);
      requireTusVersion(req);
      const length = integerHeader(req, 'upload-length');
      const metadata = parseMetadata(req.headers['upload-metadata']);
      const id = await uploads.create(auth, length, metadata);
      return tus(reply).header('location', `${UPLOADS_PATH}/${id}`).status(201).send();
    },
  );

  r.head(
    `${UPLOADS_PATH}/:id`,
    { schema: { tags, summary: 'tus: how far the upload got', params: AttachmentParams } },
    async (req, reply) => {
      const auth = requireAuth(req);
      requireTusVersion(req);
      const { offset, length } = await uploads.offset(auth, req.params.id);
      return tus(reply)
        .header('upload-offset', String(offset))
        .header('upload-length', String(length))
        .header('cache-control', 'no-store')
        .status(200)
        .send();
    },
  );

  r.patch(
    `${UPLOADS_PATH}/:id`,
    {
      schema: {
        tags,
        summary: 'tus: the next bytes, from Upload-Offset',
        params: AttachmentParams,
        response: { ...errors, 415: ErrorBody, 422: ErrorBody },
      },
    },
    async (req, reply) => {
      const auth = requireAuth(req);
      requireTusVersion(req);
      if (req.headers['content-type'] !== 'application/offset+octet-stream') {
        throw new DomainError(
          'unsupported_media_type',
          'Send the bytes as application/offset+octet-stream.',
        );
      }
      const offset = integerHeader(req, 'upload-offset');
      try {
        const at = await uploads.append(
          auth,
          req.params.id,
          offset,
          req.body as AsyncIterable<Buffer> & Readable,
        );
        return tus(reply).header('upload-offset', String(at)).status(204).send();
      } catch (err) {
        if (err instanceof OffsetMismatchError) {
          tus(reply).header('upload-offset', String(err.currentOffset));
        }
        throw err;
      }
    },
  );

  r.delete(
    `${UPLOADS_PATH}/:id`,
    { schema: { tags, summary: 'tus termination: cancel the upload', params: AttachmentParams } },
    async (req, reply) => {
      const auth = requireAuth(req);
      requireTusVersion(req);
      await uploads.terminate(auth, req.params.id);
      return tus(reply).status(204).send();
    },
  );
}

function requireTusVersion(req: FastifyRequest) {
  if (req.headers['tus-resumable'] !== TUS_VERSION) {
    throw new ValidationError(
      [{ path: 'Tus-Resumable', code: 'invalid_value', message: `must be ${TUS_VERSION}` }],
      `This server speaks tus ${TUS_VERSION}.`,
    );
  }
}

function integerHeader(req: FastifyRequest, name: string): number {
  const raw = req.headers[name];
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) {
    throw new ValidationError([
      { path: name, code: 'invalid_type', message: 'must be a non-negative integer' },
    ]);
  }
  return Number(raw);
}

/** `Upload-Metadata: key base64, key base64`; only the keys the protocol names are kept. */
function parseMetadata(header: string | string[] | undefined): UploadMetadata {
  const pairs: Record<string, string> = {};
  if (typeof header === 'string' && header.length <= 8192) {
    for (const part of header.split(',')) {
      const [key, value = ''] = part.trim().split(' ');
      if (!key || !/^[A-Za-z0-9+/=]*$/.test(value)) continue;
      pairs[key] = Buffer.from(value, 'base64').toString('utf8');
    }
  }
  const parsed = UploadMetadata.safeParse(pairs);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((i) => ({
        path: `Upload-Metadata.${i.path.join('.')}`,
        code: i.code,
        message: i.message,
      })),
      'Upload-Metadata must name the file (filename).',
    );
  }
  return parsed.data;
}
