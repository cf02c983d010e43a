import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, MINUTE } from '../src/lib/clock.js';
import { hashToken } from '../src/lib/tokens.js';
import { testDatabases } from './support/databases.js';
import { signUp } from './support/factories.js';
import { HttpClient } from './support/http-client.js';
import { countRows } from './support/rows.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const roomyIpLimit = { logInPerIp: { limit: 1000, windowMs: 60_000 } };

function sessionSetCookie(res: { headers: Headers }): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith('cc_session='));
}

/** A fresh device that presents only the given session token. */
function deviceWithToken(baseUrl: string, token: string): HttpClient {
  const device = new HttpClient(baseUrl);
  device.setCookie('cc_session', token);
  return device;
}

describe.each(testDatabases())('sessions on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { rateRules: roomyIpLimit });
  });
  afterAll(() => t.close());

  describe('POST /api/sessions', () => {
    it('logs in by username in any case and sets a 30-day session cookie', async () => {
      const { input, user } = await signUp(t.baseUrl);
      for (const login of [input.username, input.username.toUpperCase(), ` ${input.username} `]) {
        const device = new HttpClient(t.baseUrl);
        const res = await device.post('/api/sessions', { login, password: input.password });
        expect(res.status).toBe(200);
        expect(res.body.user).toMatchObject({ id: user.id, username: input.username });
        expect(sessionSetCookie(res)).toMatch(/Max-Age=2592000/);
        expect((await device.get('/api/me')).body.user.id).toBe(user.id);
      }
    });

    it('logs in by e-mail in any case', async () => {
      const { input, user } = await signUp(t.baseUrl);
      for (const login of [input.email, input.email.toUpperCase()]) {
        const device = new HttpClient(t.baseUrl);
        const res = await device.post('/api/sessions', { login, password: input.password });
        expect(res.status).toBe(200);
        expect(device.sessionCookie).toBeDefined();
        expect((await device.get('/api/me')).body.user.id).toBe(user.id);
      }
    });

    it('answers a wrong password and an unknown user with the same 401 body', async () => {
      const { input } = await signUp(t.baseUrl);
      const device = new HttpClient(t.baseUrl);
      const wrongPassword = await device.post('/api/sessions', {
        login: input.username,
        password: `${input.password}x`,
      });
      const unknownUser = await device.post('/api/sessions', {
        login: `nobody_${input.username}`,
        password: input.password,
      });
      const unknownEmail = await device.post('/api/sessions', {
        login: `nobody.${input.email}`,
        password: input.password,
      });
      expect(wrongPassword.status).toBe(401);
      expect(wrongPassword.body.error.code).toBe('invalid_credentials');
      expect(unknownUser.status).toBe(401);
      expect(JSON.stringify(unknownUser.body)).toBe(JSON.stringify(wrongPassword.body));
      expect(JSON.stringify(unknownEmail.body)).toBe(JSON.stringify(wrongPassword.body));
      expect(device.sessionCookie).toBeUndefined();
    });

    it('does not accept the password of another account', async () => {
      const a = await signUp(t.baseUrl);
      const b = await signUp(t.baseUrl);
      const res = await new HttpClient(t.baseUrl).post('/api/sessions', {
        login: a.input.username,
        password: b.input.password,
      });
      expect(res.status).toBe(401);
    });

    it('rejects a body without a password with validation_failed', async () => {
      const res = await new HttpClient(t.baseUrl).post('/api/sessions', { login: 'someone' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain('password');
    });
  });

  describe('GET /api/me', () => {
    it('returns 401 unauthenticated without a cookie', async () => {
      const res = await new HttpClient(t.baseUrl).get('/api/me');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    });

    it.each([
      ['a short word', 'garbage'],
      ['43 well-formed characters that name no session', 'A'.repeat(43)],
      ['a very long value', 'x'.repeat(4000)],
      ['a quoted value', '"abc"'],
      ['broken percent-encoding', '%ff%00%zz'],
      ['SQL', "' OR '1'='1"],
      ['an empty value', ''],
    ])('returns 401, not 500, for %s as the cookie', async (_label, value) => {
      const res = await deviceWithToken(t.baseUrl, value).get('/api/me');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    });

    it('does not accept the stored token hash in place of the token', async () => {
      const { client } = await signUp(t.baseUrl);
      const token = client.sessionCookie!;
      expect((await deviceWithToken(t.baseUrl, token).get('/api/me')).status).toBe(200);
      const res = await deviceWithToken(t.baseUrl, hashToken(token)).get('/api/me');
      expect(res.status).toBe(401);
    });
  });

  describe('DELETE /api/sessions/current', () => {
    it('clears the cookie and ends only this session', async () => {
      const { client, input } = await signUp(t.baseUrl);
      const other = new HttpClient(t.baseUrl);
      await other.post('/api/sessions', { login: input.username, password: input.password });
      const oldToken = client.sessionCookie!;

      const res = await client.delete('/api/sessions/current');
      expect(res.status).toBe(204);
      expect(sessionSetCookie(res)).toMatch(/^cc_session=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i);
      expect(client.sessionCookie).toBeUndefined();
      expect((await client.get('/api/me')).status).toBe(401);

      const replay = await deviceWithToken(t.baseUrl, oldToken).get('/api/me');
      expect(replay.status).toBe(401);
      expect(replay.body.error.code).toBe('unauthenticated');
      expect((await other.get('/api/me')).status).toBe(200);
    });

    it('returns 401 without a session', async () => {
      const res = await new HttpClient(t.baseUrl).delete('/api/sessions/current');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    });
  });

  describe('DELETE /api/sessions', () => {
    it("ends every session of the user on every device, and no one else's", async () => {
      const { client, input, user } = await signUp(t.baseUrl);
      const phone = new HttpClient(t.baseUrl);
      await phone.post('/api/sessions', { login: input.email, password: input.password });
      const stranger = await signUp(t.baseUrl);
      const phoneToken = phone.sessionCookie!;
      expect(await countRows(t.database.db, 'sessions', user.id)).toBe(2);

      const res = await client.delete('/api/sessions');
      expect(res.status).toBe(204);
      expect(client.sessionCookie).toBeUndefined();
      expect((await client.get('/api/me')).status).toBe(401);
      expect((await phone.get('/api/me')).status).toBe(401);
      expect((await deviceWithToken(t.baseUrl, phoneToken).get('/api/me')).status).toBe(401);
      expect(await countRows(t.database.db, 'sessions', user.id)).toBe(0);
      expect((await stranger.client.get('/api/me')).status).toBe(200);
    });

    it('returns 401 without a session', async () => {
      const res = await new HttpClient(t.baseUrl).delete('/api/sessions');
      expect(res.status).toBe(401);
    });
  });
});

describe.each(testDatabases())('session lifetime on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { rateRules: roomyIpLimit });
  });
  afterAll(() => t.close());

  it('expires an unused session after 30 days', async () => {
    const { client, input } = await signUp(t.baseUrl);
    const idle = new HttpClient(t.baseUrl);
    await idle.post('/api/sessions', { login: input.username, password: input.password });

    t.clock.advance(30 * DAY - MINUTE);
    expect((await client.get('/api/me')).status).toBe(200);
    t.clock.advance(2 * MINUTE);
    const res = await idle.get('/api/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');

    const { client: later } = await signUp(t.baseUrl);
    t.clock.advance(31 * DAY);
    expect((await later.get('/api/me')).status).toBe(401);
  });

  it('renews a session that is used (sliding expiry) with a new cookie', async () => {
    const { client: a, input } = await signUp(t.baseUrl);
    const b = new HttpClient(t.baseUrl);
    await b.post('/api/sessions', { login: input.username, password: input.password });
    const tokenA = a.sessionCookie;

    t.clock.advance(20 * DAY);
    for (const device of [a, b]) {
      const res = await device.get('/api/me');
      expect(res.status).toBe(200);
      expect(sessionSetCookie(res)).toMatch(/Max-Age=2592000/);
    }
    expect(a.sessionCookie).toBe(tokenA);

    t.clock.advance(20 * DAY); // day 40: beyond the first 30 days
    expect((await b.get('/api/me')).status).toBe(200);
    t.clock.advance(11 * DAY); // day 51: 31 days after a's last use
    expect((await a.get('/api/me')).status).toBe(401);
  });

  it('does not rewrite the cookie on every request within the hour', async () => {
    const { client } = await signUp(t.baseUrl);
    t.clock.advance(10 * MINUTE);
    const res = await client.get('/api/me');
    expect(res.status).toBe(200);
    expect(sessionSetCookie(res)).toBeUndefined();
  });
});

describe.each(testDatabases())('POST /api/sessions password-failure limit on $name', (database) => {
  const window = 15 * MINUTE;
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, {
      rateRules: { ...roomyIpLimit, passwordFailuresPerAccount: { limit: 3, windowMs: window } },
    });
  });
  afterAll(() => t.close());

  const logIn = (login: string, password: string) =>
    new HttpClient(t.baseUrl).post('/api/sessions', { login, password });

  it('refuses the 4th attempt on one account with 429 even with the right password', async () => {
    const { input } = await signUp(t.baseUrl);
    for (let i = 0; i < 3; i++) {
      expect((await logIn(input.username, 'wrong password!')).status).toBe(401);
    }
    const res = await logIn(input.email, input.password);
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limited');
    expect(res.body.error.retryAfterSeconds).toBeGreaterThan(0);
    expect(res.body.error.retryAfterSeconds).toBeLessThanOrEqual(window / 1000);
    expect(res.headers.get('retry-after')).toBe(String(res.body.error.retryAfterSeconds));
    expect(res.headers.getSetCookie()).toEqual([]);

    const other = await signUp(t.baseUrl);
    expect((await logIn(other.input.username, other.input.password)).status).toBe(200);

    t.clock.advance(window + 1000);
    expect((await logIn(input.username, input.password)).status).toBe(200);
  });

  it('limits guesses at an unknown name the same way', async () => {
    for (let i = 0; i < 3; i++)
      expect((await logIn('no_such_user', 'guess 1234')).status).toBe(401);
    expect((await logIn('no_such_user', 'guess 1234')).status).toBe(429);
  });

  it('resets the failure count after a successful login', async () => {
    const { input } = await signUp(t.baseUrl);
    expect((await logIn(input.username, 'wrong password!')).status).toBe(401);
    expect((await logIn(input.username, 'wrong password!')).status).toBe(401);
    expect((await logIn(input.username, input.password)).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      expect((await logIn(input.username, 'wrong password!')).status).toBe(401);
    }
    expect((await logIn(input.username, 'wrong password!')).status).toBe(429);
  });
});

describe.each(testDatabases())('POST /api/sessions per-IP limit on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, {
      rateRules: { logInPerIp: { limit: 3, windowMs: 60_000 } },
    });
  });
  afterAll(() => t.close());

  it('refuses the 4th login from one IP within the window, then allows it again', async () => {
    const a = await signUp(t.baseUrl);
    const b = await signUp(t.baseUrl);
    const logIn = (u: typeof a) =>
      new HttpClient(t.baseUrl).post('/api/sessions', {
        login: u.input.username,
        password: u.input.password,
      });
    expect((await logIn(a)).status).toBe(200);
    expect((await logIn(b)).status).toBe(200);
    expect(
      (
        await new HttpClient(t.baseUrl).post('/api/sessions', {
          login: a.input.username,
          password: 'wrong password!',
        })
      ).status,
    ).toBe(401);
    const refused = await logIn(b);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    t.clock.advance(60_001);
    expect((await logIn(b)).status).toBe(200);
  });
});
