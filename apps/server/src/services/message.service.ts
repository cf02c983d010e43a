import { addDays } from '@couple-chat/dates';
import type { MessagesQuery, MessagesResponse, ReadPositionsResponse } from '@couple-chat/protocol';
import { uniqueViolationColumn } from '../db/errors.js';
import { DomainError, NotFoundError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { GroupCommit, type Outcome } from '../lib/group-commit.js';
import type { InTransaction, Repositories } from '../models/repositories.js';
import { dayDeltas } from '../search/search-documents.js';
import type { AccessService } from './access.service.js';
import { appendCoupleEvent, type Publisher } from './couple-log.js';
import { toMessageDto } from './message.presenter.js';
import {
  ackForResend,
  type MessageAck,
  notInCouple,
  type PendingSend,
  type WrittenBatch,
} from './message-batch.js';
import type { SendWriter } from './send-writer.js';
import type { AuthContext } from './session.service.js';
import { wordDeltas } from './word-tally.js';

export type { MessageAck };

/** What deleting a message needs from the attachments (see AttachmentService). */
export interface MessageFiles {
  forgetMessageFiles(
    tx: Repositories,
    coupleId: string,
    message: { id: string; seq: number },
    now: number,
  ): Promise<string[]>;
  reap(prefixes: readonly string[]): Promise<void>;
}

/**
 * A sender as the WebSocket knows them: the couple id comes from the access check made when the
 * socket joined its couple (and again whenever the couple changes), never from the client.
 */
export interface CoupleMember {
  userId: string;
  coupleId: string | null;
}

async function settle<R>(fn: () => Promise<R>): Promise<Outcome<R>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Chat messages: persisted and logged in one transaction, acked only after commit. */
export class MessageService {
  constructor(
    private readonly deps: {
      repos: Repositories;
      inTransaction: InTransaction;
      access: AccessService;
      publisher: Publisher;
      clock: Clock;
      /** Writes a batch of sends in one transaction: here, or on SQLite's thread. */
      writeSends: SendWriter;
      /** The files of a deleted message go with it. */
      files: MessageFiles;
      maxFilesPerMessage: number;
    },
  ) {
    this.sends = new GroupCommit<PendingSend, MessageAck, WrittenBatch>(
      {
        commit: (batch) => this.commit(batch),
        // Events go out after commit, in commit order; then each send gets its answer.
        deliver: async ({ outcomes, events }) => {
          await Promise.all(
            [...events].map(([coupleId, dtos]) => this.deps.publisher.coupleEvents(coupleId, dtos)),
          );
          return outcomes;
        },
      },
      { depth: this.deps.writeSends.depth },
    );
  }

  private readonly sends: GroupCommit<PendingSend, MessageAck, WrittenBatch>;

  /**
   * Stores the message and appends `message.created` to the couple's log. The client-chosen id
   * makes this idempotent: a resend returns the first ack and creates nothing. Sends that arrive
   * together are written in one transaction (group commit); each is acked only after it.
   */
  async send(sender: CoupleMember, messageId: string, body: string): Promise<MessageAck> {
    const { userId, coupleId } = sender;
    if (!coupleId) throw notInCouple();
    return this.sends.submit({ userId, coupleId, messageId, body });
  }

  /**
   * A message of photos, videos or files (uploaded before, see UploadService) with an optional
   * caption: the same log, ack and resend rules as text. It is refused unless every file is
   * completely uploaded, by this sender, and in no other message.
   */
  async sendFiles(
    sender: CoupleMember,
    messageId: string,
    caption: string,
    attachmentIds: readonly string[],
  ): Promise<MessageAck> {
    const { userId, coupleId } = sender;
    if (!coupleId) throw notInCouple();
    if (attachmentIds.length > this.deps.maxFilesPerMessage) {
      throw new DomainError(
        'too_many_files',
        `A message may carry at most ${this.deps.maxFilesPerMessage} files.`,
      );
    }
    if (new Set(attachmentIds).size !== attachmentIds.length) {
      throw new DomainError('validation_failed', 'The same file is named twice.');
    }
    return this.sends.submit({ userId, coupleId, messageId, body: caption, attachmentIds });
  }

  /** One transaction for the batch (see writeSends). */
  private async commit(batch: PendingSend[]): Promise<WrittenBatch> {
    try {
      return await this.deps.writeSends.write(batch, this.deps.clock.now());
    } catch {
      // The batch failed as a whole (say the same id raced in on another instance and won):
      // one by one, in order, each send gets its own answer.
      const all: WrittenBatch = { outcomes: [], events: new Map() };
      for (const item of batch) {
        const { outcome, events } = await this.commitOne(item);
        all.outcomes.push(outcome);
        for (const [coupleId, dtos] of events) {
          all.events.set(coupleId, [...(all.events.get(coupleId) ?? []), ...dtos]);
        }
      }
      return all;
    }
  }

  /** One send on its own; a resend that raced in from another connection gets the first ack. */
  private async commitOne(
    item: PendingSend,
  ): Promise<{ outcome: Outcome<MessageAck>; events: WrittenBatch['events'] }> {
    try {
      const { outcomes, events } = await this.deps.writeSends.write([item], this.deps.clock.now());
      return { outcome: outcomes[0] ?? { ok: false, error: notInCouple() }, events };
    } catch (err) {
      const winner = uniqueViolationColumn(err)
        ? await this.deps.repos.messages.findById(item.coupleId, item.messageId)
        : undefined;
      const outcome = winner
        ? await settle(async () => ackForResend(winner, item.userId, item.body))
        : { ok: false as const, error: err };
      return { outcome, events: new Map() };
    }
  }

  /** Deletes one's own message: the text is erased from the message and from the log. */
  async delete(userId: string, messageId: string): Promise<void> {
    const { couple } = await this.deps.access.requireCoupleOf(userId);
    const message = await this.deps.repos.messages.findById(couple.id, messageId);
    if (!message) throw new NotFoundError('No such message.');
    if (message.sender_id !== userId) {
      throw new DomainError('not_your_message', 'You can delete only your own messages.');
    }
    let removedFiles: string[] = [];
    const event = await this.deps.inTransaction(async (tx) => {
      const now = this.deps.clock.now();
      if (!(await tx.messages.markDeleted(couple.id, messageId, now))) return undefined;
      removedFiles = await this.deps.files.forgetMessageFiles(
        tx,
        couple.id,
        { id: messageId, seq: Number(message.seq) },
        now,
      );
      // Appending locks the couple's row first, so the window cannot move under what follows.
      const deleted = await appendCoupleEvent(
        tx,
        couple.id,
        { type: 'message.deleted', id: messageId, by: userId },
        now,
      );
      // Search no longer finds it, and its day counts one message less.
      await tx.messageSearch.remove(couple.id, Number(message.seq));
      await tx.messageDays.record(dayDeltas([message], -1));
      // Its words stop counting, on the day they were counted on — if that day is still counted.
      const wordsFrom = (await tx.couples.findById(couple.id))?.words_from ?? null;
      if (message.day !== null && (wordsFrom === null || message.day >= wordsFrom)) {
        await tx.wordCounts.record(wordDeltas([message], -1));
      }
      return deleted;
    });
    if (event) await this.deps.publisher.coupleEvents(couple.id, [event]);
    await this.deps.files.reap(removedFiles);
  }

  /** Moves the reader's position forward (never back) and tells the partner. */
  async markRead(userId: string, seq: number): Promise<void> {
    const { couple } = await this.deps.access.requireCoupleOf(userId);
    // Clamped to the newest message, not the newest event: reading "to the end" must not make the
    // read.updated events themselves unread, or two clients would answer each other forever.
    const upTo = Math.min(seq, await this.deps.repos.messages.latestSeq(couple.id));
    if (upTo <= 0) return;
    const event = await this.deps.inTransaction(async (tx) => {
      const now = this.deps.clock.now();
      if (!(await tx.readPositions.advance(couple.id, userId, upTo, now))) return undefined;
      return appendCoupleEvent(tx, couple.id, { type: 'read.updated', userId, seq: upTo }, now);
    });
    if (event) await this.deps.publisher.coupleEvents(couple.id, [event]);
  }

  /** A page of history: the newest, older or newer than a seq, or around a seq or a day. */
  async history(auth: AuthContext, query: MessagesQuery): Promise<MessagesResponse> {
    const { couple } = await this.deps.access.requireCouple(auth);
    const { limit } = query;
    if (query.after !== undefined) return this.newer(couple.id, query.after, limit);
    if (query.around !== undefined)
      return this.around(couple.id, query.around, Math.floor(limit / 2), limit);
    if (query.day !== undefined) {
      const anchor = await this.firstOfDay(couple.id, query.day);
      // A day jump shows a little of the day before, then the day itself.
      if (anchor !== undefined) return this.around(couple.id, anchor, Math.floor(limit / 4), limit);
      return { ...(await this.older(couple.id, undefined, limit)), hasNewer: false, anchor: null };
    }
    return this.older(couple.id, query.before, limit);
  }

  private async older(coupleId: string, before: number | undefined, limit: number) {
    const rows = await this.deps.repos.messages.listBefore(coupleId, before, limit + 1);
    return {
      messages: rows.slice(0, limit).reverse().map(toMessageDto),
      hasMore: rows.length > limit,
    };
  }

  private async newer(coupleId: string, after: number, limit: number): Promise<MessagesResponse> {
    const rows = await this.deps.repos.messages.listAfter(coupleId, after, limit + 1);
    const page = rows.slice(0, limit);
    const first = page[0] ? Number(page[0].seq) : after + 1;
    const hasMore = (await this.deps.repos.messages.listBefore(coupleId, first, 1)).length > 0;
    return { messages: page.map(toMessageDto), hasMore, hasNewer: rows.length > limit };
  }

  /** `before` messages older than `seq`, then `seq` (or the next message) and newer ones. */
  private async around(
    coupleId: string,
    seq: number,
    before: number,
    limit: number,
  ): Promise<MessagesResponse> {
    const { messages } = this.deps.repos;
    const from = await messages.listAfter(coupleId, seq - 1, limit + 1);
    const older = await messages.listBefore(coupleId, seq, limit + 1);
    // `before` older ones when there are enough newer ones; otherwise fill the page with older.
    const olderCount = Math.min(older.length, limit - Math.min(from.length, limit - before));
    const newerCount = Math.min(from.length, limit - olderCount);
    return {
      messages: [...older.slice(0, olderCount).reverse(), ...from.slice(0, newerCount)].map(
        toMessageDto,
      ),
      hasMore: older.length > olderCount,
      hasNewer: from.length > newerCount,
      anchor: from[0] ? Number(from[0].seq) : null,
    };
  }

  /** The first message of `day` that is not deleted, or of the next day that has one. */
  private async firstOfDay(coupleId: string, day: string): Promise<number | undefined> {
    const { messages, messageDays } = this.deps.repos;
    for (let from = day; ; ) {
      const found = await messageDays.firstDayFrom(coupleId, from);
      if (!found) return undefined;
      const seq = await messages.firstOfDay(
        coupleId,
        found.day,
        Number(found.first_seq),
        Number(found.last_seq),
      );
      if (seq !== undefined) return seq;
      from = nextDay(found.day);
    }
  }

  async readPositions(auth: AuthContext): Promise<ReadPositionsResponse> {
    const { couple } = await this.deps.access.requireCouple(auth);
    const rows = await this.deps.repos.readPositions.list(couple.id);
    return { positions: rows.map((r) => ({ userId: r.user_id, seq: r.seq })) };
  }
}

const nextDay = (day: string) => addDays(day, 1);
