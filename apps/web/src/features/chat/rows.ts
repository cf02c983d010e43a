import type { MessageDto } from '@couple-chat/protocol';
import { localDateAt } from '../../lib/dates';
import type { OutboxEntry } from './chatState';

export type ChatRow =
  | { kind: 'day'; key: string; date: string }
  | { kind: 'message'; key: string; message: MessageDto }
  | { kind: 'outbox'; key: string; entry: OutboxEntry };

/**
 * The list as it is drawn: committed messages, then what is still in the outbox, with a separator
 * wherever the calendar date (in the couple's time zone) changes.
 */
export function buildRows(
  messages: readonly MessageDto[],
  outbox: readonly OutboxEntry[],
  timeZone: string,
): ChatRow[] {
  const rows: ChatRow[] = [];
  let lastDay = '';
  const dayOf = (iso: string) => {
    const day = localDateAt(new Date(iso), timeZone);
    // Dates only move forward: an outbox entry stamped by a device clock behind the server's
    // belongs to the day already shown (YYYY-MM-DD compares as text).
    if (day <= lastDay) return;
    lastDay = day;
    rows.push({ kind: 'day', key: `day-${day}`, date: day });
  };
  for (const message of messages) {
    dayOf(message.createdAt);
    rows.push({ kind: 'message', key: message.id, message });
  }
  for (const entry of outbox) {
    dayOf(entry.createdAt);
    rows.push({ kind: 'outbox', key: entry.id, entry });
  }
  return rows;
}
