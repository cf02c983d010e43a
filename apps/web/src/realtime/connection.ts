import { type ClientFrame, ServerFrame, type UserNotice, WsCloseCode } from '@couple-chat/protocol';
import { type BackoffOptions, backoffDelay, defaultBackoff } from './backoff';
import { PresenceBook } from './presence';
import { EventSequence } from './sequence';

export type HelloFrame = Extract<ServerFrame, { type: 'hello' }>;
export type EventFrame = Extract<ServerFrame, { type: 'event' }>;
export type ErrorFrame = Extract<ServerFrame, { type: 'error' }>;
export type AckFrame = Extract<ServerFrame, { type: 'message.ack' }>;
export type TypingFrame = Extract<ServerFrame, { type: 'typing' }>;
export type PresenceFrame = Extract<ServerFrame, { type: 'presence' }>;

/** idle: not wanted (signed out); open: the server said hello; otherwise on the way there. */
export type RealtimeStatus = 'idle' | 'connecting' | 'open' | 'reconnecting';

/** What a socket must offer; the browser's WebSocket through `browserSocket`, a fake in tests. */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: unknown): void;
  onClose(code: number): void;
}
export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketLike;

export interface RealtimeEvents {
  status: RealtimeStatus;
  /** Every valid frame as received, for features that need more than the helpers below. */
  frame: ServerFrame;
  hello: HelloFrame;
  /** The couple's events, each once and in seq order. */
  event: EventFrame;
  notice: UserNotice;
  error: ErrorFrame;
  /** A sent message is committed (also for a resend of one that already was). */
  ack: AckFrame;
  /** The partner started or stopped typing; never logged, so never replayed. */
  typing: TypingFrame;
  /** Whether the partner has the app open changed; read it with `isOnline`. */
  presence: undefined;
  /** The server closed with "session ended": the cookie expired or was revoked. */
  unauthenticated: undefined;
  /**
   * A socket closed before it ever opened. A refused handshake (e.g. HTTP 401 for an expired
   * session) looks exactly like an unreachable server to a browser, so listeners may re-check.
   */
  refused: undefined;
}
type Listener<K extends keyof RealtimeEvents> = (value: RealtimeEvents[K]) => void;

export interface RealtimeOptions {
  url: () => string;
  createSocket: SocketFactory;
  random?: () => number;
  backoff?: BackoffOptions;
  /** Open this long and a later drop starts again from the shortest delay. */
  stableAfterMs?: number;
  /** A ping this often; silence for two intervals means the connection is dead. */
  pingIntervalMs?: number;
}

// Close codes of our own (4000–4999 are for applications).
const closedDead = 4000;
const closedByClient = 1000;

/** The app's one WebSocket: reconnects, resumes the couple's stream and fans frames out. */
export class RealtimeConnection {
  private readonly options: Required<RealtimeOptions>;
  private readonly listeners = new Map<keyof RealtimeEvents, Set<Listener<never>>>();
  private readonly sequences = new Map<string, EventSequence<EventFrame>>();
  private socket: SocketLike | null = null;
  private opened = false;
  private wanted = false;
  private attempt = 0;
  private currentStatus: RealtimeStatus = 'idle';
  private coupleId: string | null = null;
  private lastFrameAt = 0;
  private resyncRequested = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stableTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private readonly presence = new PresenceBook();
  private presenceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: RealtimeOptions) {
    this.options = {
      random: Math.random,
      backoff: defaultBackoff,
      stableAfterMs: 10_000,
      pingIntervalMs: 25_000,
      ...options,
    };
  }

  get status(): RealtimeStatus {
    return this.currentStatus;
  }

  /** The last seq seen of a couple's stream, if any. */
  lastSeq(coupleId: string): number | undefined {
    return this.sequences.get(coupleId)?.last;
  }

  /** Whether `userId` (the partner) has the app open on at least one live connection. */
  isOnline(userId: string): boolean {
    return this.presence.isOnline(userId);
  }

  on<K extends keyof RealtimeEvents>(type: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  start(): void {
    if (this.wanted) return;
    this.wanted = true;
    this.attempt = 0;
    this.connect('connecting');
  }

  /** Signed out: close, forget every stream, stay closed. */
  stop(): void {
    this.wanted = false;
    this.dropSocket(closedByClient);
    this.sequences.clear();
    this.forgetPresence();
    this.coupleId = null;
    this.setStatus('idle');
  }

  /** Back online or back in view: skip the remaining wait. */
  retryNow(): void {
    if (!this.wanted || this.socket) return;
    this.attempt = 0;
    this.connect('reconnecting');
  }

  /** The browser says the network is gone: do not wait for pings to notice; retry when it returns. */
  networkLost(): void {
    if (!this.wanted || !this.socket) return;
    this.dropSocket(closedDead);
    this.scheduleRetry();
  }

  /** Sends when the server has said hello; false when the frame could not go out. */
  send(frame: ClientFrame): boolean {
    if (!this.socket || this.currentStatus !== 'open') return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  private emit<K extends keyof RealtimeEvents>(type: K, value: RealtimeEvents[K]): void {
    for (const listener of this.listeners.get(type) ?? []) {
      try {
        (listener as Listener<K>)(value);
      } catch (error) {
        // One broken subscriber must not stop the others or the socket; report it asynchronously.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  private setStatus(status: RealtimeStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    this.emit('status', status);
  }

  private connect(status: RealtimeStatus): void {
    this.clearTimers();
    this.setStatus(status);
    this.opened = false;
    let socket: SocketLike | null = null;
    const current = () => socket !== null && socket === this.socket;
    try {
      socket = this.options.createSocket(this.options.url(), {
        onOpen: () => current() && this.onOpen(),
        onMessage: (data) => current() && this.onMessage(data),
        onClose: (code) => current() && this.onClose(code),
      });
    } catch {
      // A malformed URL or a browser refusing sockets: treat it like a failed attempt.
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
  }

  private onOpen(): void {
    this.opened = true;
    this.lastFrameAt = Date.now();
    this.stableTimer = setTimeout(() => {
      this.attempt = 0;
    }, this.options.stableAfterMs);
    this.pingTimer = setInterval(() => this.keepAlive(), this.options.pingIntervalMs);
  }

  private keepAlive(): void {
    if (Date.now() - this.lastFrameAt >= 2 * this.options.pingIntervalMs) {
      this.dropSocket(closedDead);
      this.scheduleRetry();
      return;
    }
    this.send({ type: 'ping' });
  }

  private onMessage(data: unknown): void {
    this.lastFrameAt = Date.now();
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = ServerFrame.safeParse(json);
    if (!parsed.success) return;
    const frame = parsed.data;
    this.emit('frame', frame);
    if (frame.type === 'hello') this.onHello(frame);
    else if (frame.type === 'event') this.onEvent(frame);
    else if (frame.type === 'error') this.emit('error', frame);
    else if (frame.type === 'message.ack') this.emit('ack', frame);
    else if (frame.type === 'typing') this.emit('typing', frame);
    else if (frame.type === 'presence') this.onPresence(frame);
    // After couple.formed / couple.ended the server says hello again on this socket.
    else if (frame.type === 'notice') this.emit('notice', frame.notice);
  }

  private onHello(frame: HelloFrame): void {
    this.coupleId = frame.coupleId;
    // The server announces the partner afresh after every hello.
    this.forgetPresence();
    this.resyncRequested = false;
    this.setStatus('open');
    this.emit('hello', frame);
    if (frame.coupleId === null) return;
    let sequence = this.sequences.get(frame.coupleId);
    if (!sequence) {
      // Nothing seen yet: the page loads the current state over REST, the stream brings what follows.
      sequence = new EventSequence<EventFrame>(frame.lastSeq);
      this.sequences.set(frame.coupleId, sequence);
    }
    sequence.resetPending();
    this.send({ type: 'sync', afterSeq: sequence.last });
  }

  private onEvent(frame: EventFrame): void {
    if (frame.coupleId !== this.coupleId) return;
    const sequence = this.sequences.get(frame.coupleId);
    if (!sequence) return;
    const { ready, gap } = sequence.push(frame.seq, frame);
    if (gap && !this.resyncRequested) {
      this.resyncRequested = true;
      this.send({ type: 'sync', afterSeq: sequence.last });
    }
    if (!sequence.waiting) this.resyncRequested = false;
    for (const event of ready) this.emit('event', event);
  }

  private onPresence(frame: PresenceFrame): void {
    if (this.presence.apply(frame.userId, frame.connectionId, frame.online, Date.now())) {
      this.emit('presence', undefined);
    }
    this.schedulePresenceExpiry();
  }

  private schedulePresenceExpiry(): void {
    clearTimeout(this.presenceTimer);
    const due = this.presence.nextExpiry();
    if (due === undefined) return;
    this.presenceTimer = setTimeout(
      () => {
        if (this.presence.expire(Date.now())) this.emit('presence', undefined);
        this.schedulePresenceExpiry();
      },
      Math.max(0, due - Date.now()),
    );
  }

  /** Without a socket (or after a new hello) nothing is known about the partner. */
  private forgetPresence(): void {
    clearTimeout(this.presenceTimer);
    if (this.presence.clear()) this.emit('presence', undefined);
  }

  private onClose(code: number): void {
    this.socket = null;
    this.clearTimers();
    this.forgetPresence();
    if (code === WsCloseCode.unauthenticated) {
      this.wanted = false;
      this.setStatus('idle');
      this.emit('unauthenticated', undefined);
      return;
    }
    if (!this.opened) this.emit('refused', undefined);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (!this.wanted) return;
    this.setStatus('reconnecting');
    const delay = backoffDelay(this.attempt, this.options.random, this.options.backoff);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.connect('reconnecting'), delay);
  }

  private dropSocket(code: number): void {
    const socket = this.socket;
    this.socket = null;
    this.clearTimers();
    this.forgetPresence();
    socket?.close(code);
  }

  private clearTimers(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.stableTimer);
    clearInterval(this.pingTimer);
  }
}
