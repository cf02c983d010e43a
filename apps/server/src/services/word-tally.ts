import { tokenize } from '@couple-chat/words';
import type { WordCountsTable } from '../db/schema.js';

interface CountedMessage {
  couple_id: string;
  sender_id: string;
  /** The local day the message counts on; null for messages stored before words were counted. */
  day: string | null;
  body: string | null;
  /** The body's words when already tokenized. */
  words?: readonly string[];
}

/**
 * What storing (+1) or deleting (-1) these messages does to the word counts: one delta per
 * couple, day, user and word, so a batch becomes one upsert.
 */
export function wordDeltas(messages: Iterable<CountedMessage>, sign: 1 | -1): WordCountsTable[] {
  const deltas = new Map<string, WordCountsTable>();
  for (const m of messages) {
    if (m.day === null || m.body === null) continue;
    for (const word of m.words ?? tokenize(m.body)) {
      const key = `${m.couple_id}\n${m.day}\n${m.sender_id}\n${word}`;
      const delta = deltas.get(key);
      if (delta) delta.count += sign;
      else
        deltas.set(key, {
          couple_id: m.couple_id,
          day: m.day,
          user_id: m.sender_id,
          word,
          count: sign,
        });
    }
  }
  return [...deltas.values()];
}
