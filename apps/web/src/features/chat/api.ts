import { MessagesResponse, ReadPositionsResponse } from '@couple-chat/protocol';
import { apiRequest } from '../../api/client';

export const messagePageSize = 50;

/** The newest page, or the one just before `before` (a seq); oldest first either way. */
export function fetchMessages(
  before?: number,
  signal?: AbortSignal,
  limit = messagePageSize,
): Promise<MessagesResponse> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (before !== undefined) query.set('before', String(before));
  return apiRequest('GET', `/api/messages?${query}`, { schema: MessagesResponse, signal });
}

/** Where a page of history is: newer than a seq, around a seq, or from a local day's first message. */
export type PagePlace = { after: number } | { around: number } | { day: string };

// A jump shows this many messages around its target, enough to scroll a little either way.
export const jumpPageSize = 60;

/** A page away from the newest: after a jump (`around`, `day`) and when scrolling down from it. */
export function fetchMessagesAt(
  place: PagePlace,
  signal?: AbortSignal,
  limit = 'after' in place ? messagePageSize : jumpPageSize,
): Promise<MessagesResponse> {
  const query = new URLSearchParams({ limit: String(limit) });
  for (const [key, value] of Object.entries(place)) query.set(key, String(value));
  return apiRequest('GET', `/api/messages?${query}`, { schema: MessagesResponse, signal });
}

export async function fetchReadPositions(
  signal?: AbortSignal,
): Promise<ReadPositionsResponse['positions']> {
  const response = await apiRequest('GET', '/api/read-positions', {
    schema: ReadPositionsResponse,
    signal,
  });
  return response.positions;
}
