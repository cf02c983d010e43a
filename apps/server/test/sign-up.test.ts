import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './support/databases.js';
import { signUp, userInput } from './support/factories.js';
import { HttpClient } from './support/http-client.js';
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
