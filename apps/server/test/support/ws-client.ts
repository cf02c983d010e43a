import { ServerFrame, WS_PATH } from '@couple-chat/protocol';
import WebSocket from 'ws';

export type FrameOf<K extends ServerFrame['type']> = Extract<ServerFrame, { type: K }>;

export interface WsConnectOptions {
  /** The session token sent as the `cc_session` cookie. */
  session?: string;
  /** A raw Cookie header, for sending garbage. */
  cookie?: string;
  origin?: string;
}

export const wsUrl = (baseUrl: string) => baseUrl.replace(/^http/, 'ws') + WS_PATH;

function headersFor(options: WsConnectOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const cookie = options.cookie ?? (options.session ? `cc_session=${options.session}` : undefined);
  if (cookie !== undefined) headers.cookie = cookie;
  if (options.origin) headers.origin = options.origin;
  return headers;
}

/** The HTTP status of a handshake the server refuses; throws if the socket opens instead. */
export function refusedHandshakeStatus(
  baseUrl: string,
  options: WsConnectOptions = {},
  timeoutMs = 3000,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl(baseUrl), { headers: headersFor(options) });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('handshake neither refused nor accepted in time'));
    }, timeoutMs);
    socket.on('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      res.resume();
      socket.terminate();
      resolve(res.statusCode ?? 0);
    });
    socket.on('open', () => {
      clearTimeout(timer);
      socket.close();
      reject(new Error('handshake was accepted'));
    });
    socket.on('error', () => {});
  });
}

/**
 * A real WebSocket client that records every frame. `next()` reads frames in order: it returns the
 * first unread frame that matches and moves past it, waiting a bounded time for one to arrive.
 */
export class WsClient {
  readonly frames: ServerFrame[] = [];
  /** Frames that did not parse as a `ServerFrame` (the protocol was broken). */
  readonly malformed: string[] = [];
  closeEvent?: { code: number; reason: string };
  private cursor = 0;
  private readonly wakers = new Set<() => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const text = data.toString();
      const parsed = ServerFrame.safeParse(safeJson(text));
      if (parsed.success) this.frames.push(parsed.data);
      else this.malformed.push(text);
      this.wake();
    });
    socket.on('close', (code, reason) => {
      this.closeEvent = { code, reason: reason.toString() };
      this.wake();
    });
    socket.on('error', () => {});
  }

  static connect(baseUrl: string, options: WsConnectOptions, timeoutMs = 3000) {
    const client = new WsClient(new WebSocket(wsUrl(baseUrl), { headers: headersFor(options) }));
    return new Promise<WsClient>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('WebSocket did not open in time')),
        timeoutMs,
      );
      client.socket.once('open', () => {
        clearTimeout(timer);
        resolve(client);
      });
      client.socket.once('unexpected-response', (_req, res) => {
        clearTimeout(timer);
        reject(new Error(`WebSocket handshake refused with ${res.statusCode}`));
      });
    });
  }

  /** Connects and reads the first frame, which must be `hello`. */
  static async connectReady(baseUrl: string, options: WsConnectOptions) {
    const client = await WsClient.connect(baseUrl, options);
    const hello = await client.next();
    if (hello.type !== 'hello') throw new Error(`first frame was ${hello.type}, not hello`);
    return { client, hello };
  }

  get isOpen() {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(frame: unknown) {
    this.socket.send(JSON.stringify(frame));
  }

  sendRaw(data: string | Buffer, binary = false) {
    this.socket.send(data, { binary });
  }

  /** The next unread frame of this type (and matching `where`), or the next frame at all. */
  next(): Promise<ServerFrame>;
  next<K extends ServerFrame['type']>(
    type: K,
    where?: (frame: FrameOf<K>) => boolean,
    timeoutMs?: number,
  ): Promise<FrameOf<K>>;
  async next(
    type?: ServerFrame['type'],
    where: (frame: any) => boolean = () => true,
    timeoutMs = 3000,
  ): Promise<ServerFrame> {
    let found: ServerFrame | undefined;
    await this.until(
      () => {
        for (let i = this.cursor; i < this.frames.length; i++) {
          const frame = this.frames[i] as ServerFrame;
          if ((type === undefined || frame.type === type) && where(frame)) {
            this.cursor = i + 1;
            found = frame;
            return true;
          }
        }
        return false;
      },
      `a ${type ?? 'any'} frame`,
      timeoutMs,
    );
    return found as ServerFrame;
  }

  /** Sends a ping and waits for its pong: proves the socket is open and answering. */
  async roundTrip(id = `rt-${Math.random().toString(36).slice(2)}`) {
    this.send({ type: 'ping', id });
    return this.next('pong', (f) => f.id === id);
  }

  /** Every `event` frame received so far. */
  events(): FrameOf<'event'>[] {
    return this.frames.filter((f): f is FrameOf<'event'> => f.type === 'event');
  }

  /** Waits (bounded) until `count` event frames have arrived in total. */
  async eventsUntil(count: number, timeoutMs = 3000): Promise<FrameOf<'event'>[]> {
    await this.until(() => this.events().length >= count, `${count} events`, timeoutMs);
    return this.events();
  }

  /** Resolves with the close code once the server (or we) closed the socket. */
  async closed(timeoutMs = 3000): Promise<{ code: number; reason: string }> {
    await this.until(() => this.closeEvent !== undefined, 'the socket to close', timeoutMs);
    return this.closeEvent as { code: number; reason: string };
  }

  async close() {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    this.socket.close();
    await this.closed().catch(() => this.socket.terminate());
  }

  private until(ready: () => boolean, what: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const waker = () => {
        if (this.malformed.length > 0) finish(new Error(`malformed frame: ${this.malformed[0]}`));
        else if (ready()) finish();
        else if (this.closeEvent && what !== 'the socket to close')
          finish(new Error(`socket closed (${this.closeEvent.code}) while waiting for ${what}`));
      };
      const timer = setTimeout(
        () => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)),
        timeoutMs,
      );
      const finish = (err?: Error) => {
        clearTimeout(timer);
        this.wakers.delete(waker);
        if (err) reject(err);
        else resolve();
      };
      this.wakers.add(waker);
      waker();
    });
  }

  private wake() {
    for (const waker of [...this.wakers]) waker();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
