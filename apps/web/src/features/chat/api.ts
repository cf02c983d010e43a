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

export async function fetchReadPositions(
  signal?: AbortSignal,
): Promise<ReadPositionsResponse['positions']> {
  const response = await apiRequest('GET', '/api/read-positions', {
    schema: ReadPositionsResponse,
    signal,
  });
  return response.positions;
}
