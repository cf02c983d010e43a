import type {
  CoupleEventDto,
  MessagesResponse,
  ReadPositionsResponse,
} from '@couple-chat/protocol';
import { uniqueViolationColumn } from '../db/errors.js';
import type { CoupleEventsTable } from '../db/schema.js';
import { DomainError, NotFoundError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { GroupCommit, type Outcome } from '../lib/group-commit.js';
import type { MessageRow } from '../models/message.repository.js';
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

interface PendingSend {
  userId: string;
  coupleId: string;
  messageId: string;
  body: string;
}

const keyOf = (coupleId: string, messageId: string) => `${coupleId} ${messageId}`;

function settleNow<R>(fn: () => R): Outcome<R> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

async function settle<R>(fn: () => Promise<R>): Promise<Outcome<R>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error };
  }
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
   * makes this idempotent: a resend returns the first ack and creates nothing. Sends that arrive
   * together are written in one transaction (group commit); each is acked only after it.
   */
  async send(sender: CoupleMember, messageId: string, body: string): Promise<MessageAck> {
    const { userId, coupleId } = sender;
    if (!coupleId) throw notInCouple();
    return this.sends.submit({ userId, coupleId, messageId, body });
  }

  private readonly sends = new GroupCommit<PendingSend, MessageAck>(async (batch) => {
    try {
      return await this.writeBatch(batch);
    } catch {
      // The batch failed as a whole (say the same id raced in on another instance and won):
      // one by one, in order, each send gets its own answer.
      const outcomes: Outcome<MessageAck>[] = [];
      for (const item of batch) outcomes.push(await settle(() => this.sendOne(item)));
      return outcomes;
    }
  });

  /**
   * One transaction for the batch: which ids exist already (resends), one seq reservation per
   * couple, and one insert each for the messages and their log events.
   */
  private async writeBatch(batch: PendingSend[]): Promise<Outcome<MessageAck>[]> {
    const outcomes: Outcome<MessageAck>[] = new Array(batch.length);
    const published = new Map<string, CoupleEventDto[]>();
    const written = new Map<string, MessageRow>();
    await this.deps.inTransaction(async (tx) => {
      const now = this.deps.clock.now();
      const keys = batch.map((item) => ({ coupleId: item.coupleId, id: item.messageId }));
      const existing = new Map(
        (await tx.messages.findMany(keys)).map((row) => [keyOf(row.couple_id, row.id), row]),
      );
      const fresh = new Map<string, number[]>();
      const claimed = new Set<string>();
      batch.forEach((item, i) => {
        const key = keyOf(item.coupleId, item.messageId);
        const row = existing.get(key);
        if (row) outcomes[i] = settleNow(() => this.ackForResend(row, item.userId, item.body));
        else if (!claimed.has(key)) {
          claimed.add(key);
          const ofCouple = fresh.get(item.coupleId);
          if (ofCouple) ofCouple.push(i);
          else fresh.set(item.coupleId, [i]);
        }
      });
      const messages: MessageRow[] = [];
      const events: CoupleEventsTable[] = [];
      const reserved = await tx.couples.reserveSeqsIfOpen(
        new Map([...fresh].map(([coupleId, indexes]) => [coupleId, indexes.length])),
      );
      for (const [coupleId, indexes] of fresh) {
        const last = reserved.get(coupleId);
        if (last === undefined) {
          for (const i of indexes) outcomes[i] = { ok: false, error: notInCouple() };
          continue;
        }
        const dtos: CoupleEventDto[] = [];
        indexes.forEach((i, n) => {
          const item = batch[i] as PendingSend;
          const seq = last - indexes.length + 1 + n;
          const row: MessageRow = {
            couple_id: coupleId,
            id: item.messageId,
            seq,
            sender_id: item.userId,
            body: item.body,
            created_at: now,
            deleted_at: null,
          };
          const event = { type: 'message.created' as const, message: toMessageDto(row) };
          const at = new Date(now).toISOString();
          messages.push(row);
          events.push({
            couple_id: coupleId,
            seq,
            type: event.type,
            payload: JSON.stringify(event),
            created_at: now,
          });
          written.set(keyOf(coupleId, item.messageId), row);
          dtos.push({ seq, at, event });
          outcomes[i] = { ok: true, value: { messageId: item.messageId, seq, at } };
        });
        published.set(coupleId, dtos);
      }
      await tx.messages.insert(...messages);
      await tx.coupleEvents.insert(...events);
    });
    // The same id twice in one batch (two devices resending at once): the later is a resend.
    batch.forEach((item, i) => {
      if (outcomes[i]) return;
      const row = written.get(keyOf(item.coupleId, item.messageId));
      outcomes[i] = row
        ? settleNow(() => this.ackForResend(row, item.userId, item.body))
        : { ok: false, error: notInCouple() };
    });
    await Promise.all(
      [...published].map(([coupleId, dtos]) => this.deps.publisher.coupleEvents(coupleId, dtos)),
    );
    return outcomes;
  }

  /** The unbatched path: three statements, and a resend recognised by the primary key. */
  private async sendOne({ userId, coupleId, messageId, body }: PendingSend): Promise<MessageAck> {
    let created: CoupleEventDto;
    try {
      created = await this.deps.inTransaction(async (tx) => {
        const now = this.deps.clock.now();
        const seq = (await tx.couples.reserveSeqsIfOpen(new Map([[coupleId, 1]]))).get(coupleId);
        if (seq === undefined) throw notInCouple();
        const row = {
          couple_id: coupleId,
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
          couple_id: coupleId,
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
        ? await this.deps.repos.messages.findById(coupleId, messageId)
        : undefined;
      if (winner) return this.ackForResend(winner, userId, body);
      throw err;
    }
    await this.deps.publisher.coupleEvents(coupleId, [created]);
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
