import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import {
  ClientFrame,
  type ClientFrame as ClientFrameT,
  PROTOCOL_VERSION,
  type ServerFrame,
  WsCloseCode,
} from '@couple-chat/protocol';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { DomainError } from '../errors.js';
import type { Logger } from '../lib/logger.js';
import type { Repositories } from '../models/repositories.js';
import type { AccessService } from '../services/access.service.js';
import { toCoupleEventDto } from '../services/couple-log.js';
import type { MessageService } from '../services/message.service.js';
import { coupleTopic, type Hub, type HubMessage, type Subscription, userTopic } from './hub.js';
import { TokenBucket } from './token-bucket.js';

const CATCH_UP_PAGE = 200;
/** A client this far behind is closed rather than buffered without bound; it resumes by seq. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Frames a socket may send: bursts of 60, 20 a second sustained; far past that is abuse. */
const FRAME_BURST = 60;
const FRAMES_PER_SECOND = 20;
const ABUSE_THRESHOLD = 200;

const MessageRef = z.object({
  type: z.enum(['message.send', 'message.send.files', 'message.delete']),
  messageId: z.uuid(),
});

/** Which message a refused frame was about, so the client can tell which send or delete failed. */
function messageRefOf(json: unknown): { messageId?: string } {
  const ref = MessageRef.safeParse(json);
  return ref.success ? { messageId: ref.data.messageId } : {};
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/**
 * A published event as its frame's text, written once however many of the couple's sockets send
 * it (the hub hands every listener the same message object).
 */
const eventFrames = new WeakMap<object, string>();
function eventFrameText(message: Extract<HubMessage, { kind: 'couple-event' }>): string {
  let text = eventFrames.get(message);
  if (text === undefined) {
    const { kind: _kind, ...rest } = message;
    text = JSON.stringify({ type: 'event', ...rest } satisfies ServerFrame);
    eventFrames.set(message, text);
  }
  return text;
}

/**
 * One socket's view of the product's single real-time channel: personal notices, and the couple's
 * ordered log delivered exactly once, in seq order, from `afterSeq` onwards.
 */
export class CoupleStream {
  private coupleId: string | null = null;
  /** Highest seq sent; null until the client asks to sync. */
  private cursor: number | null = null;
  private work: Promise<void> = Promise.resolve();
  private coupleSubscription?: Subscription;
  private readonly userSubscription: Subscription;
  private disposed = false;
  /** Sends, deletes and reads run in the order the client sent them, apart from event delivery. */
  private actions: Promise<void> = Promise.resolve();
  private readonly budget = new TokenBucket(FRAME_BURST, FRAMES_PER_SECOND);
  private refused = 0;
  private corked = false;
  /** The couple this socket has said hello in and announced itself to; null while not present. */
  private presentIn: string | null = null;
  /** Names this socket in presence frames; random, so it reveals nothing about the device. */
  readonly connectionId = randomUUID();
  alive = true;

  constructor(
    private readonly socket: WebSocket,
    readonly userId: string,
    readonly sessionId: string,
    private readonly deps: {
      repos: Repositories;
      access: AccessService;
      messages: MessageService;
      hub: Hub;
      logger: Logger;
    },
  ) {
    this.userSubscription = deps.hub.subscribe(userTopic(userId), (m) => this.onHub(m));
    socket.on('message', (data, isBinary) => this.onMessage(data.toString(), isBinary));
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.on('close', () => this.dispose());
    this.enqueue(() => this.joinCurrentCouple());
  }

  private enqueue(task: () => Promise<void>) {
    this.work = this.work.then(task).catch((err) => {
      this.deps.logger.error({ err, userId: this.userId }, 'realtime stream failed; closing');
      this.socket.close(1011, 'internal error');
    });
  }

  /** (Re)reads the user's couple, subscribes to its log and says hello with where the log stands. */
  private async joinCurrentCouple() {
    // Leaving (or re-reading) the couple: the partner's sockets hear this one go first.
    await this.leavePresence();
    this.coupleSubscription?.unsubscribe();
    this.coupleSubscription = undefined;
    this.cursor = null;
    await this.userSubscription.ready;
    const membership = await this.deps.access.findCouple(this.userId);
    this.coupleId = membership?.couple.id ?? null;
    if (this.coupleId) {
      this.coupleSubscription = this.deps.hub.subscribe(coupleTopic(this.coupleId), (m) =>
        this.onHub(m),
      );
      // Hello only once live delivery is certain, so nothing published after it can be missed.
      await this.coupleSubscription.ready;
    }
    if (this.disposed) {
      // The socket closed while we waited; don't leave a subscription behind.
      this.coupleSubscription?.unsubscribe();
      return;
    }
    this.send({
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      userId: this.userId,
      coupleId: this.coupleId,
      lastSeq: Number(membership?.couple.last_seq ?? 0),
    });
    if (this.coupleId) {
      // After hello (the client starts afresh there): I am here, and who of my partner is?
      this.presentIn = this.coupleId;
      this.announce();
      this.publish({ kind: 'presence.query', coupleId: this.coupleId, userId: this.userId });
    }
  }

  /** Tells the partner's sockets this one has the app open; repeated at every heartbeat. */
  announce() {
    if (!this.presentIn || this.disposed) return;
    this.publish({
      kind: 'presence',
      coupleId: this.presentIn,
      userId: this.userId,
      connectionId: this.connectionId,
      online: true,
    });
  }

  private async leavePresence() {
    const coupleId = this.presentIn;
    if (!coupleId) return;
    this.presentIn = null;
    await this.deps.hub
      .publish(coupleTopic(coupleId), {
        kind: 'presence',
        coupleId,
        userId: this.userId,
        connectionId: this.connectionId,
        online: false,
      })
      .catch(() => {});
  }

  /** Ephemeral signals are best effort: a lost one is repaired by the next heartbeat. */
  private publish(message: HubMessage & { coupleId: string }) {
    this.deps.hub.publish(coupleTopic(message.coupleId), message).catch(() => {});
  }

  private onMessage(raw: string, isBinary: boolean) {
    if (!this.withinBudget(raw, isBinary)) return;
    let frame: ClientFrameT;
    try {
      const json: unknown = isBinary ? undefined : JSON.parse(raw);
      const parsed = ClientFrame.safeParse(json);
      if (!parsed.success) {
        this.send({
          type: 'error',
          ...messageRefOf(json),
          code: 'validation_failed',
          message: 'Unknown or malformed frame.',
        });
        return;
      }
      frame = parsed.data;
    } catch {
      this.send({ type: 'error', code: 'validation_failed', message: 'Frames must be JSON text.' });
      return;
    }
    switch (frame.type) {
      case 'ping':
        this.send({ type: 'pong', ...(frame.id ? { id: frame.id } : {}) });
        return;
      case 'sync':
        this.enqueue(() => this.sync(frame.afterSeq, frame.id));
        return;
      case 'message.send':
        this.act(frame.messageId, async () => {
          const sender = { userId: this.userId, coupleId: this.coupleId };
          const ack = await this.deps.messages.send(sender, frame.messageId, frame.body);
          this.send({ type: 'message.ack', ...ack });
        });
        return;
      case 'message.send.files':
        this.act(frame.messageId, async () => {
          const sender = { userId: this.userId, coupleId: this.coupleId };
          const ack = await this.deps.messages.sendFiles(
            sender,
            frame.messageId,
            frame.body,
            frame.attachmentIds,
          );
          this.send({ type: 'message.ack', ...ack });
        });
        return;
      case 'message.delete':
        this.act(frame.messageId, () => this.deps.messages.delete(this.userId, frame.messageId));
        return;
      case 'read':
        this.act(undefined, () => this.deps.messages.markRead(this.userId, frame.seq));
        return;
      case 'typing':
        if (this.coupleId) {
          this.publish({
            kind: 'typing',
            coupleId: this.coupleId,
            userId: this.userId,
            typing: frame.typing,
          });
        }
        return;
    }
  }

  /** Within budget: false (and an error frame, or a close when abusive) when the client floods. */
  private withinBudget(raw: string, isBinary: boolean): boolean {
    if (this.budget.take()) return true;
    this.refused += 1;
    if (this.refused > ABUSE_THRESHOLD) {
      this.socket.close(WsCloseCode.policyViolation, 'too many frames');
      return false;
    }
    this.send({
      type: 'error',
      ...messageRefOf(isBinary ? undefined : safeJson(raw)),
      code: 'rate_limited',
      message: 'Too many frames; slow down.',
    });
    return false;
  }

  /** Runs a client action in order; a refusal becomes an error frame naming the message. */
  private act(messageId: string | undefined, action: () => Promise<void>) {
    this.actions = this.actions.then(async () => {
      try {
        await action();
      } catch (err) {
        const ref = messageId ? { messageId } : {};
        if (err instanceof DomainError) {
          this.send({ type: 'error', ...ref, code: err.code, message: err.message });
        } else {
          this.deps.logger.error({ err, userId: this.userId }, 'realtime action failed');
          this.send({
            type: 'error',
            ...ref,
            code: 'internal_error',
            message: 'Something went wrong on our side.',
          });
        }
      }
    });
  }

  private async sync(afterSeq: number, id?: string) {
    if (!this.coupleId) {
      this.send({
        type: 'error',
        ...(id ? { id } : {}),
        code: 'not_in_couple',
        message: 'You are not connected with a partner.',
      });
      return;
    }
    this.cursor = afterSeq;
    await this.catchUp();
    this.send({ type: 'synced', ...(id ? { id } : {}), lastSeq: this.cursor });
  }

  /** Sends every logged event after the cursor, in order. */
  private async catchUp() {
    const coupleId = this.coupleId;
    if (!coupleId || this.cursor === null) return;
    for (;;) {
      const page = await this.deps.repos.coupleEvents.listAfter(
        coupleId,
        this.cursor,
        CATCH_UP_PAGE,
      );
      for (const row of page) {
        this.send({ type: 'event', coupleId, ...toCoupleEventDto(row) });
        this.cursor = Number(row.seq);
      }
      if (page.length < CATCH_UP_PAGE) return;
    }
  }

  private onHub(message: HubMessage) {
    if (message.kind === 'typing') {
      if (message.coupleId === this.coupleId && message.userId !== this.userId) {
        this.send({ type: 'typing', userId: message.userId, typing: message.typing });
      }
      return;
    }
    if (message.kind === 'presence') {
      // Only about the partner, and only once this socket has said hello in that couple.
      if (message.coupleId === this.presentIn && message.userId !== this.userId) {
        this.send({
          type: 'presence',
          userId: message.userId,
          connectionId: message.connectionId,
          online: message.online,
        });
      }
      return;
    }
    if (message.kind === 'presence.query') {
      if (message.coupleId === this.presentIn && message.userId !== this.userId) this.announce();
      return;
    }
    if (message.kind === 'notice') {
      this.send({ type: 'notice', notice: message.notice });
      if (message.notice !== 'requests.changed') this.enqueue(() => this.joinCurrentCouple());
      return;
    }
    if (message.coupleId !== this.coupleId) return;
    this.enqueue(async () => {
      if (this.cursor === null || message.seq <= this.cursor) return;
      if (message.seq === this.cursor + 1) {
        this.sendText(eventFrameText(message));
        this.cursor = message.seq;
        return;
      }
      // A gap: a publish was missed or arrived out of order. The log has it.
      await this.catchUp();
    });
  }

  send(frame: ServerFrame) {
    this.sendText(JSON.stringify(frame));
  }

  private sendText(text: string) {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.socket.close(WsCloseCode.policyViolation, 'too slow; reconnect and resume');
      return;
    }
    this.corkUntilTick();
    this.socket.send(text);
  }

  /**
   * Frames sent in one turn of the event loop (a message's event and its ack, say) leave in one
   * write: one system call and one packet instead of one each. `ws` has no cork of its own, so
   * this holds its TCP socket; the tick runs once the turn's promise callbacks are done.
   */
  private corkUntilTick() {
    if (this.corked) return;
    const tcp = (this.socket as unknown as { _socket?: Duplex | null })._socket;
    if (!tcp) return;
    this.corked = true;
    tcp.cork();
    process.nextTick(() => {
      this.corked = false;
      tcp.uncork();
    });
  }

  close(code: number, reason: string) {
    this.socket.close(code, reason);
  }

  terminate() {
    this.socket.terminate();
  }

  ping() {
    this.alive = false;
    this.socket.ping();
  }

  private dispose() {
    this.disposed = true;
    void this.leavePresence();
    this.userSubscription.unsubscribe();
    this.coupleSubscription?.unsubscribe();
  }
}
