import {
  ConnectionRequestDto,
  ConnectionRequestsResponse,
  CoupleDto,
  type CoupleEventDto,
  CoupleEventsResponse,
  CoupleResponse,
  type CreateConnectionRequestBody,
  InviteDto,
  InvitePreviewResponse,
  type PersonDto,
  type UpdateCoupleBody,
} from '@couple-chat/protocol';
import { z } from 'zod';
import { apiRequest } from '../../api/client';
import { browserTimeZone } from '../../lib/dates';

// The couple's default time zone is the one of whoever completes the connection.
function withTimeZone<T extends object>(body: T): T & { timeZone?: string } {
  const timeZone = browserTimeZone();
  return timeZone ? { ...body, timeZone } : body;
}

const CoupleBody = z.object({ couple: CoupleDto });
const RequestBody = z.object({ request: ConnectionRequestDto });
const InviteBody = z.object({ invite: InviteDto });

export async function fetchCouple(signal?: AbortSignal): Promise<CoupleDto | null> {
  return (await apiRequest('GET', '/api/couple', { schema: CoupleResponse, signal })).couple;
}

export type RequestLists = ConnectionRequestsResponse;

export function fetchRequests(signal?: AbortSignal): Promise<RequestLists> {
  return apiRequest('GET', '/api/connection-requests', {
    schema: ConnectionRequestsResponse,
    signal,
  });
}

export async function sendRequest(
  body: Omit<CreateConnectionRequestBody, 'timeZone'>,
): Promise<ConnectionRequestDto> {
  const response = await apiRequest('POST', '/api/connection-requests', {
    body: withTimeZone(body),
    schema: RequestBody,
  });
  return response.request;
}

/** The sender cancels, or the recipient declines. */
export function deleteRequest(id: string): Promise<undefined> {
  return apiRequest('DELETE', `/api/connection-requests/${encodeURIComponent(id)}`);
}

export async function approveRequest(id: string): Promise<CoupleDto> {
  const path = `/api/connection-requests/${encodeURIComponent(id)}/approval`;
  return (await apiRequest('POST', path, { body: withTimeZone({}), schema: CoupleBody })).couple;
}

export async function fetchMyInvite(signal?: AbortSignal): Promise<InviteDto> {
  return (await apiRequest('GET', '/api/invites/mine', { schema: InviteBody, signal })).invite;
}

export async function renewMyInvite(): Promise<InviteDto> {
  return (await apiRequest('POST', '/api/invites/mine', { schema: InviteBody })).invite;
}

export async function fetchInvitePreview(code: string, signal?: AbortSignal): Promise<PersonDto> {
  const path = `/api/invites/${encodeURIComponent(code)}`;
  return (await apiRequest('GET', path, { schema: InvitePreviewResponse, signal })).inviter;
}

export async function acceptInvite(code: string): Promise<CoupleDto> {
  const path = `/api/invites/${encodeURIComponent(code)}/acceptance`;
  return (await apiRequest('POST', path, { body: withTimeZone({}), schema: CoupleBody })).couple;
}

export async function updateCouple(body: UpdateCoupleBody): Promise<CoupleDto> {
  return (await apiRequest('PATCH', '/api/couple', { body, schema: CoupleBody })).couple;
}

export async function startEnding(): Promise<CoupleDto> {
  return (await apiRequest('POST', '/api/couple/ending', { schema: CoupleBody })).couple;
}

export async function cancelEnding(): Promise<CoupleDto> {
  return (await apiRequest('DELETE', '/api/couple/ending', { schema: CoupleBody })).couple;
}

const eventPageSize = 100;
const maxEventPages = 20;

/** The couple's own history (no chat traffic), oldest first; page after page, up to a bound. */
export async function fetchCoupleEvents(signal?: AbortSignal): Promise<CoupleEventDto[]> {
  const events: CoupleEventDto[] = [];
  let after = 0;
  for (let page = 0; page < maxEventPages; page += 1) {
    const path = `/api/couple/events?after=${after}&limit=${eventPageSize}&scope=couple`;
    const response = await apiRequest('GET', path, { schema: CoupleEventsResponse, signal });
    events.push(...response.events);
    const last = response.events.at(-1);
    if (!response.hasMore || !last) break;
    after = last.seq;
  }
  return events;
}

export function exportUrl(format: 'json' | 'html'): string {
  return `/api/couple/export?format=${format}`;
}
