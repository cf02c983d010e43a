import {
  DrawerResponse,
  type DrawerTab,
  POSTER_MAX_BYTES,
  StorageResponse,
} from '@couple-chat/protocol';
import { ApiError, apiRequest, toApiError } from '../../api/client';

export const drawerPageSize = 60;

export function fetchStorage(signal?: AbortSignal): Promise<StorageResponse> {
  return apiRequest('GET', '/api/storage', { schema: StorageResponse, signal });
}

/** One page of the drawer, newest first; `before` is the previous page's `next`. */
export function fetchDrawer(
  tab: DrawerTab,
  before: string | undefined,
  signal?: AbortSignal,
): Promise<DrawerResponse> {
  const query = new URLSearchParams({ tab, limit: String(drawerPageSize) });
  if (before) query.set('before', before);
  return apiRequest('GET', `/api/drawer?${query}`, { schema: DrawerResponse, signal });
}

/** Stores a video's poster frame (drawn by this browser) beside the uploaded video. */
export async function putPoster(attachmentId: string, poster: Blob): Promise<void> {
  if (poster.size > POSTER_MAX_BYTES) throw new ApiError({ code: 'payload_too_large', status: 0 });
  const response = await fetch(`/api/attachments/${encodeURIComponent(attachmentId)}/poster`, {
    method: 'PUT',
    credentials: 'same-origin',
    headers: { 'Content-Type': poster.type || 'image/jpeg' },
    body: poster,
  });
  if (!response.ok) throw await toApiError(response);
}
