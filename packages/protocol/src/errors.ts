import { z } from 'zod';

/** Every error the API can return, as a stable machine-readable code. */
export const ErrorCode = z.enum([
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'wrong_password',
  'common_password',
  'password_matches_identity',
  'username_taken',
  'email_taken',
  'invalid_reset_token',
  'account_in_couple',
  'already_in_couple',
  'partner_in_couple',
  'not_in_couple',
  'cannot_request_self',
  'request_already_sent',
  'invalid_invite_code',
  'couple_not_ending',
  'couple_already_ending',
  'not_your_message',
  'message_id_conflict',
  'invalid_word',
  'question_unanswered',
  'question_closed',
  'file_too_large',
  'too_many_files',
  'storage_quota_exceeded',
  'file_empty',
  'file_type_mismatch',
  'file_unreadable',
  'image_too_large',
  'attachment_not_ready',
  'upload_offset_mismatch',
  'cross_origin_request',
  'rate_limited',
  'not_found',
  'payload_too_large',
  'unsupported_media_type',
  'internal_error',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** One problem with one input field; `path` is the field name (dotted for nesting). */
export const FieldIssue = z.object({
  path: z.string(),
  code: z.string(),
  message: z.string(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

/** The body of every non-2xx response. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: ErrorCode,
      message: z.string(),
      issues: z.array(FieldIssue).optional(),
      retryAfterSeconds: z.number().int().optional(),
    }),
  })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** The HTTP status each error code is sent with; the client can rely on the pair. */
export const errorStatus: Record<ErrorCode, number> = {
  validation_failed: 400,
  wrong_password: 400,
  invalid_word: 400,
  question_unanswered: 409,
  question_closed: 409,
  common_password: 400,
  password_matches_identity: 400,
  invalid_reset_token: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  cross_origin_request: 403,
  not_found: 404,
  username_taken: 409,
  email_taken: 409,
  account_in_couple: 409,
  already_in_couple: 409,
  partner_in_couple: 409,
  not_in_couple: 409,
  cannot_request_self: 400,
  request_already_sent: 409,
  invalid_invite_code: 404,
  couple_not_ending: 409,
  couple_already_ending: 409,
  not_your_message: 403,
  message_id_conflict: 409,
  payload_too_large: 413,
  file_too_large: 413,
  too_many_files: 400,
  storage_quota_exceeded: 413,
  file_empty: 400,
  file_type_mismatch: 415,
  file_unreadable: 422,
  image_too_large: 422,
  attachment_not_ready: 409,
  upload_offset_mismatch: 409,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
};

/** The (empty) body of a 204 response. */
export const NoContent = z.null().describe('No content');
