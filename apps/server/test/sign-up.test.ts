import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './support/databases.js';
import { signUp, userInput } from './support/factories.js';
import { HttpClient } from './support/http-client.js';
import { countRows } from './support/rows.js';
import { startTestApp, type TestApp } from './support/test-app.js';

describe.each(testDatabases())('POST /api/users on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, {
      rateRules: { signUpPerIp: { limit: 1000, windowMs: 60_000 } },
    });
  });
  afterAll(() => t.close());

  it('creates the account, signs the user in with an httpOnly SameSite=Lax cookie', async () => {
    const client = new HttpClient(t.baseUrl);
    const input = userInput();
    const res = await client.post('/api/users', input);
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      username: input.username,
      email: input.email,
      displayName: input.displayName,
      locale: 'ko',
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('cc_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await client.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(res.body.user.id);
  });

  it('stores an argon2id hash, never the password', async () => {
    const { input, user } = await signUp(t.baseUrl);
    const row = await t.database.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(input.password);
  });

  it('treats usernames and e-mails case-insensitively for uniqueness', async () => {
    const { input } = await signUp(t.baseUrl);
    const again = new HttpClient(t.baseUrl);
    const byName = await again.post(
      '/api/users',
      userInput({ username: input.username.toUpperCase() }),
    );
    expect(byName.status).toBe(409);
    expect(byName.body.error.code).toBe('username_taken');
    const byEmail = await again.post('/api/users', userInput({ email: input.email.toUpperCase() }));
    expect(byEmail.status).toBe(409);
    expect(byEmail.body.error.code).toBe('email_taken');
    expect(again.sessionCookie).toBeUndefined();
  });

  it('accepts any characters in a password, Hangul and emoji included', async () => {
    const { input } = await signUp(t.baseUrl, { password: '우리 사이 🌙 "비밀" \\ %_' });
    const res = await new HttpClient(t.baseUrl).post('/api/sessions', {
      login: input.username,
      password: input.password,
    });
    expect(res.status).toBe(200);
  });
});

describe.each(testDatabases())('POST /api/users with bad input on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, {
      rateRules: { signUpPerIp: { limit: 1000, windowMs: 60_000 } },
    });
  });
  afterAll(() => t.close());

  /** Posts a sign-up and asserts it was refused with `code` on `path`, creating nothing. */
  async function expectRefused(
    body: unknown,
    expected: { status?: number; code: string; path?: string },
    headers?: Record<string, string>,
  ) {
    const before = await countRows(t.database.db, 'users');
    const client = new HttpClient(t.baseUrl);
    const res = await client.post('/api/users', body, headers);
    expect(res.status).toBe(expected.status ?? 400);
    expect(res.body.error.code).toBe(expected.code);
    if (expected.path !== undefined) {
      expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(expected.path);
    }
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(client.sessionCookie).toBeUndefined();
    expect(await countRows(t.database.db, 'users')).toBe(before);
    return res;
  }

  const { password: _omitPassword, ...withoutPassword } = userInput();
  it.each([
    ['a missing username', 'username', (u: any) => ({ ...u, username: undefined })],
    ['a missing e-mail', 'email', (u: any) => ({ ...u, email: undefined })],
    ['a missing display name', 'displayName', (u: any) => ({ ...u, displayName: undefined })],
    ['a missing password', 'password', () => withoutPassword],
    [
      'an oversized display name',
      'displayName',
      (u: any) => ({ ...u, displayName: 'a'.repeat(41) }),
    ],
    [
      'an oversized e-mail',
      'email',
      (u: any) => ({ ...u, email: `${'a'.repeat(250)}@example.com` }),
    ],
    ['a numeric username', 'username', (u: any) => ({ ...u, username: 12345678 })],
    ['an array as password', 'password', (u: any) => ({ ...u, password: ['a', 'b'] })],
    ['an object as display name', 'displayName', (u: any) => ({ ...u, displayName: { a: 1 } })],
    ['a null e-mail', 'email', (u: any) => ({ ...u, email: null })],
    ['an unknown locale', 'locale', (u: any) => ({ ...u, locale: 'fr' })],
    ['an unknown extra key', 'isAdmin', (u: any) => ({ ...u, isAdmin: true })],
    ['a client-chosen id', 'id', (u: any) => ({ ...u, id: 'my-own-id' })],
    ['a username of 2 characters', 'username', (u: any) => ({ ...u, username: 'ab' })],
    ['a username of 31 characters', 'username', (u: any) => ({ ...u, username: 'a'.repeat(31) })],
    ['a username with a space', 'username', (u: any) => ({ ...u, username: 'kim minsu' })],
    ['a username with a quote', 'username', (u: any) => ({ ...u, username: "o'brien" })],
    ['a username with a semicolon', 'username', (u: any) => ({ ...u, username: 'abc;drop' })],
    ['a username with <', 'username', (u: any) => ({ ...u, username: '<script>' })],
    ['a username in Hangul', 'username', (u: any) => ({ ...u, username: '김민수' })],
    ['a display name with NUL', 'displayName', (u: any) => ({ ...u, displayName: 'a\u0000b' })],
    ['a display name with a newline', 'displayName', (u: any) => ({ ...u, displayName: 'a\nb' })],
    ['a display name with a bell', 'displayName', (u: any) => ({ ...u, displayName: 'a\u0007b' })],
    ['a blank display name', 'displayName', (u: any) => ({ ...u, displayName: '   ' })],
    ['an e-mail without @', 'email', (u: any) => ({ ...u, email: 'not-an-email' })],
    ['an e-mail without domain', 'email', (u: any) => ({ ...u, email: 'someone@' })],
    ['an e-mail with a space', 'email', (u: any) => ({ ...u, email: 'some one@example.com' })],
    ['a password of 7 characters', 'password', (u: any) => ({ ...u, password: 'abcdefg' })],
    ['a password of 257 characters', 'password', (u: any) => ({ ...u, password: 'x'.repeat(257) })],
  ])('rejects %s with validation_failed on %s and creates nothing', async (_label, path, make) => {
    await expectRefused(make(userInput()), { code: 'validation_failed', path });
  });

  it('accepts a password of exactly 8 and of exactly 256 characters', async () => {
    for (const password of ['k9#mQ2vz', `${'x'.repeat(250)}k9#mQ2`]) {
      const res = await new HttpClient(t.baseUrl).post('/api/users', userInput({ password }));
      expect(res.status).toBe(201);
    }
  });

  it.each(['password123', 'PASSWORD123', 'qwer1234', 'QwEr1234', '1q2w3e4r', '1Q2W3E4R'])(
    'rejects the common password %s with common_password on password',
    async (password) => {
      await expectRefused(userInput({ password }), { code: 'common_password', path: 'password' });
    },
  );

  it('rejects a password equal to the username (any case) or the e-mail', async () => {
    const a = userInput();
    await expectRefused(
      { ...a, password: a.username.toUpperCase() },
      { code: 'password_matches_identity', path: 'password' },
    );
    const b = userInput();
    await expectRefused(
      { ...b, password: b.email },
      { code: 'password_matches_identity', path: 'password' },
    );
  });

  it.each([
    '<script>alert(1)</script>',
    "Robert'); DROP TABLE users;--",
    '" onmouseover="alert(1)',
    '%00 \\x00 #{7*7} {{7*7}}',
  ])('stores and returns the display name %s verbatim as JSON text', async (displayName) => {
    const before = await countRows(t.database.db, 'users');
    const client = new HttpClient(t.baseUrl);
    const res = await client.post('/api/users', userInput({ displayName }));
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body.user.displayName).toBe(displayName);
    const me = await client.get('/api/me');
    expect(me.headers.get('content-type')).toMatch(/^application\/json/);
    expect(me.body.user.displayName).toBe(displayName);
    const row = await t.database.db
      .selectFrom('users')
      .select('display_name')
      .where('id', '=', res.body.user.id)
      .executeTakeFirstOrThrow();
    expect(row.display_name).toBe(displayName);
    expect(await countRows(t.database.db, 'users')).toBe(before + 1);
  });

  it('accepts SQL metacharacters in a password and logs in with exactly that password', async () => {
    for (const password of ["' OR '1'='1", "'; DROP TABLE sessions;--"]) {
      const { input } = await signUp(t.baseUrl, { password });
      const ok = await new HttpClient(t.baseUrl).post('/api/sessions', {
        login: input.username,
        password,
      });
      expect(ok.status).toBe(200);
      const injected = await new HttpClient(t.baseUrl).post('/api/sessions', {
        login: input.username,
        password: "' OR '1'='1' --",
      });
      expect(injected.status).toBe(401);
    }
    expect(await countRows(t.database.db, 'sessions')).toBeGreaterThan(0);
  });

  it('treats an injected login name as an unknown user', async () => {
    const res = await new HttpClient(t.baseUrl).post('/api/sessions', {
      login: "' OR '1'='1' --",
      password: "' OR '1'='1' --",
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('invalid_credentials');
  });

  it.each([
    'application/x-www-form-urlencoded',
    'text/plain',
    'multipart/form-data; boundary=x',
    'application/xml',
  ])('rejects a %s body with 415 unsupported_media_type', async (contentType) => {
    await expectRefused(
      'username=a&password=b',
      { status: 415, code: 'unsupported_media_type' },
      { 'content-type': contentType },
    );
  });

  it('rejects malformed JSON with validation_failed', async () => {
    for (const body of ['{"username":', '{username: "a"}', "{'a': 1}", '']) {
      await expectRefused(body, { code: 'validation_failed' });
    }
  });

  it('rejects a JSON array or string body with validation_failed', async () => {
    await expectRefused([userInput()], { code: 'validation_failed' });
    await expectRefused('"just a string"', { code: 'validation_failed' });
  });

  it('rejects a body over 64 KiB with 413 payload_too_large', async () => {
    await expectRefused(
      { ...userInput(), displayName: 'a'.repeat(64 * 1024) },
      { status: 413, code: 'payload_too_large' },
    );
  });
});

describe.each(testDatabases())('POST /api/users rate limit on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, {
      rateRules: { signUpPerIp: { limit: 2, windowMs: 60_000 } },
    });
  });
  afterAll(() => t.close());

  it('refuses the third sign-up from one IP within the window with 429 and creates nothing', async () => {
    await signUp(t.baseUrl);
    await signUp(t.baseUrl);
    const input = userInput();
    const client = new HttpClient(t.baseUrl);
    const res = await client.post('/api/users', input);
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limited');
    const retryAfter = res.body.error.retryAfterSeconds;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.headers.get('retry-after')).toBe(String(retryAfter));
    expect(client.sessionCookie).toBeUndefined();
    expect(await countRows(t.database.db, 'users')).toBe(2);

    t.clock.advance(60_001);
    const later = await client.post('/api/users', input);
    expect(later.status).toBe(201);
    expect(await countRows(t.database.db, 'users')).toBe(3);
  });
});
