import { z } from 'zod';
import { CalendarEventDto, DdayDto, PinnedDday } from './calendar.js';
import { LocalDate } from './couple.js';
import { MessageDto } from './messages.js';
import { AnswerDto, QuestionDto } from './questions.js';

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
  /** Words the couple no longer counts in the ranking, or counts again. */
  z.object({ type: z.literal('words.excluded'), by: z.string(), words: z.array(z.string()) }),
  z.object({ type: z.literal('words.restored'), by: z.string(), words: z.array(z.string()) }),
  /** A word in the chat brought up a question; both must answer it before chatting on. */
  z.object({ type: z.literal('question.asked'), question: QuestionDto }),
  /** One partner has answered (the text stays hidden until both have). */
  z.object({ type: z.literal('question.answered'), questionId: z.uuid(), userId: z.string() }),
  /** Both have answered: the answers, shown to both at once. */
  z.object({
    type: z.literal('question.revealed'),
    questionId: z.uuid(),
    answers: z.array(AnswerDto),
  }),
  /** Custom questions or turned-off keywords changed. */
  z.object({ type: z.literal('questions.settings_changed'), by: z.string() }),
  /** The shared calendar and D-days changed: the whole item, or the id of a deleted one. */
  z.object({ type: z.literal('calendar.event_saved'), by: z.string(), event: CalendarEventDto }),
  z.object({ type: z.literal('calendar.event_deleted'), by: z.string(), id: z.uuid() }),
  z.object({ type: z.literal('dday.saved'), by: z.string(), dday: DdayDto }),
  z.object({ type: z.literal('dday.deleted'), by: z.string(), id: z.uuid() }),
  z.object({ type: z.literal('dday.pinned'), by: z.string(), pinned: PinnedDday }),
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
