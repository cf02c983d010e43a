import { ErrorCode, MessageBody } from '@couple-chat/protocol';
import { z } from 'zod';
import type { OutboxEntry } from './chatState';

const StoredEntry = z.object({
  id: z.uuid(),
  body: MessageBody,
  createdAt: z.iso.datetime(),
  status: z.enum(['pending', 'sending', 'failed', 'held']),
  error: ErrorCode.optional(),
});

const storageKey = (coupleId: string) => `couple-chat.outbox.${coupleId}`;

/**
 * What was still unsent when the page closed; a send in flight then is simply sent again, and so
 * is one held for a question (the server holds it back again if the answer is still owed).
 */
export function loadOutbox(coupleId: string): OutboxEntry[] {
  try {
    const raw = globalThis.localStorage?.getItem(storageKey(coupleId));
    const parsed = z.array(StoredEntry).safeParse(raw ? JSON.parse(raw) : []);
    if (!parsed.success) return [];
    return parsed.data.map((e) =>
      e.status === 'sending' || e.status === 'held' ? { ...e, status: 'pending' } : e,
    );
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
