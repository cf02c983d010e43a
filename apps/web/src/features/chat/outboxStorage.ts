import {
  AttachmentId,
  AttachmentKind,
  CaptionBody,
  ErrorCode,
  MessageBody,
} from '@couple-chat/protocol';
import { z } from 'zod';
import type { OutboxEntry } from './chatState';

const StoredFile = z.object({
  key: z.string().min(1).max(64),
  name: z.string().max(1024),
  size: z.number().int().nonnegative(),
  type: z.string().max(255),
  kind: AttachmentKind,
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  durationMs: z.number().int().nonnegative().optional(),
  upload: z.enum(['uploading', 'done', 'failed']),
  attachmentId: AttachmentId.optional(),
  error: z
    .union([ErrorCode, z.enum(['network_error', 'unexpected_response', 'file_missing'])])
    .optional(),
});

const StoredEntry = z
  .object({
    id: z.uuid(),
    body: CaptionBody,
    createdAt: z.iso.datetime(),
    status: z.enum(['pending', 'sending', 'failed', 'held', 'sent']),
    error: ErrorCode.optional(),
    files: z.array(StoredFile).min(1).optional(),
  })
  // A text message needs text; one with files may have an empty caption.
  .refine((e) => e.files !== undefined || MessageBody.safeParse(e.body).success);

const storageKey = (coupleId: string) => `couple-chat.outbox.${coupleId}`;

const resent = new Set(['sending', 'held', 'sent']);

/**
 * What was still unsent when the page closed; a send in flight then is simply sent again, and so
 * is one held for a question (the server holds it back again if the answer is still owed) or one
 * acked but not yet seen committed (the server acks a resend without a duplicate).
 */
export function loadOutbox(coupleId: string): OutboxEntry[] {
  try {
    const raw = globalThis.localStorage?.getItem(storageKey(coupleId));
    const parsed = z.array(StoredEntry).safeParse(raw ? JSON.parse(raw) : []);
    if (!parsed.success) return [];
    return parsed.data.map((e) => (resent.has(e.status) ? { ...e, status: 'pending' } : e));
  } catch {
    return [];
  }
}

export function saveOutbox(coupleId: string, outbox: readonly OutboxEntry[]): void {
  try {
    const key = storageKey(coupleId);
    if (outbox.length === 0) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, JSON.stringify(outbox));
  } catch {
    // Storage may be full or refused (private browsing): the outbox then lives as long as the page.
  }
}
