import { z } from 'zod';
import { AttachmentDto } from './attachments.js';
import { LocalDate } from './couple.js';

/** A chat message as both partners see it; a deleted one keeps its place with `body: null`. */
export const MessageDto = z
  .object({
    /** Chosen by the sending client (UUID), so a resend is recognised and never duplicated. */
    id: z.uuid(),
    /** The seq of the event that created it: the message's place in the couple's order. */
    seq: z.number().int().positive(),
    senderId: z.string(),
    body: z.string().nullable(),
    createdAt: z.iso.datetime(),
    deletedAt: z.iso.datetime().nullable(),
    /** Photos, videos and files, in the order sent; empty once the message is deleted. */
    attachments: z.array(AttachmentDto).default([]),
  })
  .meta({ id: 'Message' });
export type MessageDto = z.infer<typeof MessageDto>;

export const MESSAGE_MAX_LENGTH = 4000;

/** What a message may contain: any text, trimmed, not empty, within the limit. */
export const MessageBody = z.string().trim().min(1).max(MESSAGE_MAX_LENGTH);

/** The text beside attachments: may be empty when the message carries files. */
export const CaptionBody = z.string().trim().max(MESSAGE_MAX_LENGTH);

/**
 * GET /api/messages?before=&limit= — older messages, for scrolling back; oldest first. At most one
 * of `before`, `after`, `around` and `day` names where the page is.
 */
export const MessagesQuery = z
  .object({
    /** Only messages with a smaller seq; omit for the newest page. */
    before: z.coerce.number().int().positive().optional(),
    /** Only messages with a larger seq: scrolling down after a jump into the past. */
    after: z.coerce.number().int().nonnegative().optional(),
    /** The page around this seq (a search result): that message, or the next one, in the middle. */
    around: z.coerce.number().int().positive().optional(),
    /** The page that starts at this local day's first message (or the next day's that has one). */
    day: LocalDate.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine((q) => [q.before, q.after, q.around, q.day].filter((v) => v !== undefined).length <= 1, {
    path: ['before'],
    message: 'use at most one of before, after, around and day',
  });
export type MessagesQuery = z.infer<typeof MessagesQuery>;
export const MessagesResponse = z
  .object({
    messages: z.array(MessageDto),
    /** Older messages exist before the first one of the page. */
    hasMore: z.boolean(),
    /** With `after`, `around` and `day`: newer messages exist after the last one of the page. */
    hasNewer: z.boolean().optional(),
    /** With `around` and `day`: the seq of the message to scroll to; null when there is none. */
    anchor: z.number().int().positive().nullable().optional(),
  })
  .meta({ id: 'Messages' });
export type MessagesResponse = z.infer<typeof MessagesResponse>;

/** GET /api/read-positions — the newest seq each partner has read. */
export const ReadPositionsResponse = z
  .object({
    positions: z.array(z.object({ userId: z.string(), seq: z.number().int().nonnegative() })),
  })
  .meta({ id: 'ReadPositions' });
export type ReadPositionsResponse = z.infer<typeof ReadPositionsResponse>;
