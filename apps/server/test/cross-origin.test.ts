import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './support/databases.js';
import { signUp, userInput } from './support/factories.js';
import { HttpClient } from './support/http-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const roomyRules = {
  logInPerIp: { limit: 10_000, windowMs: 60_000 },
  signUpPerIp: { limit: 10_000, windowMs: 60_000 },
  resetRequestsPerIp: { limit: 10_000, windowMs: 60_000 },
};

interface Prepared {
  client: HttpClient;
  body?: unknown;
}

interface StateChangingRoute {
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  success: number;
  prepare(t: TestApp): Promise<Prepared>;
}

/** A signed-in user plus a reset token for them, e-mailed through the in-memory outbox. */
async function userWithResetToken(t: TestApp) {
  const signedUp = await signUp(t.baseUrl);
  await new HttpClient(t.baseUrl).post('/api/password-resets', { email: signedUp.input.email });
  await t.background.drain();
  const mail = t.outbox.findLast((m) => m.to === signedUp.input.email);
  const token = /#token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error('no reset e-mail');
  return { ...signedUp, token };
}

const routes: StateChangingRoute[] = [
  {
    method: 'POST',
    path: '/api/users',
    success: 201,
    prepare: async (t) => ({ client: new HttpClient(t.baseUrl), body: userInput() }),
  },
  {
    method: 'POST',
    path: '/api/sessions',
    success: 200,
    async prepare(t) {
      const { input } = await signUp(t.baseUrl);
      return {
        client: new HttpClient(t.baseUrl),
        body: { login: input.username, password: input.password },
      };
    },
  },
  {
    method: 'PATCH',
    path: '/api/me',
    success: 200,
    prepare: async (t) => ({
      client: (await signUp(t.baseUrl)).client,
      body: { displayName: 'Changed by someone', locale: 'en' },
    }),
  },
  {
    method: 'PUT',
    path: '/api/me/password',
    success: 204,
    async prepare(t) {
      const { client, input } = await signUp(t.baseUrl);
      return {
        client,
        body: { currentPassword: input.password, newPassword: 'a brand new secret 42' },
      };
    },
  },
  {
    method: 'DELETE',
    path: '/api/me',
    success: 204,
    async prepare(t) {
      const { client, input } = await signUp(t.baseUrl);
      return { client, body: { password: input.password } };
    },
  },
  {
    method: 'DELETE',
    path: '/api/sessions',
    success: 204,
    prepare: async (t) => ({ client: (await signUp(t.baseUrl)).client }),
  },
  {
    method: 'DELETE',
    path: '/api/sessions/current',
    success: 204,
    prepare: async (t) => ({ client: (await signUp(t.baseUrl)).client }),
  },
  {
    method: 'POST',
    path: '/api/password-resets',
    success: 202,
    async prepare(t) {
      const { input } = await signUp(t.baseUrl);
      return { client: new HttpClient(t.baseUrl), body: { email: input.email } };
    },
  },
  {
    method: 'POST',
    path: '/api/password-resets/confirm',
    success: 204,
    async prepare(t) {
      const { token } = await userWithResetToken(t);
      return {
        client: new HttpClient(t.baseUrl),
        body: { token, newPassword: 'a brand new secret 42' },
      };
    },
  },
];

const crossSiteHeaders: Record<string, string>[] = [
  { origin: 'https://evil.example' },
  { 'sec-fetch-site': 'cross-site' },
  { 'sec-fetch-site': 'same-site' },
  { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
  { origin: 'null' },
];

/** Everything a state-changing request could touch: all rows, and the mail that went out. */
async function snapshot(t: TestApp) {
  await t.background.drain();
  const { db } = t.database;
  return {
    users: await db.selectFrom('users').selectAll().orderBy('id').execute(),
    sessions: await db.selectFrom('sessions').selectAll().orderBy('id').execute(),
    resets: await db.selectFrom('password_resets').selectAll().orderBy('id').execute(),
    mails: t.outbox.length,
  };
}

const send = (p: Prepared, route: StateChangingRoute, headers: Record<string, string>) =>
  p.client.request(route.method, route.path, p.body, headers);

describe.each(testDatabases())('cross-origin protection on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { rateRules: roomyRules });
  });
  afterAll(() => t.close());

  describe.each(routes)('$method $path', (route) => {
    it('refuses cross-site requests with 403 cross_origin_request and changes nothing', async () => {
      const prepared = await route.prepare(t);
      const before = await snapshot(t);
      for (const headers of crossSiteHeaders) {
        const res = await send(prepared, route, headers);
        expect(res.status, JSON.stringify(headers)).toBe(403);
        expect(res.body.error.code).toBe('cross_origin_request');
        expect(res.headers.getSetCookie()).toEqual([]);
        expect(await snapshot(t)).toEqual(before);
      }
    });

    it.each([
      ['Sec-Fetch-Site: same-origin', () => ({ 'sec-fetch-site': 'same-origin' })],
      ["the server's own Origin", () => ({ origin: t.baseUrl })],
      [
        "the server's own Origin with Sec-Fetch-Site: same-origin",
        () => ({ origin: t.baseUrl, 'sec-fetch-site': 'same-origin' }),
      ],
    ])('allows a request with %s', async (_label, headers) => {
      const prepared = await route.prepare(t);
      const res = await send(prepared, route, headers());
      expect(res.status).toBe(route.success);
    });
  });

  it('does not treat https://chat.example as trusted without PUBLIC_URL', async () => {
    const route = routes.find((r) => r.path === '/api/me' && r.method === 'PATCH')!;
    const res = await send(await route.prepare(t), route, { origin: 'https://chat.example' });
    expect(res.status).toBe(403);
  });

  it('does not block GET requests from a foreign origin', async () => {
    const { client, user } = await signUp(t.baseUrl);
    const headers = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
    const me = await client.get('/api/me', headers);
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(user.id);
    expect((await client.get('/healthz', headers)).status).toBe(200);
  });
});

describe.each(testDatabases())('cross-origin protection with PUBLIC_URL on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, {
      rateRules: roomyRules,
      env: { PUBLIC_URL: 'https://chat.example' },
    });
  });
  afterAll(() => t.close());

  it.each(routes)('trusts the PUBLIC_URL origin on $method $path', async (route) => {
    // Behind a proxy the Host header is internal, so only PUBLIC_URL says the Origin is ours.
    const res = await send(await route.prepare(t), route, { origin: 'https://chat.example' });
    expect(res.status).toBe(route.success);
  });

  it('still refuses other origins', async () => {
    const route = routes.find((r) => r.path === '/api/me' && r.method === 'PATCH')!;
    const prepared = await route.prepare(t);
    for (const origin of [
      'https://evil.example',
      'https://chat.example.evil.example',
      'http://chat.example',
    ]) {
      const res = await send(prepared, route, { origin });
      expect(res.status, origin).toBe(403);
    }
  });
});
