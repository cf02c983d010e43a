import { type DomainError, fieldError } from '../errors.js';
import { identityKey } from '../lib/text.js';
import { isCommonPassword } from './common-passwords.js';

/** Rules beyond length (which the protocol schema enforces): no top-list passwords, no own name. */
export function assertAcceptablePassword(
  password: string,
  identity: { username: string; email: string },
  field: string,
): void {
  if (isCommonPassword(password)) {
    throw fieldError('common_password', field, 'This password is too common; choose another.');
  }
  const key = identityKey(password);
  const localPart = identityKey(identity.email).split('@')[0] ?? '';
  if (
    key === identityKey(identity.username) ||
    key === identityKey(identity.email) ||
    key === localPart
  ) {
    throw fieldError(
      'password_matches_identity',
      field,
      'The password must not be your username or e-mail.',
    );
  }
}

export function wrongPassword(field: string): DomainError {
  return fieldError('wrong_password', field, 'The password is not correct.');
}
