import type { CalendarEventDto } from '@couple-chat/protocol';
import { ZodError } from 'zod';
import { isApiError } from '../../api/client';

export const eventFields = [
  'title',
  'startDate',
  'endDate',
  'startTime',
  'endTime',
  'note',
] as const;
export type EventFieldValues = Record<(typeof eventFields)[number], string>;

/**
 * The body for POST or PATCH, from the form as typed: empty times and note are null, and an empty end
 * date is the start date (so clearing it on an edit turns the event back into a one-day one).
 */
export function eventInputFrom(values: EventFieldValues, yearly: boolean) {
  return {
    title: values.title,
    startDate: values.startDate,
    endDate: values.endDate || values.startDate || undefined,
    startTime: values.startTime || null,
    endTime: values.endTime || null,
    note: values.note.trim() || null,
    yearly,
  };
}

/** The form's starting values: the event being edited, or an empty one on `day`. */
export function eventFormValues(event: CalendarEventDto | null, day: string): EventFieldValues {
  if (!event) {
    return { title: '', startDate: day, endDate: '', startTime: '', endTime: '', note: '' };
  }
  return {
    title: event.title,
    startDate: event.startDate,
    endDate: event.endDate === event.startDate ? '' : event.endDate,
    startTime: event.startTime ?? '',
    endTime: event.endTime ?? '',
    note: event.note ?? '',
  };
}

/** The contract's one cross-field rule, "the end comes before the start", reported on endDate. */
export function isEndBeforeStart(error: unknown): boolean {
  const issues =
    error instanceof ZodError
      ? error.issues.map((issue) => ({ path: String(issue.path[0]), code: issue.code }))
      : isApiError(error, 'validation_failed')
        ? error.issues
        : [];
  return issues.some((issue) => issue.path === 'endDate' && issue.code === 'custom');
}
