import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../src/errors.js';
import { testDatabases } from './support/databases.js';
import { signUp } from './support/factories.js';
import { HttpClient } from './support/http-client.js';
import { countRows } from './support/rows.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const roomyRules = {
  logInPerIp: { limit: 10_000, windowMs: 60_000 },
  signUpPerIp: { limit: 10_000, windowMs: 60_000 },
  resetRequestsPerIp: { limit: 10_000, windowMs: 60_000 },
};

/** The rows a user owns in every table. */
async function rowsOf(t: TestApp, userId: string) {
  const { db } = t.database;
  return {
    users: await countRows(db, 'users', userId),
    sessions: await countRows(db, 'sessions', userId),
    passwordResets: await countRows(db, 'password_resets', userId),
  };
}

/** A user signed in on two devices, with an outstanding password-reset token. */
async function userWithEverything(t: TestApp) {
  const signedUp = await signUp(t.baseUrl);
  const { input } = signedUp;
  const phone = new HttpClient(t.baseUrl);
  await phone.post('/api/sessions', { login: input.username, password: input.password });
  await new HttpClient(t.baseUrl).post('/api/password-resets', { email: input.email });
  await t.background.drain();
  expect(await rowsOf(t, signedUp.user.id)).toEqual({ users: 1, sessions: 2, passwordResets: 1 });
  return { ...signedUp, phone };
}

describe.each(testDatabases())('DELETE /api/me on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { rateRules: roomyRules });
  });
  afterAll(() => t.close());

  it('refuses a wrong password with wrong_password and keeps the account', async () => {
    const { client, phone, input, user } = await userWithEverything(t);
    const res = await client.delete('/api/me', { password: `${input.password}!` });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('wrong_password');
    expect(res.body.error.issues[0].path).toBe('password');
    expect(client.sessionCookie).toBeDefined();
    expect((await client.get('/api/me')).status).toBe(200);
    expect((await phone.get('/api/me')).status).toBe(200);
    expect(await rowsOf(t, user.id)).toEqual({ users: 1, sessions: 2, passwordResets: 1 });
  });

  it.each([
    ['no body', undefined],
    ['an empty object', {}],
    ['an empty password', { password: '' }],
    ['an extra field', { password: 'x', confirm: true }],
  ])('refuses %s with validation_failed', async (_label, body) => {
    const { client, user } = await signUp(t.baseUrl);
    const res = await client.delete('/api/me', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect((await client.get('/api/me')).status).toBe(200);
    expect(await countRows(t.database.db, 'users', user.id)).toBe(1);
  });

  it('deletes the account and everything that is only theirs', async () => {
    const { client, phone, input, user } = await userWithEverything(t);
    const bystander = await signUp(t.baseUrl);

    const res = await client.delete('/api/me', { password: input.password });
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('cc_session='))).toBeDefined();
    expect(client.sessionCookie).toBeUndefined();
    expect((await client.get('/api/me')).status).toBe(401);
    expect((await phone.get('/api/me')).status).toBe(401);
    const login = await new HttpClient(t.baseUrl).post('/api/sessions', {
      login: input.username,
      password: input.password,
    });
    expect(login.status).toBe(401);
    expect(login.body.error.code).toBe('invalid_credentials');
    expect(await rowsOf(t, user.id)).toEqual({ users: 0, sessions: 0, passwordResets: 0 });
    expect((await bystander.client.get('/api/me')).status).toBe(200);
  });

  it('frees the username and e-mail for a new sign-up', async () => {
    const { client, input, user } = await signUp(t.baseUrl);
    expect((await client.delete('/api/me', { password: input.password })).status).toBe(204);
    const again = await signUp(t.baseUrl, {
      username: input.username.toUpperCase(),
      email: input.email,
    });
    expect(again.user.id).not.toBe(user.id);
    expect((await again.client.get('/api/me')).body.user.email).toBe(input.email);
  });

  it('returns 401 without a session', async () => {
    const res = await new HttpClient(t.baseUrl).delete('/api/me', { password: 'anything at all' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });
});

describe.each(testDatabases())('DELETE /api/me with a deletion guard on $name', (database) => {
  let t: TestApp;
  const guarded: string[] = [];
  beforeAll(async () => {
    t = await startTestApp(database, {
      rateRules: roomyRules,
      deletionGuards: [
        async (userId) => {
          guarded.push(userId);
          throw new DomainError('account_in_couple', 'Leave the couple before deleting.');
        },
      ],
    });
  });
  afterAll(() => t.close());

  it('refuses with 409 account_in_couple and deletes nothing', async () => {
    const { client, phone, input, user } = await userWithEverything(t);
    const res = await client.delete('/api/me', { password: input.password });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'account_in_couple',
      message: 'Leave the couple before deleting.',
    });
    expect(guarded).toEqual([user.id]);
    expect((await client.get('/api/me')).status).toBe(200);
    expect((await phone.get('/api/me')).status).toBe(200);
    expect(await rowsOf(t, user.id)).toEqual({ users: 1, sessions: 2, passwordResets: 1 });
  });

  it('checks the password before asking the guards', async () => {
    const { client, user } = await signUp(t.baseUrl);
    const res = await client.delete('/api/me', { password: 'not my password' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('wrong_password');
    expect(guarded).not.toContain(user.id);
  });
});
