// The real app in this process, for the benches that measure one path rather than the whole
// server: the same code and database, with what the bench is not about made cheap (password
// hashing, rate limits) and a clock the bench can move.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type AppOptions, buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config/config.js';
import { ManualClock } from '../apps/server/src/lib/clock.js';

export async function startBenchApp(
  env: Record<string, string | undefined> = {},
  options: Pick<AppOptions, 'database'> = {},
) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-'));
  const clock = new ManualClock(Date.now());
  const generous = { limit: 1_000_000, windowMs: 60_000 };
  const built = await buildApp({
    config: loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ...env,
    }),
    clock,
    jobs: false,
    // Creating users quickly: a cheap hash is fine here, logging in is not what is measured.
    hasher: {
      hash: async (p) => `plain:${p}`,
      verify: async (h, p) => h === `plain:${p}`,
      verifyDummy: async () => {},
    },
    rateRules: { signUpPerIp: generous, logInPerIp: generous },
    ...options,
  });
  const base = await built.app.listen({ host: '127.0.0.1', port: 0 });

  /** One JSON request; returns the status, the session cookie it set, if any, and the body. */
  async function call(method: string, url: string, cookie?: string, body?: unknown) {
    const res = await fetch(base + url, {
      method,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(cookie ? { cookie } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return {
      status: res.status,
      cookie: res.headers.getSetCookie()[0]?.split(';')[0],
      body: (text ? JSON.parse(text) : undefined) as any,
    };
  }

  /** Like `call`, but anything other than success stops the bench with what went wrong. */
  async function must(method: string, url: string, cookie?: string, body?: unknown) {
    const res = await call(method, url, cookie, body);
    if (res.status >= 300)
      throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }

  /** Two users `<prefix>_a` and `<prefix>_b` who connected: their cookies, ids and the couple's id. */
  async function couple(prefix: string, timeZone?: string) {
    const user = (name: string) => ({
      username: name,
      email: `${name}@example.com`,
      displayName: name,
      password: `password of ${name}`,
    });
    const a = await must('POST', '/api/users', undefined, user(`${prefix}_a`));
    const b = await must('POST', '/api/users', undefined, user(`${prefix}_b`));
    const asked = await must('POST', '/api/connection-requests', a.cookie, {
      username: `${prefix}_b`,
      ...(timeZone ? { timeZone } : {}),
    });
    const approved = await must(
      'POST',
      `/api/connection-requests/${asked.body.request.id}/approval`,
      b.cookie,
      {},
    );
    return {
      coupleId: approved.body.couple.id as string,
      a: { cookie: a.cookie as string, id: a.body.user.id as string },
      b: { cookie: b.cookie as string, id: b.body.user.id as string },
    };
  }

  return {
    ...built,
    clock,
    base,
    call,
    must,
    couple,
    async close() {
      await built.app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
