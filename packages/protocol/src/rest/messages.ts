import { z } from 'zod';
import { AttachmentDto } from './attachments.js';

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

/** GET /api/messages?before=&limit= — older messages, for scrolling back; oldest first. */
export const MessagesQuery = z
  .object({
    /** Only messages with a smaller seq; omit for the newest page. */
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export const MessagesResponse = z
  .object({ messages: z.array(MessageDto), hasMore: z.boolean() })
  .meta({ id: 'Messages' });
export type MessagesResponse = z.infer<typeof MessagesResponse>;

/** GET /api/read-positions — the newest seq each partner has read. */
export const ReadPositionsResponse = z
  .object({
    positions: z.array(z.object({ userId: z.string(), seq: z.number().int().nonnegative() })),
  })
  .meta({ id: 'ReadPositions' });
export type ReadPositionsResponse = z.infer<typeof ReadPositionsResponse>;
