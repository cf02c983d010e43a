import type { AttachmentDto, SearchKind } from '@couple-chat/protocol';
import type { MessageDaysTable } from '../db/schema.js';
import { textGrams } from './search-text.js';

/** What the index stores for one message: its text's grams and the codes its filters match. */
export interface SearchDocument {
  coupleId: string;
  seq: number;
  grams: string[];
  filters: string[];
}

/** The filter code of a sender: the random end of their id (UUIDv7), enough to tell two apart. */
export const senderFilter = (userId: string) =>
  `s${userId
    .toLowerCase()
    .replace(/[^0-9a-z]/g, '')
    .slice(-16)}`;

const kindCodes: Record<SearchKind, string> = { text: 'kt', media: 'km', files: 'kf', links: 'kl' };
export const kindFilter = (kind: SearchKind) => kindCodes[kind];

interface FilterableMessage {
  sender_id: string;
  /** JSON of the protocol's AttachmentDto[]; null: none. */
  attachments?: string | null;
}

/** The filter codes a message matches: its sender and each kind it is of. */
export function filtersOf(message: FilterableMessage, hasLinks: boolean): string[] {
  const files = message.attachments ? (JSON.parse(message.attachments) as AttachmentDto[]) : [];
  const codes = [senderFilter(message.sender_id)];
  if (files.length === 0) codes.push(kindCodes.text);
  if (files.some((f) => f.kind === 'image' || f.kind === 'video')) codes.push(kindCodes.media);
  if (files.some((f) => f.kind === 'file')) codes.push(kindCodes.files);
  if (hasLinks) codes.push(kindCodes.links);
  return codes;
}

interface IndexableMessage extends FilterableMessage {
  couple_id: string;
  seq: number;
  body: string | null;
}

/** The documents of newly stored messages; a message without text has none (no word finds it). */
export function searchDocuments(
  messages: readonly IndexableMessage[],
  links: readonly { couple_id: string; message_seq: number }[],
): SearchDocument[] {
  const linked = new Set(links.map((l) => `${l.couple_id} ${l.message_seq}`));
  const docs: SearchDocument[] = [];
  for (const m of messages) {
    if (!m.body) continue;
    const grams = textGrams(m.body);
    if (grams.length === 0) continue;
    const seq = Number(m.seq);
    docs.push({
      coupleId: m.couple_id,
      seq,
      grams,
      filters: filtersOf(m, linked.has(`${m.couple_id} ${seq}`)),
    });
  }
  return docs;
}

/** What storing (+1) or deleting (-1) these messages does to their days: one row per couple and day. */
export function dayDeltas(
  messages: Iterable<{ couple_id: string; seq: number; day: string | null }>,
  sign: 1 | -1,
): MessageDaysTable[] {
  const days = new Map<string, MessageDaysTable>();
  for (const m of messages) {
    if (m.day === null) continue;
    const seq = Number(m.seq);
    const key = `${m.couple_id} ${m.day}`;
    const row = days.get(key);
    if (!row) {
      days.set(key, {
        couple_id: m.couple_id,
        day: m.day,
        first_seq: seq,
        last_seq: seq,
        messages: sign,
      });
      continue;
    }
    row.first_seq = Math.min(row.first_seq, seq);
    row.last_seq = Math.max(row.last_seq, seq);
    row.messages += sign;
  }
  return [...days.values()];
}
