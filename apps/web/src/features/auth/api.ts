import {
  AcceptedResponse,
  type ChangePasswordBody,
  type ConfirmPasswordResetBody,
  type DeleteAccountBody,
  type LogInBody,
  type MeDto,
  MeResponse,
  type RequestPasswordResetBody,
  type SignUpBody,
  type UpdateMeBody,
} from '@couple-chat/protocol';
import { ApiError, apiRequest } from '../../api/client';

/** The signed-in user, or null when the session cookie is missing or expired. */
export async function fetchMe(signal?: AbortSignal): Promise<MeDto | null> {
  try {
    const { user } = await apiRequest('GET', '/api/me', { schema: MeResponse, signal });
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'unauthenticated') return null;
    throw error;
  }
}

export async function signUp(body: SignUpBody): Promise<MeDto> {
  return (await apiRequest('POST', '/api/users', { body, schema: MeResponse })).user;
}

export async function logIn(body: LogInBody): Promise<MeDto> {
  return (await apiRequest('POST', '/api/sessions', { body, schema: MeResponse })).user;
}

export function logOut(): Promise<undefined> {
  return apiRequest('DELETE', '/api/sessions/current');
}

export function logOutEverywhere(): Promise<undefined> {
  return apiRequest('DELETE', '/api/sessions');
}

export async function updateMe(body: UpdateMeBody): Promise<MeDto> {
  return (await apiRequest('PATCH', '/api/me', { body, schema: MeResponse })).user;
}

export function changePassword(body: ChangePasswordBody): Promise<undefined> {
  return apiRequest('PUT', '/api/me/password', { body });
}

export function deleteAccount(body: DeleteAccountBody): Promise<undefined> {
  return apiRequest('DELETE', '/api/me', { body });
}

export async function requestPasswordReset(body: RequestPasswordResetBody): Promise<void> {
  await apiRequest('POST', '/api/password-resets', { body, schema: AcceptedResponse });
}

export function confirmPasswordReset(body: ConfirmPasswordResetBody): Promise<undefined> {
  return apiRequest('POST', '/api/password-resets/confirm', { body });
}
