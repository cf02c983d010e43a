import type { ErrorCode, FieldIssue } from '@couple-chat/protocol';

/** A failure the client caused or may see; mapped to a status and body in one place (http/error-handler). */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationError extends DomainError {
  constructor(issues: FieldIssue[], message = 'The request is not valid.') {
    super('validation_failed', message, issues);
  }
}

export class NotFoundError extends DomainError {
  constructor(message = 'Not found.') {
    super('not_found', message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor() {
    super('unauthenticated', 'You need to log in.');
  }
}

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `Too many attempts. Try again in ${retryAfterSeconds} seconds.`);
  }
}

/** An error attached to one field, so the form can show it under that field. */
export function fieldError(code: ErrorCode, path: string, message: string): DomainError {
  return new DomainError(code, message, [{ path, code, message }]);
}
