import { z } from 'zod';
import { ErrorCode } from '../errors.js';
import { ATTACHMENTS_PER_MESSAGE_MAX, AttachmentId } from '../rest/attachments.js';
import { CoupleEventDto } from '../rest/couple-events.js';
import { CaptionBody, MessageBody } from '../rest/messages.js';

/** Bumped on any incompatible change; the server refuses clients that speak another version. */
export const PROTOCOL_VERSION = 1;
export const WS_PATH = '/ws';
export const WS_MAX_FRAME_BYTES = 64 * 1024;

/** Client → server. `id` lets the client match a reply or an error to its request. */
export const ClientFrame = z.discriminatedUnion('type', [
  /** Start (or resume) the couple's ordered stream after `afterSeq`. */
  z
    .object({
      type: z.literal('sync'),
      id: z.string().max(64).optional(),
      afterSeq: z.number().int().nonnegative(),
    })
    .strict(),
  z.object({ type: z.literal('ping'), id: z.string().max(64).optional() }).strict(),
  /** Send a message; the server persists it, then acks. Resending the same messageId is safe. */
  z.object({ type: z.literal('message.send'), messageId: z.uuid(), body: MessageBody }).strict(),
  /**
   * Send photos, videos or files (already uploaded, see UPLOADS_PATH) with an optional caption.
   * Resending the same messageId with the same attachments is safe.
   */
  z
    .object({
      type: z.literal('message.send.files'),
      messageId: z.uuid(),
      body: CaptionBody,
      attachmentIds: z.array(AttachmentId).min(1).max(ATTACHMENTS_PER_MESSAGE_MAX),
    })
    .strict(),
  /** Delete one of my own messages. */
  z.object({ type: z.literal('message.delete'), messageId: z.uuid() }).strict(),
  /** I have read everything up to `seq`. */
  z.object({ type: z.literal('read'), seq: z.number().int().positive() }).strict(),
  /** I am (or stopped) typing; not logged, only passed to the partner. */
  z.object({ type: z.literal('typing'), typing: z.boolean() }).strict(),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

/** Personal (not couple-logged) notices: something about this user changed; refetch it. */
export const UserNotice = z.enum(['requests.changed', 'couple.formed', 'couple.ended']);
export type UserNotice = z.infer<typeof UserNotice>;

/** Server → client. */
export const ServerFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    protocol: z.literal(PROTOCOL_VERSION),
    userId: z.string(),
    coupleId: z.string().nullable(),
    lastSeq: z.number().int().nonnegative(),
  }),
  /** One event of the couple's log; delivered exactly once per sync, in seq order. */
  z.object({ type: z.literal('event'), coupleId: z.string(), ...CoupleEventDto.shape }),
  /** Everything up to `lastSeq` has been sent; what follows is live. */
  z.object({ type: z.literal('synced'), id: z.string().optional(), lastSeq: z.number().int() }),
  z.object({ type: z.literal('notice'), notice: UserNotice }),
  z.object({ type: z.literal('pong'), id: z.string().optional() }),
  /** The message is committed: it has its place (`seq`) and the server's time. */
  z.object({
    type: z.literal('message.ack'),
    messageId: z.string(),
    seq: z.number().int().positive(),
    at: z.iso.datetime(),
  }),
  z.object({ type: z.literal('typing'), userId: z.string(), typing: z.boolean() }),
  /**
   * One of the partner's connections has the app open (re-announced every 30 s) or closed it. Only
   * that; never where, on what, or since when. Not logged, never sent about oneself.
   */
  z.object({
    type: z.literal('presence'),
    userId: z.string(),
    connectionId: z.string(),
    online: z.boolean(),
  }),
  z.object({
    type: z.literal('error'),
    id: z.string().optional(),
    /** Set when the failed frame was about a message (send or delete). */
    messageId: z.string().optional(),
    code: ErrorCode,
    message: z.string(),
  }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;

/** WebSocket close codes the server uses (4000–4999 are for applications). */
export const WsCloseCode = {
  unauthenticated: 4401,
  forbiddenOrigin: 4403,
  policyViolation: 1008,
  tooLarge: 1009,
  shuttingDown: 1001,
} as const;
