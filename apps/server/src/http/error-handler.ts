import { type ErrorBody, errorStatus, type FieldIssue } from '@couple-chat/protocol';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, RateLimitedError } from '../errors.js';

interface ZodIssueLike {
  instancePath: string;
  keyword: string;
  message: string;
  params: { minimum?: unknown; maximum?: unknown; keys?: unknown };
}

function toFieldIssues(validation: ZodIssueLike[]): FieldIssue[] {
  return validation.flatMap((v) => {
    const base = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const keys = Array.isArray(v.params.keys) ? (v.params.keys as string[]) : undefined;
    const paths =
      v.keyword === 'unrecognized_keys' && keys
        ? keys.map((k) => (base ? `${base}.${k}` : k))
        : [base];
    return paths.map((path) => ({
      path,
      code: v.keyword,
      message: v.message,
      ...(typeof v.params.minimum === 'number' ? { minimum: v.params.minimum } : {}),
      ...(typeof v.params.maximum === 'number' ? { maximum: v.params.maximum } : {}),
    }));
  });
}

const fastifyCodes: Record<string, DomainError['code']> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'validation_failed',
  FST_ERR_CTP_INVALID_JSON_BODY: 'validation_failed',
};

/** The one place errors become responses: `{ error: { code, message } }`, never a stack trace. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    const err = error as FastifyError;
    let body: ErrorBody['error'];
    if (error instanceof DomainError) {
      const err = error;
      body = {
        code: err.code,
        message: err.message,
        ...(err.issues ? { issues: err.issues } : {}),
      };
      if (error instanceof RateLimitedError) {
        body.retryAfterSeconds = error.retryAfterSeconds;
        reply.header('retry-after', String(error.retryAfterSeconds));
      }
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      body = {
        code: 'validation_failed',
        message: 'The request is not valid.',
        issues: toFieldIssues(err.validation as unknown as ZodIssueLike[]),
      };
    } else if (err.code && fastifyCodes[err.code]) {
      const code = fastifyCodes[err.code] ?? 'validation_failed';
      body = {
        code,
        message: code === 'validation_failed' ? 'The request body is not valid JSON.' : err.message,
      };
    } else if (err instanceof SyntaxError || err.statusCode === 400) {
      body = { code: 'validation_failed', message: 'The request is malformed.' };
    } else {
      request.log.error({ err }, 'unhandled error');
      body = { code: 'internal_error', message: 'Something went wrong on our side.' };
    }
    return reply.status(errorStatus[body.code]).send({ error: body });
  });
}
