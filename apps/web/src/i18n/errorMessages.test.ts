import { ErrorCode, LogInBody, SignUpBody } from '@couple-chat/protocol';
import { describe, expect, it } from 'vitest';
import { ApiError, type ApiErrorCode } from '../api/client';
import {
  domainFieldCodes,
  formErrorMessage,
  issueMessage,
  problemsFromApiError,
  problemsFromZod,
  type ZodIssueCode,
} from './errorMessages';
import { i18n } from './index';

const ko = i18n.getFixedT('ko');
const en = i18n.getFixedT('en');

// Every issue code zod 4 can produce; the Record in errorMessages.ts makes tsc enforce the same list.
const zodIssueCodes: ZodIssueCode[] = [
  'invalid_type',
  'too_big',
  'too_small',
  'invalid_format',
  'not_multiple_of',
  'unrecognized_keys',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'invalid_value',
  'custom',
];

const clientCodes: ApiErrorCode[] = ['network_error', 'unexpected_response'];

function looksTranslated(message: string): void {
  expect(message).not.toBe('');
  expect(message).not.toMatch(/{{|}}|^fieldErrors\.|^errors\./);
}

describe('issueMessage', () => {
  it.each([...zodIssueCodes, ...domainFieldCodes])('translates %s in both languages', (code) => {
    const problem = { code, minimum: 8, maximum: 30 };
    for (const t of [ko, en]) looksTranslated(issueMessage(t, problem, 'password'));
    expect(issueMessage(ko, problem, 'password')).not.toBe(issueMessage(en, problem, 'password'));
  });

  it('puts the limits into length messages', () => {
    expect(issueMessage(ko, { code: 'too_small', minimum: 8 }, 'password')).toContain('8');
    expect(issueMessage(en, { code: 'too_big', maximum: 40 }, 'displayName')).toContain('40');
  });

  it('calls a one-character minimum "required"', () => {
    expect(issueMessage(en, { code: 'too_small', minimum: 1 }, 'login')).toBe(
      'This field is required.',
    );
  });

  it('names the e-mail format', () => {
    expect(issueMessage(en, { code: 'invalid_format' }, 'email')).toBe(
      'Enter a valid e-mail address.',
    );
  });

  it('falls back to a generic message for an unknown code', () => {
    expect(issueMessage(en, { code: 'something_new' }, 'x')).toBe('Check this value.');
  });
});

describe('problemsFromZod', () => {
  it('keeps the first issue of each field with its limits', () => {
    const result = SignUpBody.safeParse({
      username: 'ab',
      email: 'nope',
      displayName: '',
      password: 'short',
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(problemsFromZod(result.error)).toEqual({
      username: { code: 'too_small', minimum: 3 },
      email: { code: 'invalid_format' },
      displayName: { code: 'too_small', minimum: 1 },
      password: { code: 'too_small', minimum: 8 },
    });
  });

  it('calls any blank input required, whatever the schema says', () => {
    const input = { email: '  ' };
    const result = SignUpBody.pick({ email: true }).safeParse(input);
    if (result.success) throw new Error('expected failure');
    expect(problemsFromZod(result.error, input)).toEqual({
      email: { code: 'too_small', minimum: 1 },
    });
  });

  it('treats a blank login as required', () => {
    const result = LogInBody.safeParse({ login: '   ', password: 'x' });
    if (result.success) throw new Error('expected failure');
    expect(issueMessage(ko, problemsFromZod(result.error).login ?? { code: '' }, 'login')).toBe(
      '필수 항목이에요.',
    );
  });
});

describe('problemsFromApiError', () => {
  it('maps validation issues onto the fields the form has', () => {
    const error = new ApiError({
      code: 'validation_failed',
      status: 400,
      issues: [
        { path: 'username', code: 'too_big', message: 'Too big', maximum: 30 },
        { path: '', code: 'unrecognized_keys', message: 'Unrecognized key' },
      ],
    });
    expect(problemsFromApiError(error, ['username', 'email'])).toEqual({
      username: { code: 'too_big', minimum: undefined, maximum: 30 },
    });
  });

  it('puts domain errors on the issue path or the default field', () => {
    const withPath = new ApiError({
      code: 'common_password',
      status: 400,
      issues: [{ path: 'newPassword', code: 'custom', message: 'Too common' }],
    });
    expect(problemsFromApiError(withPath, ['currentPassword', 'newPassword'])).toEqual({
      newPassword: { code: 'common_password' },
    });
    const taken = new ApiError({ code: 'email_taken', status: 409 });
    expect(problemsFromApiError(taken, ['username', 'email'])).toEqual({
      email: { code: 'email_taken' },
    });
  });

  it('leaves form-level errors to the banner', () => {
    const error = new ApiError({ code: 'invalid_credentials', status: 401 });
    expect(problemsFromApiError(error, ['login', 'password'])).toEqual({});
  });
});

describe('formErrorMessage', () => {
  it.each([...ErrorCode.options, ...clientCodes])('translates %s in both languages', (code) => {
    const error = new ApiError({ code, status: 400, message: 'English server text' });
    for (const t of [ko, en]) {
      const message = formErrorMessage(t, error);
      looksTranslated(message);
      expect(message).not.toContain('English server text');
    }
  });

  it('says when to retry after a rate limit', () => {
    const seconds = new ApiError({ code: 'rate_limited', status: 429, retryAfterSeconds: 30 });
    expect(formErrorMessage(en, seconds)).toBe(
      'Too many attempts. Please try again in 30 seconds.',
    );
    expect(formErrorMessage(ko, seconds)).toContain('30초 후');
    const minutes = new ApiError({ code: 'rate_limited', status: 429, retryAfterSeconds: 600 });
    expect(formErrorMessage(en, minutes)).toBe(
      'Too many attempts. Please try again in 10 minutes.',
    );
  });

  it('treats anything that is not an ApiError as an internal error', () => {
    expect(formErrorMessage(en, new TypeError('boom'))).toBe(
      'Something went wrong on the server. Please try again in a moment.',
    );
  });
});

describe('connection errors', () => {
  it('puts request problems on the username field', () => {
    for (const code of ['cannot_request_self', 'partner_in_couple'] as const) {
      const error = new ApiError({ code, status: 409 });
      expect(problemsFromApiError(error, ['username'])).toEqual({ username: { code } });
    }
  });

  it('leaves them to the banner where there is no such field', () => {
    const error = new ApiError({ code: 'partner_in_couple', status: 409 });
    expect(problemsFromApiError(error, [])).toEqual({});
    expect(formErrorMessage(en, error)).toBe('That person is already connected with someone else.');
  });
});
