import { randomUUID } from 'node:crypto';
import type { ServerFrame } from '@couple-chat/protocol';
import { expect } from 'vitest';
import { coupleRows } from './couple-rows.js';
import { testDatabases } from './databases.js';
import type { SignedUp } from './factories.js';
import { HttpClient } from './http-client.js';
import type { RealtimeVariant } from './realtime.js';
import type { TestApp } from './test-app.js';
import type { FrameOf, WsClient } from './ws-client.js';

let noticePrinted = false;

/**
 * Every database with the in-process hub, plus the same suite fanning out through Redis (on
 * PostgreSQL when it is configured) when TEST_REDIS_URL is set — with a printed notice when not.
 */
export function messageVariants(): RealtimeVariant[] {
  const list: RealtimeVariant[] = testDatabases().map((database) => ({
    name: database.name,
    database,
  }));
  const redisUrl = process.env.TEST_REDIS_URL;
  const base = list.at(-1);
  if (redisUrl && base)
    list.push({ name: `${base.name} + redis`, database: base.database, redisUrl });
  else if (!noticePrinted) {
    noticePrinted = true;
    console.warn(
      'NOTICE: TEST_REDIS_URL is not set; the Redis hub variants of the chat suites are skipped.',
    );
  }
  return list;
}

export type Reply = FrameOf<'message.ack'> | FrameOf<'error'>;

/**
 * Resolves with what `check` finds in the frames received so far, waiting (bounded) for more.
 * Unlike `WsClient.next` it consumes nothing, so frames can be inspected in any order.
 */
export function whenFrames<T>(
  ws: WsClient,
  check: (frames: ServerFrame[]) => T | undefined,
  what: string,
  timeoutMs = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const found = check(ws.frames);
      if (found !== undefined) finish(() => resolve(found));
      else if (ws.malformed.length > 0)
        finish(() => reject(new Error(`malformed frame: ${ws.malformed[0]}`)));
      else if (ws.closeEvent)
        finish(() => reject(new Error(`socket closed (${ws.closeEvent?.code}) awaiting ${what}`)));
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))),
      timeoutMs,
    );
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      ws.socket.off('message', attempt);
      ws.socket.off('close', attempt);
      settle();
    };
    // Registered after the client's own listener, so the frame is already recorded.
    ws.socket.on('message', attempt);
    ws.socket.on('close', attempt);
    attempt();
  });
}

/** The first ack or error about `messageId` received at or after frame index `from`. */
export function replyTo(ws: WsClient, messageId: string, from = 0, timeoutMs?: number) {
  return whenFrames<Reply>(
    ws,
    (frames) =>
      frames
        .slice(from)
        .find(
          (f): f is Reply =>
            (f.type === 'message.ack' || f.type === 'error') && f.messageId === messageId,
        ),
    `a reply about ${messageId}`,
    timeoutMs,
  );
}

/** The first reply about each of `messageIds` (received at or after `from`), in that order. */
export function repliesTo(ws: WsClient, messageIds: string[], from = 0, timeoutMs?: number) {
  return whenFrames<Reply[]>(
    ws,
    (frames) => {
      const replies = new Map<string, Reply>();
      for (const f of frames.slice(from)) {
        if ((f.type === 'message.ack' || f.type === 'error') && f.messageId !== undefined)
          if (!replies.has(f.messageId)) replies.set(f.messageId, f);
      }
      const all = messageIds.map((id) => replies.get(id));
      return all.every((r) => r !== undefined) ? (all as Reply[]) : undefined;
    },
    `replies about ${messageIds.length} messages`,
    timeoutMs,
  );
}

/** Sends `message.send` and returns the server's answer to it (an ack or an error). */
export function send(ws: WsClient, body: string, messageId: string = randomUUID()) {
  const from = ws.frames.length;
  ws.send({ type: 'message.send', messageId, body });
  return replyTo(ws, messageId, from);
}

/** Sends a message that must be acked; returns the ack. */
export async function sendOk(ws: WsClient, body: string, messageId: string = randomUUID()) {
  const reply = await send(ws, body, messageId);
  if (reply.type !== 'message.ack')
    throw new Error(`expected an ack, got ${JSON.stringify(reply)}`);
  return reply;
}

/** Sends `message.delete` and waits for the error that names it (for refusals). */
export function deleteRefused(ws: WsClient, messageId: string) {
  const from = ws.frames.length;
  ws.send({ type: 'message.delete', messageId });
  return whenFrames(
    ws,
    (frames) =>
      frames
        .slice(from)
        .find((f): f is FrameOf<'error'> => f.type === 'error' && f.messageId === messageId),
    `an error about deleting ${messageId}`,
  );
}

/** Waits until the socket has received the event with this seq; returns all its events. */
export async function eventsThrough(ws: WsClient, seq: number, timeoutMs?: number) {
  await whenFrames(
    ws,
    (frames) => (frames.some((f) => f.type === 'event' && f.seq >= seq) ? true : undefined),
    `the event with seq ${seq}`,
    timeoutMs,
  );
  return ws.events();
}

/** The `message.created` events a socket received, in arrival order. */
export const createdEvents = (ws: WsClient) =>
  ws.events().flatMap((e) => (e.event.type === 'message.created' ? [e.event.message] : []));

/** Every frame of a type this socket received. */
export const framesOf = <K extends ServerFrame['type']>(ws: WsClient, type: K) =>
  ws.frames.filter((f): f is FrameOf<K> => f.type === type);

/** A second device of the same user: a fresh log-in with its own session. */
export async function secondDevice(t: TestApp, u: SignedUp) {
  const client = new HttpClient(t.baseUrl);
  const res = await client.post('/api/sessions', {
    login: u.input.username,
    password: u.input.password,
  });
  expect(res.status).toBe(200);
  return { client };
}

/** The couple's stored messages and log, for "nothing changed" checks. */
export async function chatRows(t: TestApp, coupleId: string) {
  const { messages, events, reads, couple } = await coupleRows(t.database.db, coupleId);
  return {
    lastSeq: Number(couple?.last_seq),
    messages: messages.map((m) => ({ ...m, seq: Number(m.seq) })),
    events: events.map((e) => ({ ...e, seq: Number(e.seq) })),
    reads: reads.map((r) => ({ ...r, seq: Number(r.seq) })),
  };
}

/** A body no other test sends, to search the database for. */
export const uniqueText = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;
