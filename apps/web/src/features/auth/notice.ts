/** A one-time message for the log-in page after the session ended on purpose. */
export type AuthNotice = 'passwordReset' | 'accountDeleted';

// Module state rather than router state: the route guards redirect on their own schedule.
let pending: AuthNotice | null = null;

export function leaveAuthNotice(notice: AuthNotice): void {
  pending = notice;
}

export function peekAuthNotice(): AuthNotice | null {
  return pending;
}

export function clearAuthNotice(): void {
  pending = null;
}
