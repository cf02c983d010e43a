import type { MessagesResponse, ReadPositionsResponse } from '@couple-chat/protocol';
import { uniqueViolationColumn } from '../db/errors.js';
import { DomainError, NotFoundError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import type { InTransaction, Repositories } from '../models/repositories.js';
import type { AccessService } from './access.service.js';
import { appendCoupleEvent, type Publisher } from './couple-log.js';
import { toMessageDto } from './message.presenter.js';
import type { AuthContext } from './session.service.js';

export interface MessageAck {
  messageId: string;
  seq: number;
  at: string;
}

/**
 * A sender as the WebSocket knows them: the couple id comes from the access check made when the
 * socket joined its couple (and again whenever the couple changes), never from the client.
 */
export interface CoupleMember {
  userId: string;
  coupleId: string | null;
}

const notInCouple = () => new DomainError('not_in_couple', 'You are not connected with a partner.');

const idConflict = () =>
  new DomainError('message_id_conflict', 'This message id is already used by another message.');

/** Chat messages: persisted and logged in one transaction, acked only after commit. */
export class MessageService {
  constructor(
    private readonly deps: {
      repos: Repositories;
      inTransaction: InTransaction;
      access: AccessService;
      publisher: Publisher;
      clock: Clock;
    },
  ) {}

  /**
   * Stores the message and appends `message.created` to the couple's log. The client-chosen id
   * makes this idempotent: a resend returns the first ack and creates nothing.
   */
  async send(sender: CoupleMember, messageId: string, body: string): Promise<MessageAck> {
    const { userId, coupleId } = sender;
    if (!coupleId) throw notInCouple();
    const couple = { id: coupleId };
    let created: Awaited<ReturnType<typeof appendCoupleEvent>>;
    try {
      // The hot path is one transaction of three statements: no pre-reads. A resend is recognised
      // by the primary key refusing the second insert.
      created = await this.deps.inTransaction(async (tx) => {
        const now = this.deps.clock.now();
        const seq = await tx.couples.nextSeqIfOpen(couple.id);
        if (seq === undefined) throw notInCouple();
        const row = {
          couple_id: couple.id,
          id: messageId,
          seq,
          sender_id: userId,
          body,
          created_at: now,
          deleted_at: null,
        };
        await tx.messages.insert(row);
        const event = { type: 'message.created' as const, message: toMessageDto(row) };
        await tx.coupleEvents.insert({
          couple_id: couple.id,
          seq,
          type: event.type,
          payload: JSON.stringify(event),
          created_at: now,
        });
        return { seq, at: new Date(now).toISOString(), event };
      });
    } catch (err) {
      // The same id raced in from another connection and won: answer as for a resend.
      const winner = uniqueViolationColumn(err)
        ? await this.deps.repos.messages.findById(couple.id, messageId)
        : undefined;
      if (winner) return this.ackForResend(winner, userId, body);
      throw err;
    }
    await this.deps.publisher.coupleEvents(couple.id, [created]);
    return { messageId, seq: created.seq, at: created.at };
  }

  private ackForResend(
    existing: {
      sender_id: string;
      body: string | null;
      seq: number;
      created_at: number;
      deleted_at: number | null;
      id: string;
    },
    userId: string,
    body: string,
  ): MessageAck {
    // Only a true resend (same sender, same text) is recognised; a deleted one stays deleted.
    if (existing.sender_id !== userId || (existing.deleted_at === null && existing.body !== body))
      throw idConflict();
    return {
      messageId: existing.id,
      seq: Number(existing.seq),
      at: new Date(existing.created_at).toISOString(),
    };
  }

  /** Deletes one's own message: the text is erased from the message and from the log. */
  async delete(userId: string, messageId: string): Promise<void> {
    const { couple } = await this.deps.access.requireCoupleOf(userId);
    const message = await this.deps.repos.messages.findById(couple.id, messageId);
    if (!message) throw new NotFoundError('No such message.');
    if (message.sender_id !== userId) {
      throw new DomainError('not_your_message', 'You can delete only your own messages.');
    }
    const event = await this.deps.inTransaction(async (tx) => {
      const now = this.deps.clock.now();
      if (!(await tx.messages.markDeleted(couple.id, messageId, now))) return undefined;
      const tombstone = toMessageDto({ ...message, body: null, deleted_at: now });
      await tx.coupleEvents.replacePayload(
        couple.id,
        Number(message.seq),
        JSON.stringify({ type: 'message.created', message: tombstone }),
      );
      return appendCoupleEvent(
        tx,
        couple.id,
        { type: 'message.deleted', id: messageId, by: userId },
        now,
      );
    });
    if (event) await this.deps.publisher.coupleEvents(couple.id, [event]);
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

  async history(
    auth: AuthContext,
    before: number | undefined,
    limit: number,
  ): Promise<MessagesResponse> {
    const { couple } = await this.deps.access.requireCouple(auth);
    const rows = await this.deps.repos.messages.listBefore(couple.id, before, limit + 1);
    return {
      messages: rows.slice(0, limit).reverse().map(toMessageDto),
      hasMore: rows.length > limit,
    };
  }

  async readPositions(auth: AuthContext): Promise<ReadPositionsResponse> {
    const { couple } = await this.deps.access.requireCouple(auth);
    const rows = await this.deps.repos.readPositions.list(couple.id);
    return { positions: rows.map((r) => ({ userId: r.user_id, seq: r.seq })) };
  }
}
