import { z } from 'zod';
import { LocalDate } from './couple.js';

export const CALENDAR_TITLE_MAX = 100;
export const CALENDAR_NOTE_MAX = 1000;

/** A wall-clock time in the couple's time zone, HH:MM (24 h). */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM');

/** A shared calendar event; dates and times are the couple's local ones. */
export const CalendarEventDto = z
  .object({
    id: z.uuid(),
    title: z.string(),
    startDate: LocalDate,
    /** Equal to startDate for a one-day event. */
    endDate: LocalDate,
    /** Null for an all-day event. */
    startTime: LocalTime.nullable(),
    endTime: LocalTime.nullable(),
    note: z.string().nullable(),
    /** Repeats every year on the same dates (birthdays). */
    yearly: z.boolean(),
    createdBy: z.string(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'CalendarEvent' });
export type CalendarEventDto = z.infer<typeof CalendarEventDto>;

const eventFields = {
  title: z.string().trim().min(1).max(CALENDAR_TITLE_MAX),
  startDate: LocalDate,
  endDate: LocalDate.optional(),
  startTime: LocalTime.nullable().optional(),
  endTime: LocalTime.nullable().optional(),
  note: z.string().trim().max(CALENDAR_NOTE_MAX).nullable().optional(),
  yearly: z.boolean().optional(),
};

/** The end may not come before the start (dates, then times on a one-day event). */
function endNotBeforeStart(e: {
  startDate?: string;
  endDate?: string | undefined;
  startTime?: string | null | undefined;
  endTime?: string | null | undefined;
}) {
  if (e.startDate && e.endDate && e.endDate < e.startDate) return false;
  const sameDay = !e.endDate || e.endDate === e.startDate;
  if (sameDay && e.startTime && e.endTime && e.endTime < e.startTime) return false;
  return true;
}
const endMessage = { message: 'The end comes before the start', path: ['endDate'] };

/** POST /api/calendar/events */
export const CalendarEventInput = z
  .object(eventFields)
  .strict()
  .refine((e) => !(e.endTime && !e.startTime), {
    message: 'An end time needs a start time',
    path: ['endTime'],
  })
  .refine(endNotBeforeStart, endMessage);
export type CalendarEventInput = z.infer<typeof CalendarEventInput>;

/** PATCH /api/calendar/events/:id — any subset; the result must still be a valid event. */
export const CalendarEventPatch = z
  .object({ ...eventFields, title: eventFields.title.optional(), startDate: LocalDate.optional() })
  .strict()
  .refine((e) => Object.keys(e).length > 0, 'Nothing to change')
  .refine(endNotBeforeStart, endMessage);
export type CalendarEventPatch = z.infer<typeof CalendarEventPatch>;

export const CalendarEventParams = z.object({ id: z.uuid() }).strict();

/** GET /api/calendar/events — all of the couple's events (a couple's calendar is small). */
export const CalendarEventsResponse = z
  .object({ events: z.array(CalendarEventDto) })
  .meta({ id: 'CalendarEvents' });
export type CalendarEventsResponse = z.infer<typeof CalendarEventsResponse>;

export const DdayDto = z
  .object({
    id: z.uuid(),
    title: z.string(),
    date: LocalDate,
    createdBy: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Dday' });
export type DdayDto = z.infer<typeof DdayDto>;

/** POST /api/ddays */
export const DdayInput = z
  .object({ title: z.string().trim().min(1).max(CALENDAR_TITLE_MAX), date: LocalDate })
  .strict();
export type DdayInput = z.infer<typeof DdayInput>;
export const DdayParams = z.object({ id: z.uuid() }).strict();

/** What is pinned to the top of the chat: a D-day, the next milestone, or nothing. */
export const PinnedDday = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dday'), id: z.uuid() }),
  z.object({ kind: z.literal('next_milestone') }),
  z.object({ kind: z.literal('none') }),
]);
export type PinnedDday = z.infer<typeof PinnedDday>;

/** PUT /api/ddays/pin */
export const PinInput = PinnedDday;

/** GET /api/ddays — D-days, what is pinned, and the couple's start date and time zone. */
export const DdaysResponse = z
  .object({
    ddays: z.array(DdayDto),
    pinned: PinnedDday,
    /** Day 1 of the relationship (the couple's start date), or null if not set. */
    startDate: LocalDate.nullable(),
    timeZone: z.string(),
    /** Today in the couple's time zone, so every device counts days the same way. */
    today: LocalDate,
  })
  .meta({ id: 'Ddays' });
export type DdaysResponse = z.infer<typeof DdaysResponse>;
