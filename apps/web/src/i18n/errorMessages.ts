import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { type ApiErrorCode, isApiError } from '../api/client';

/** One field's problem, kept untranslated so it follows a language switch. */
export interface FieldProblem {
  code: string;
  minimum?: number | undefined;
  maximum?: number | undefined;
}
export type FieldProblems = Partial<Record<string, FieldProblem>>;

export type ZodIssueCode = z.core.$ZodIssueCode;

/** Problems that only the server can know (or the client's own confirm boxes), shown on a field. */
export const domainFieldCodes = [
  'username_taken',
  'email_taken',
  'wrong_password',
  'common_password',
  'password_matches_identity',
  'confirm_required',
  'unknown_username',
  'cannot_request_self',
  'partner_in_couple',
  'invalid_word',
  // The client's name for invalid_word on a question's trigger word, which no ranking is about.
  'unmatchable_word',
] as const;
export type DomainFieldCode = (typeof domainFieldCodes)[number];

type Translate = TFunction<'translation'>;

const zodIssueMessages: Record<
  ZodIssueCode,
  (t: Translate, problem: FieldProblem, field: string) => string
> = {
  too_small: (t, { minimum }) =>
    minimum === undefined || minimum <= 1
      ? t('fieldErrors.required')
      : t('fieldErrors.tooShort', { minimum }),
  too_big: (t, { maximum }) =>
    maximum === undefined ? t('fieldErrors.invalid') : t('fieldErrors.tooLong', { maximum }),
  invalid_format: (t, _problem, field) => {
    if (field === 'email') return t('fieldErrors.invalidEmail');
    if (field === 'username') return t('fieldErrors.invalidUsername');
    if (field === 'displayName') return t('fieldErrors.invalidDisplayName');
    return t('fieldErrors.invalidFormat');
  },
  invalid_value: (t) => t('fieldErrors.invalidChoice'),
  invalid_type: (t) => t('fieldErrors.invalid'),
  not_multiple_of: (t) => t('fieldErrors.invalid'),
  unrecognized_keys: (t) => t('fieldErrors.invalid'),
  invalid_union: (t) => t('fieldErrors.invalid'),
  invalid_key: (t) => t('fieldErrors.invalid'),
  invalid_element: (t) => t('fieldErrors.invalid'),
  custom: (t) => t('fieldErrors.invalid'),
};

const domainMessages: Record<DomainFieldCode, (t: Translate) => string> = {
  username_taken: (t) => t('fieldErrors.usernameTaken'),
  email_taken: (t) => t('fieldErrors.emailTaken'),
  wrong_password: (t) => t('fieldErrors.wrongPassword'),
  common_password: (t) => t('fieldErrors.commonPassword'),
  password_matches_identity: (t) => t('fieldErrors.passwordMatchesIdentity'),
  confirm_required: (t) => t('fieldErrors.confirmRequired'),
  unknown_username: (t) => t('fieldErrors.unknownUsername'),
  cannot_request_self: (t) => t('fieldErrors.cannotRequestSelf'),
  partner_in_couple: (t) => t('fieldErrors.partnerInCouple'),
  invalid_word: (t) => t('fieldErrors.invalidWord'),
  unmatchable_word: (t) => t('fieldErrors.unmatchableWord'),
};

function hasKey<K extends string>(record: Record<K, unknown>, key: string): key is K {
  return Object.hasOwn(record, key);
}

/** The one place an issue (zod's or the server's) becomes a sentence under a field. */
export function issueMessage(t: Translate, problem: FieldProblem, field: string): string {
  if (hasKey(domainMessages, problem.code)) return domainMessages[problem.code](t);
  if (hasKey(zodIssueMessages, problem.code))
    return zodIssueMessages[problem.code](t, problem, field);
  return t('fieldErrors.invalid');
}

/** First issue per top-level field of a failed safeParse; a blank input is simply "required". */
export function problemsFromZod(
  error: z.ZodError,
  input: Readonly<Record<string, unknown>> = {},
): FieldProblems {
  const problems: FieldProblems = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (problems[field]) continue;
    const value = input[field];
    if (typeof value === 'string' && value.trim() === '') {
      problems[field] = { code: 'too_small', minimum: 1 };
      continue;
    }
    const problem: FieldProblem = { code: issue.code };
    if (issue.code === 'too_small') problem.minimum = Number(issue.minimum);
    if (issue.code === 'too_big') problem.maximum = Number(issue.maximum);
    problems[field] = problem;
  }
  return problems;
}

// Where a domain error belongs when the server names no field (the first one the form has).
const domainErrorFields: Partial<Record<ApiErrorCode, readonly string[]>> = {
  username_taken: ['username'],
  email_taken: ['email'],
  wrong_password: ['currentPassword', 'password'],
  common_password: ['password', 'newPassword'],
  password_matches_identity: ['password', 'newPassword'],
  // Only the connection request form can get these with a username field.
  cannot_request_self: ['username'],
  partner_in_couple: ['username'],
  // The word-ranking form that excludes a typed word.
  invalid_word: ['word'],
};

/** Field problems carried by an API error, limited to the fields this form shows. */
export function problemsFromApiError(error: unknown, fields: readonly string[]): FieldProblems {
  if (!isApiError(error)) return {};
  const problems: FieldProblems = {};
  const candidates = domainErrorFields[error.code];
  if (candidates && hasKey(domainMessages, error.code)) {
    const named = error.issues.find((issue) => fields.includes(issue.path))?.path;
    const field = named ?? candidates.find((candidate) => fields.includes(candidate));
    if (field) problems[field] = { code: error.code };
    return problems;
  }
  if (error.code !== 'validation_failed') return problems;
  for (const issue of error.issues) {
    if (!fields.includes(issue.path) || problems[issue.path]) continue;
    problems[issue.path] = { code: issue.code, minimum: issue.minimum, maximum: issue.maximum };
  }
  return problems;
}

/** "in 30 seconds" / "30초 후", rounded up to minutes past a minute and a half. */
export function formatRetryAfter(seconds: number, locale: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  if (seconds < 90) return format.format(Math.max(1, Math.ceil(seconds)), 'second');
  return format.format(Math.ceil(seconds / 60), 'minute');
}

const formMessages: Record<ApiErrorCode, (t: Translate, retryAfter: number | undefined) => string> =
  {
    validation_failed: (t) => t('errors.checkFields'),
    unauthenticated: (t) => t('errors.unauthenticated'),
    invalid_credentials: (t) => t('errors.invalidCredentials'),
    wrong_password: (t) => t('fieldErrors.wrongPassword'),
    common_password: (t) => t('fieldErrors.commonPassword'),
    password_matches_identity: (t) => t('fieldErrors.passwordMatchesIdentity'),
    username_taken: (t) => t('fieldErrors.usernameTaken'),
    email_taken: (t) => t('fieldErrors.emailTaken'),
    invalid_reset_token: (t) => t('errors.invalidResetToken'),
    account_in_couple: (t) => t('errors.accountInCouple'),
    cross_origin_request: (t) => t('errors.crossOrigin'),
    rate_limited: (t, retryAfter) =>
      retryAfter && retryAfter > 0
        ? t('errors.rateLimited', { when: formatRetryAfter(retryAfter, t('app.locale')) })
        : t('errors.rateLimitedSoon'),
    not_found: (t) => t('errors.notFound'),
    payload_too_large: (t) => t('errors.payloadTooLarge'),
    unsupported_media_type: (t) => t('errors.unsupportedMediaType'),
    already_in_couple: (t) => t('errors.alreadyInCouple'),
    partner_in_couple: (t) => t('errors.partnerInCouple'),
    not_in_couple: (t) => t('errors.notInCouple'),
    cannot_request_self: (t) => t('errors.cannotRequestSelf'),
    request_already_sent: (t) => t('errors.requestAlreadySent'),
    invalid_invite_code: (t) => t('errors.invalidInviteCode'),
    couple_not_ending: (t) => t('errors.coupleNotEnding'),
    couple_already_ending: (t) => t('errors.coupleAlreadyEnding'),
    not_your_message: (t) => t('errors.notYourMessage'),
    message_id_conflict: (t) => t('errors.messageIdConflict'),
    invalid_word: (t) => t('errors.invalidWord'),
    question_unanswered: (t) => t('errors.questionUnanswered'),
    question_closed: (t) => t('errors.questionClosed'),
    file_too_large: (t) => t('errors.fileTooLarge'),
    too_many_files: (t) => t('errors.tooManyFiles'),
    storage_quota_exceeded: (t) => t('errors.storageQuotaExceeded'),
    file_empty: (t) => t('errors.fileEmpty'),
    file_type_mismatch: (t) => t('errors.fileTypeMismatch'),
    file_unreadable: (t) => t('errors.fileUnreadable'),
    image_too_large: (t) => t('errors.imageTooLarge'),
    attachment_not_ready: (t) => t('errors.attachmentNotReady'),
    upload_offset_mismatch: (t) => t('errors.uploadOffsetMismatch'),
    internal_error: (t) => t('errors.internal'),
    network_error: (t) => t('errors.network'),
    unexpected_response: (t) => t('errors.unexpected'),
  };

/** The banner sentence for any failure; never the server's English message. */
export function formErrorMessage(t: Translate, error: unknown): string {
  if (!isApiError(error)) return t('errors.internal');
  return formMessages[error.code](t, error.retryAfterSeconds);
}
