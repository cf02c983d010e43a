import { MessageDaysResponse, type SearchQuery, SearchResponse } from '@couple-chat/protocol';
import { apiRequest } from '../../api/client';
import { searchParams } from './query';

/** One page of results, newest first; `before` is the previous page's `next`. */
export function fetchSearch(
  query: SearchQuery,
  before: string | null,
  signal?: AbortSignal,
): Promise<SearchResponse> {
  return apiRequest('GET', `/api/search?${searchParams(query, before)}`, {
    schema: SearchResponse,
    signal,
  });
}

/** The couple's days with messages in `month` (YYYY-MM). */
export async function fetchMessageDays(month: string, signal?: AbortSignal): Promise<string[]> {
  const query = new URLSearchParams({ month });
  const response = await apiRequest('GET', `/api/messages/days?${query}`, {
    schema: MessageDaysResponse,
    signal,
  });
  return response.days;
}
