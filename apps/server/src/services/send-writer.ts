import type { CoupleEventDto } from '@couple-chat/protocol';
import type { ProcedureCaller } from '../db/sqlite-worker-dialect.js';
import {
  errorFromWire,
  type Procedure,
  type WireError,
  wireError,
} from '../db/sqlite-worker-protocol.js';
import type { Outcome } from '../lib/group-commit.js';
import { type InTransaction, transactionRunner } from '../models/repositories.js';
import {
  type MessageAck,
  type PendingSend,
  type WrittenBatch,
  writeSends,
} from './message-batch.js';
import { type AskPolicy, type AskPolicySettings, askPolicyOf } from './question-asker.js';

/** Writes one group commit's sends in one transaction (see writeSends). */
export interface SendWriter {
  write(batch: readonly PendingSend[], now: number): Promise<WrittenBatch>;
  /** Batches that may be handed over at once (see GroupCommit). */
  readonly depth: number;
}

/** On this thread: PostgreSQL, whose work happens in its own process anyway. */
export function localSendWriter(inTransaction: InTransaction, policy: AskPolicy): SendWriter {
  return {
    write: (batch, now) => inTransaction((tx) => writeSends(tx, batch, now, policy)),
    // Two transactions at once would each lock couples' rows, in orders that may cross.
    depth: 1,
  };
}

/**
 * On SQLite's thread (db/sqlite-worker-dialect.ts): the batch's twenty-odd statements and its
 * commit run there in one call, while this thread goes on with the sockets.
 */
export function threadSendWriter(call: ProcedureCaller, policy: AskPolicySettings): SendWriter {
  return {
    async write(batch, now) {
      const written = (await call('writeSends', { batch, now, policy })) as WireBatch;
      return {
        outcomes: written.outcomes.map((o) =>
          o.ok ? o : { ok: false, error: errorFromWire(o.error) },
        ),
        events: written.events,
      };
    },
    // The thread runs procedures one after another, in order: the next batch waits there, so
    // the thread goes on to it without waiting for this one to come back.
    depth: 2,
  };
}

interface WireBatch {
  outcomes: ({ ok: true; value: MessageAck } | { ok: false; error: WireError })[];
  events: Map<string, CoupleEventDto[]>;
}

/** What the SQLite thread runs for threadSendWriter. */
export const sendProcedures: Record<string, Procedure> = {
  async writeSends(db, args) {
    const { batch, now, policy } = args as {
      batch: PendingSend[];
      now: number;
      policy: AskPolicySettings;
    };
    const written = await transactionRunner(db)((tx) =>
      writeSends(tx, batch, now, askPolicyOf(policy)),
    );
    const outcomes = written.outcomes.map((o: Outcome<MessageAck>) =>
      o.ok ? o : { ok: false as const, error: wireError(o.error) },
    );
    return { outcomes, events: written.events } satisfies WireBatch;
  },
};
