import { z } from 'zod';
import { LocalDate } from './couple.js';
import { MessageDto } from './messages.js';

/**
 * Every change both partners must see, in the couple's ordered log (DESIGN.md invariant 2).
 * Later features (messages, questions, calendar) add their own types to this union.
 */
export const CoupleEventPayload = z.discriminatedUnion('type', [
  z.object({ type: z.literal('couple.connected'), by: z.string() }),
  z.object({
    type: z.literal('couple.updated'),
    by: z.string(),
    startDate: LocalDate.nullable().optional(),
    timeZone: z.string().optional(),
  }),
  z.object({
    type: z.literal('couple.ending_requested'),
    by: z.string(),
    endsAt: z.iso.datetime(),
  }),
  z.object({ type: z.literal('couple.ending_cancelled'), by: z.string() }),
  z.object({ type: z.literal('message.created'), message: MessageDto }),
  /** The message's text is gone everywhere, including from the log's earlier event. */
  z.object({ type: z.literal('message.deleted'), id: z.uuid(), by: z.string() }),
  /** A partner has read everything up to `seq`. */
  z.object({
    type: z.literal('read.updated'),
    userId: z.string(),
    seq: z.number().int().nonnegative(),
  }),
]);
export type CoupleEventPayload = z.infer<typeof CoupleEventPayload>;
export type CoupleEventType = CoupleEventPayload['type'];

export const CoupleEventDto = z
  .object({
    seq: z.number().int().positive(),
    at: z.iso.datetime(),
    event: CoupleEventPayload,
  })
  .meta({ id: 'CoupleEvent' });
export type CoupleEventDto = z.infer<typeof CoupleEventDto>;

/** GET /api/couple/events?after=&limit= — the history, oldest first, paged by seq. */
export const CoupleEventsQuery = z
  .object({
    after: z.coerce.number().int().nonnegative().default(0),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    /** `couple`: only the couple's own milestones (couple.*), skipping chat traffic. */
    scope: z.enum(['all', 'couple']).default('all'),
  })
  .strict();
export const CoupleEventsResponse = z
  .object({ events: z.array(CoupleEventDto), hasMore: z.boolean() })
  .meta({ id: 'CoupleEvents' });
export type CoupleEventsResponse = z.infer<typeof CoupleEventsResponse>;
