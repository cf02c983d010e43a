import type { AttachmentKind, ClientFrame } from '@couple-chat/protocol';
import type { UploadErrorCode } from '../files/uploads';
import type { OutboxEntry } from './chatState';

/** A photo, video or file of an unsent message; its bytes live with the upload manager under `key`. */
export interface OutboxFile {
  key: string;
  name: string;
  size: number;
  /** The type the browser gave it (the server sniffs the real one). */
  type: string;
  kind: AttachmentKind;
  /** Measured from the local preview, to reserve the picture's space. */
  width?: number | undefined;
  height?: number | undefined;
  durationMs?: number | undefined;
  upload: 'uploading' | 'done' | 'failed';
  /** Set once the upload is done: what the message names. */
  attachmentId?: string | undefined;
  error?: UploadErrorCode | undefined;
}

/** The outbox with one file changed (the same array when no entry has it). */
export function updateFile(
  outbox: OutboxEntry[],
  key: string,
  update: (file: OutboxFile) => OutboxFile,
): OutboxEntry[] {
  const entry = entryWithFile(outbox, key);
  if (!entry) return outbox;
  return outbox.map((e) =>
    e === entry ? { ...e, files: e.files?.map((f) => (f.key === key ? update(f) : f)) } : e,
  );
}

/** The outbox without one file; its message goes on with the rest, its caption alone, or not at all. */
export function removeFile(outbox: OutboxEntry[], key: string): OutboxEntry[] {
  const entry = entryWithFile(outbox, key);
  // Once sent, the message is the server's: only deleting it removes a file.
  if (!entry?.files || entry.status === 'sent' || entry.status === 'sending') return outbox;
  const files = entry.files.filter((f) => f.key !== key);
  const replace = (next: OutboxEntry) => outbox.map((e) => (e === entry ? next : e));
  if (files.length > 0) return replace({ ...entry, files });
  if (entry.body.trim() === '') return outbox.filter((e) => e !== entry);
  return replace({ ...entry, files: undefined, body: entry.body.trim() });
}

/** The unsent message a file belongs to. */
export function entryWithFile(
  outbox: readonly OutboxEntry[],
  key: string,
): OutboxEntry | undefined {
  return outbox.find((e) => e.files?.some((f) => f.key === key));
}

/** Whether every file of the message is uploaded (a text message has none to wait for). */
export function uploadsDone(entry: OutboxEntry): boolean {
  return entry.files?.every((f) => f.upload === 'done') ?? true;
}

/** The frame that sends an entry: text alone, or files (uploaded) with a caption. */
export function sendFrame(entry: OutboxEntry): ClientFrame {
  if (!entry.files) return { type: 'message.send', messageId: entry.id, body: entry.body };
  return {
    type: 'message.send.files',
    messageId: entry.id,
    body: entry.body,
    attachmentIds: entry.files.flatMap((f) => (f.attachmentId ? [f.attachmentId] : [])),
  };
}

/**
 * Bytes of the outbox the server did not count yet when the storage was last read (`since`, ms):
 * it counts an upload from its creation, so only files queued after that read are added.
 */
export function pendingUploadBytes(outbox: readonly OutboxEntry[], since = 0): number {
  let total = 0;
  for (const entry of outbox) {
    if (Date.parse(entry.createdAt) <= since) continue;
    for (const file of entry.files ?? []) total += file.size;
  }
  return total;
}
