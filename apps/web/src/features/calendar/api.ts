import {
  type CalendarEventDto,
  type CalendarEventInput,
  type CalendarEventPatch,
  CalendarEventDto as CalendarEventSchema,
  CalendarEventsResponse,
  type DdayDto,
  type DdayInput,
  DdayDto as DdaySchema,
  DdaysResponse,
  type PinnedDday,
} from '@couple-chat/protocol';
import { apiRequest } from '../../api/client';

const eventPath = (id: string) => `/api/calendar/events/${encodeURIComponent(id)}`;

export async function fetchEvents(signal?: AbortSignal): Promise<CalendarEventDto[]> {
  const path = '/api/calendar/events';
  return (await apiRequest('GET', path, { schema: CalendarEventsResponse, signal })).events;
}

export function createEvent(input: CalendarEventInput): Promise<CalendarEventDto> {
  const path = '/api/calendar/events';
  return apiRequest('POST', path, { body: input, schema: CalendarEventSchema });
}

export function updateEvent(id: string, patch: CalendarEventPatch): Promise<CalendarEventDto> {
  return apiRequest('PATCH', eventPath(id), { body: patch, schema: CalendarEventSchema });
}

export function deleteEvent(id: string): Promise<undefined> {
  return apiRequest('DELETE', eventPath(id));
}

export function fetchDdays(signal?: AbortSignal): Promise<DdaysResponse> {
  return apiRequest('GET', '/api/ddays', { schema: DdaysResponse, signal });
}

export function createDday(input: DdayInput): Promise<DdayDto> {
  return apiRequest('POST', '/api/ddays', { body: input, schema: DdaySchema });
}

export function deleteDday(id: string): Promise<undefined> {
  return apiRequest('DELETE', `/api/ddays/${encodeURIComponent(id)}`);
}

export function pinDday(pinned: PinnedDday): Promise<undefined> {
  return apiRequest('PUT', '/api/ddays/pin', { body: pinned });
}
