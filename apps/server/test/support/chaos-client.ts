import { randomUUID } from 'node:crypto';
import { ServerFrame } from '@couple-chat/protocol';
import WebSocket from 'ws';
import { sleep } from './processes.js';
import type { FrameOf } from './ws-client.js';
import { wsUrl } from './ws-client.js';

/** One WebSocket connection's view: where it resumed from and the event seqs it then received. */
export interface ChaosConnection {
  afterSeq: number;
  /** The newest seq of the log when this connection said hello. */
  helloLastSeq: number;
  seqs: number[];
  /** Set when `synced` arrived. */
  syncedAt?: number;
}

export interface ChaosClientOptions {
  /** Labels the bodies: `${name}-${n}`. */
  name: string;
  /** The `cc_session` token. */
  session: string;
  /** Where the server is right now, or undefined while it is down. */
  baseUrl: () => string | undefined;
  /** Milliseconds between new messages (kept under the socket's 20 frames/s budget). */
  intervalMs: number;
  /** Never more than this many messages in all. */
  maxMessages: number;
  /** New messages wait (the outbox fills) while this many are unacknowledged. */
  maxPending?: number;
}

/**
 * A chat client that behaves like the web app's outbox: every message gets its id once, stays pending
 * until acked, and is resent with the same id after every reconnect; a reconnect resumes the log with
 * `sync {afterSeq: lastSeenSeq}`. It records everything needed to check invariant 2 afterwards.
 */
export class ChaosClient {
  /** Every message this client ever generated, by id. */
  readonly sent = new Map<string, string>();
  /** Sent (or waiting to be) and not acknowledged yet, in generation order. */
  readonly pending = new Map<string, string>();
  /** Every ack received, by message id (a resend may be acked again: all must agree). */
  readonly acks = new Map<string, FrameOf<'message.ack'>[]>();
  /** Each event's content by seq, as first received. */
  readonly eventsBySeq = new Map<number, FrameOf<'event'>>();
  /** The same seq received again with different content. */
  readonly conflictingReplays: number[] = [];
  readonly connections: ChaosConnection[] = [];
  /** Error frames other than `rate_limited`, and frames that broke the protocol. */
  readonly problems: string[] = [];
  lastSeenSeq = 0;
  rateLimited = 0;
  /** Messages that went out on more than one connection (resent after a reconnect). */
  readonly resent = new Set<string>();
  /**
   * Resent messages the log already held when the resending connection said hello: committed by
   * the crashed server, their first ack lost with it.
   */
  readonly committedBeforeResend = new Set<string>();
  private readonly transmittedOn = new Map<string, ChaosConnection | undefined>();

  private socket?: WebSocket;
  private current?: ChaosConnection;
  private ready = false;
  private sending = true;
  private dropNext = false;
  /** Connections this client dropped itself (`dropAfterNextTransmit`). */
  drops = 0;
  private stopped = false;
  private generated = 0;
  private readonly ticker: NodeJS.Timeout;
  private readonly transmitWaiters = new Set<() => void>();
  private readonly loop: Promise<void>;

  constructor(private readonly options: ChaosClientOptions) {
    this.ticker = setInterval(() => this.tick(), options.intervalMs);
    this.loop = this.run();
  }

  get isLive() {
    return this.ready && this.current?.syncedAt !== undefined;
  }

  /** No new messages from now on; pending ones are still (re)sent until acked. */
  stopSending() {
    this.sending = false;
    clearInterval(this.ticker);
  }

  /** Stops everything: no reconnects, the socket is dropped. */
  async stop() {
    this.stopSending();
    this.stopped = true;
    this.socket?.terminate();
    await this.loop;
  }

  private tick() {
    if (!this.sending || this.generated >= this.options.maxMessages) return;
    if (this.pending.size >= (this.options.maxPending ?? 30)) return;
    this.generated += 1;
    const messageId = randomUUID();
    const body = `${this.options.name}-${this.generated}`;
    this.sent.set(messageId, body);
    this.pending.set(messageId, body);
    // While disconnected it waits in the outbox and goes out after the next reconnect.
    if (this.ready) this.transmit(messageId, body);
  }

  /**
   * Drops the connection from this side as soon as the next message.send has been written, so the
   * server commits a message whose ack finds the socket gone; the resend must get the first ack.
   */
  dropAfterNextTransmit() {
    this.dropNext = true;
  }

  private transmit(messageId: string, body: string) {
    const socket = this.socket;
    if (socket?.readyState !== WebSocket.OPEN) return;
    const drop = this.dropNext;
    this.dropNext = false;
    socket.send(JSON.stringify({ type: 'message.send', messageId, body }), () => {
      if (drop) socket.terminate();
    });
    if (drop) this.drops += 1;
    if (this.transmittedOn.has(messageId) && this.transmittedOn.get(messageId) !== this.current)
      this.resent.add(messageId);
    this.transmittedOn.set(messageId, this.current);
    for (const waiter of this.transmitWaiters) waiter();
    this.transmitWaiters.clear();
  }

  /** Resolves when the next message.send leaves this client (for crashing the server mid-send). */
  nextTransmit(): Promise<void> {
    return new Promise((resolve) => this.transmitWaiters.add(resolve));
  }

  /** Connects, and after every disconnection reconnects with a short jittered backoff. */
  private async run() {
    let failures = 0;
    while (!this.stopped) {
      const baseUrl = this.options.baseUrl();
      if (baseUrl) {
        const opened = await this.connection(baseUrl);
        failures = opened ? 0 : failures + 1;
      }
      if (this.stopped) return;
      await sleep(Math.min(200, 20 * 2 ** failures) + Math.random() * 30);
    }
  }

  /** One connection, until it closes; false if it never opened. */
  private connection(baseUrl: string): Promise<boolean> {
    return new Promise((resolve) => {
      let opened = false;
      const socket = new WebSocket(wsUrl(baseUrl), {
        headers: { cookie: `cc_session=${this.options.session}`, origin: baseUrl },
        handshakeTimeout: 2000,
      });
      this.socket = socket;
      socket.on('open', () => {
        opened = true;
      });
      socket.on('message', (data) => this.onFrame(data.toString()));
      socket.on('error', () => {});
      socket.on('close', () => {
        this.ready = false;
        this.current = undefined;
        if (this.socket === socket) this.socket = undefined;
        resolve(opened);
      });
      if (this.stopped) socket.terminate();
    });
  }

  private onFrame(text: string) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = ServerFrame.safeParse(json);
    if (!parsed.success) {
      this.problems.push(`malformed frame: ${text}`);
      return;
    }
    const frame = parsed.data;
    switch (frame.type) {
      case 'hello': {
        // Resume the log where we left it, then resend everything not yet acknowledged.
        this.current = { afterSeq: this.lastSeenSeq, helloLastSeq: frame.lastSeq, seqs: [] };
        this.connections.push(this.current);
        this.socket?.send(
          JSON.stringify({
            type: 'sync',
            id: `resume-${this.connections.length}`,
            afterSeq: this.lastSeenSeq,
          }),
        );
        this.ready = true;
        for (const [messageId, body] of this.pending) this.transmit(messageId, body);
        return;
      }
      case 'event': {
        if (!this.current) {
          this.problems.push(`event ${frame.seq} before hello`);
          return;
        }
        this.current.seqs.push(frame.seq);
        const first = this.eventsBySeq.get(frame.seq);
        if (!first) this.eventsBySeq.set(frame.seq, frame);
        else if (JSON.stringify(first) !== JSON.stringify(frame))
          this.conflictingReplays.push(frame.seq);
        this.lastSeenSeq = Math.max(this.lastSeenSeq, frame.seq);
        return;
      }
      case 'synced':
        if (this.current) this.current.syncedAt = frame.lastSeq;
        return;
      case 'message.ack': {
        const list = this.acks.get(frame.messageId) ?? [];
        list.push(frame);
        this.acks.set(frame.messageId, list);
        if (!this.sent.has(frame.messageId))
          this.problems.push(`ack for a message never sent: ${frame.messageId}`);
        this.pending.delete(frame.messageId);
        if (
          this.resent.has(frame.messageId) &&
          this.current &&
          frame.seq <= this.current.helloLastSeq
        )
          this.committedBeforeResend.add(frame.messageId);
        return;
      }
      case 'error': {
        if (frame.code === 'rate_limited' && frame.messageId) {
          // Refused before it was looked at: try again a little later on this connection.
          this.rateLimited += 1;
          const { messageId } = frame;
          setTimeout(() => {
            const body = this.pending.get(messageId);
            if (body !== undefined && this.ready) this.transmit(messageId, body);
          }, 250);
          return;
        }
        this.problems.push(`error frame: ${JSON.stringify(frame)}`);
        return;
      }
      default:
        return;
    }
  }
}
