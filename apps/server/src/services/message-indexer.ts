import { findLinks } from '@couple-chat/protocol';
import type { ProcedureCaller } from '../db/sqlite-worker-dialect.js';
import type { Procedure } from '../db/sqlite-worker-protocol.js';
import type { Logger } from '../lib/logger.js';
import {
  type InTransaction,
  type Repositories,
  transactionRunner,
} from '../models/repositories.js';
import { dayDeltas, searchDocuments } from '../search/search-documents.js';
import { wordDeltas } from './word-tally.js';

/**
 * Word counts, days and the search index are derived from the messages. Counting them in the
 * send transaction made every send write about five more pages (each couple's rows sit on their
 * own pages); counted here, a batch that holds several messages of the same couple writes them
 * once. The send only queues the message (models/message-index-queue.repository.ts), in its own
 * transaction, so a message is never lost from the indexes: whatever is queued when the server
 * stops is counted after it starts.
 */

/**
 * Takes up to `limit` queued messages (only `coupleId`'s when given) and counts them, in the
 * caller's transaction. Returns how many it took.
 */
export async function indexQueued(
  tx: Repositories,
  limit: number,
  coupleId?: string,
): Promise<number> {
  const candidates = await tx.indexQueue.peek(limit, coupleId);
  if (candidates.length === 0) return 0;
  // The couples' rows first, as sends and deletes lock them, so the order never crosses (on
  // PostgreSQL); and the ranking's window cannot move before the words are counted in it.
  const windows = await tx.couples.lockWordWindows([...new Set(candidates.map((m) => m.coupleId))]);
  // Another indexer, or a delete, may have taken some since they were read.
  const taken = await tx.indexQueue.take(candidates);
  const messages = await tx.messages.findLive(taken);
  const links = messages
    .filter((m) => m.body !== null && findLinks(m.body).length > 0)
    .map((m) => ({ couple_id: m.couple_id, message_seq: Number(m.seq) }));
  // Words count on the message's own day, unless that day has already left the window.
  const counted = messages.filter((m) => {
    const from = windows.get(m.couple_id) ?? null;
    return m.day !== null && (from === null || m.day >= from);
  });
  await tx.wordCounts.record(wordDeltas(counted, 1));
  await tx.messageSearch.add(searchDocuments(messages, links));
  await tx.messageDays.record(dayDeltas(messages, 1));
  return candidates.length;
}

/** Runs one indexing transaction: here, or on SQLite's thread next to the data. */
export type IndexPass = (limit: number, coupleId?: string) => Promise<number>;

/** On this thread: PostgreSQL. */
export const localIndexPass =
  (inTransaction: InTransaction): IndexPass =>
  (limit, coupleId) =>
    inTransaction((tx) => indexQueued(tx, limit, coupleId));

/** On SQLite's thread (db/sqlite-worker-dialect.ts): tokenizing happens there too. */
export const threadIndexPass =
  (call: ProcedureCaller): IndexPass =>
  async (limit, coupleId) =>
    (await call('indexQueued', { limit, coupleId })) as number;

/** What the SQLite thread runs for threadIndexPass. */
export const indexProcedures: Record<string, Procedure> = {
  indexQueued(db, args) {
    const { limit, coupleId } = args as { limit: number; coupleId?: string };
    return transactionRunner(db)((tx) => indexQueued(tx, limit, coupleId));
  },
};

export interface IndexerOptions {
  /** How long queued messages wait for more to join them; 1 s by default. */
  delayMs?: number;
  /** Messages per transaction: each one holds the database while it runs; 256 by default. */
  batch?: number;
}

/**
 * Counts queued messages in the background, a little after they were sent, and at once for a
 * couple whose derived data is about to be read (catchUp), so nobody misses their own messages.
 */
export class MessageIndexer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly delayMs: number;
  private readonly batch: number;

  constructor(
    private readonly pass: IndexPass,
    private readonly logger: Logger,
    options: IndexerOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 1000;
    this.batch = options.batch ?? 256;
  }

  /** Messages were queued: a background run soon, unless one is already due. */
  nudge(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // One background run at a time; a nudge during it schedules the next.
      this.running = this.running.then(() => this.drain()).catch(() => {});
    }, this.delayMs);
  }

  /** Everything this couple has queued is counted when this resolves (or failed, logged). */
  async catchUp(coupleId: string): Promise<void> {
    try {
      while ((await this.pass(this.batch, coupleId)) === this.batch) {}
    } catch (err) {
      // Stale counts are better than no answer; the background run will count them.
      this.logger.warn({ err, coupleId }, 'indexing a couple before a read failed');
      this.nudge();
    }
  }

  /** Stops the background runs, after the one in progress. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (!this.closed && (await this.pass(this.batch)) === this.batch) {}
    } catch (err) {
      this.logger.error({ err }, 'indexing queued messages failed; retrying later');
      this.nudge();
    }
  }
}
