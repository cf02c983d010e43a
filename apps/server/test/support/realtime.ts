import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ManualClock } from '../../src/lib/clock.js';
import {
  type ReopenableTestDatabase,
  reopenableTestDatabase,
  type TestDatabase,
  testDatabases,
} from './databases.js';
import { createCouple, type SignedUp, type TestCouple } from './factories.js';
import { startTestApp, type TestApp } from './test-app.js';
import { type FrameOf, WsClient } from './ws-client.js';

export interface RealtimeVariant {
  name: string;
  database: TestDatabase;
  /** Set when the app must fan out through Redis (the multi-instance setup). */
  redisUrl?: string;
}

let noticePrinted = false;

/** SQLite with the in-process hub; PostgreSQL with the Redis hub when both are configured. */
export function realtimeVariants(): RealtimeVariant[] {
  const redisUrl = process.env.TEST_REDIS_URL;
  if (!redisUrl && !noticePrinted) {
    noticePrinted = true;
    console.warn('NOTICE: TEST_REDIS_URL is not set; the Redis hub variants are skipped.');
  }
  return testDatabases().map((database) =>
    database.name === 'postgres' && redisUrl
      ? { name: 'postgres + redis', database, redisUrl }
      : { name: database.name, database },
  );
}

/** A Redis prefix no other test run uses. */
export const uniqueRedisPrefix = (tag: string) =>
  `cct:${tag}:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}:`;

/** The env that points an app at Redis under `prefix`, if the variant uses Redis. */
export function redisEnv(variant: RealtimeVariant, prefix: string): Record<string, string> {
  return variant.redisUrl ? { REDIS_URL: variant.redisUrl, REDIS_PREFIX: prefix } : {};
}

/** Deletes the keys a test run left under its prefix (rate-limit counters). */
export async function deleteRedisKeys(url: string, prefix: string) {
  const redis = new Redis(url);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}

/** Opens sockets and closes every one of them at the end of a test. */
export class Sockets {
  private readonly open: WsClient[] = [];

  /** A connected socket for this user's device, past its `hello`. */
  async of(t: TestApp, u: SignedUp | { client: { sessionCookie?: string } }) {
    const { client, hello } = await WsClient.connectReady(t.baseUrl, {
      session: u.client.sessionCookie,
    });
    this.open.push(client);
    return { ws: client, hello };
  }

  async closeAll() {
    await Promise.all(this.open.splice(0).map((ws) => ws.close()));
  }
}

/** Sends `sync` and returns the events it replayed and the `synced` frame that ends them. */
export async function sync(ws: WsClient, afterSeq: number, id = `s${afterSeq}`) {
  const start = ws.frames.length;
  ws.send({ type: 'sync', id, afterSeq });
  const synced = await ws.next('synced', (f) => f.id === id);
  const events = ws.frames
    .slice(start, ws.frames.indexOf(synced))
    .filter((f): f is FrameOf<'event'> => f.type === 'event');
  return { events, synced };
}

export const seqs = (events: FrameOf<'event'>[]) => events.map((e) => e.seq);

export const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const roomyRules = {
  signUpPerIp: { limit: 10_000, windowMs: 60_000 },
  logInPerIp: { limit: 10_000, windowMs: 60_000 },
};

/**
 * The app of one variant for the enclosing `describe` (through Redis when the variant says so),
 * with every socket a test opened closed after it.
 */
export function realtimeApp(
  variant: RealtimeVariant,
  options: { heartbeatMs?: number; env?: Record<string, string> } = {},
) {
  const prefix = uniqueRedisPrefix(variant.name.slice(0, 2));
  const sockets = new Sockets();
  let app: TestApp | undefined;
  beforeAll(async () => {
    const { env, ...rest } = options;
    app = await startTestApp(variant.database, {
      rateRules: roomyRules,
      env: { ...redisEnv(variant, prefix), ...env },
      ...rest,
    });
  });
  afterEach(() => sockets.closeAll());
  afterAll(async () => {
    await app?.close();
    if (variant.redisUrl) await deleteRedisKeys(variant.redisUrl, prefix);
  });
  const t = () => {
    if (!app) throw new Error('the app is not started yet');
    return app;
  };
  return {
    t,
    socket: (u: SignedUp | { client: { sessionCookie?: string } }) => sockets.of(t(), u),
  };
}

/**
 * Two app instances for the enclosing `describe`, sharing one database (schema) and one Redis, with
 * one clock: what two servers behind a load balancer look like. Sockets are closed after each test.
 */
export function twoInstances(
  variant: RealtimeVariant,
  tag: string,
  env: Record<string, string> = {},
) {
  const prefix = uniqueRedisPrefix(tag);
  const sockets = new Sockets();
  const apps: TestApp[] = [];
  let shared: ReopenableTestDatabase;
  beforeAll(async () => {
    shared = await reopenableTestDatabase(variant.database);
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 12));
    for (let i = 0; i < 2; i++) {
      apps.push(
        await startTestApp(shared, {
          rateRules: roomyRules,
          clock,
          env: { ...redisEnv(variant, prefix), ...env },
        }),
      );
    }
  });
  afterEach(() => sockets.closeAll());
  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
    await shared.dispose();
    if (variant.redisUrl) await deleteRedisKeys(variant.redisUrl, prefix);
  });
  return { apps, sockets };
}

/** `count` settings changes, alternating between the partners; each appends one event. */
export async function coupleChanges(c: TestCouple, count: number) {
  for (let i = 0; i < count; i++) {
    const by = i % 2 === 0 ? c.a : c.b;
    const res = await by.client.patch('/api/couple', { startDate: `2024-01-${10 + i}` });
    expect(res.status).toBe(200);
  }
}

/** A new couple whose partners each have one socket, synced from the start of the log. */
export async function chattingCouple(
  rt: ReturnType<typeof realtimeApp>,
  options: Parameters<typeof createCouple>[1] = {},
) {
  const c = await createCouple(rt.t().baseUrl, options);
  const a = (await rt.socket(c.a)).ws;
  const b = (await rt.socket(c.b)).ws;
  for (const ws of [a, b]) await sync(ws, 0);
  return { c, a, b };
}
