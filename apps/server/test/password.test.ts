import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from './support/databases.js';
import { signUp } from './support/factories.js';
import { HttpClient } from './support/http-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const roomyRules = {
  logInPerIp: { limit: 10_000, windowMs: 60_000 },
  signUpPerIp: { limit: 10_000, windowMs: 60_000 },
};

describe.each(testDatabases())('account settings on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { rateRules: roomyRules });
  });
  afterAll(() => t.close());

  const logIn = (login: string, password: string) =>
    new HttpClient(t.baseUrl).post('/api/sessions', { login, password });

  async function passwordHashOf(userId: string) {
    const row = await t.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    return row.password_hash;
  }

  describe('PUT /api/me/password', () => {
    it('refuses a wrong current password with wrong_password on currentPassword', async () => {
      const { client, input, user } = await signUp(t.baseUrl);
      const hash = await passwordHashOf(user.id);
      const res = await client.put('/api/me/password', {
        currentPassword: `${input.password}!`,
        newPassword: 'a brand new secret 42',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('wrong_password');
      expect(res.body.error.issues).toEqual([
        expect.objectContaining({ path: 'currentPassword', code: 'wrong_password' }),
      ]);
      expect(await passwordHashOf(user.id)).toBe(hash);
      expect((await logIn(input.username, input.password)).status).toBe(200);
      expect((await logIn(input.username, 'a brand new secret 42')).status).toBe(401);
    });

    it.each([
      ['too short', 'short12', 'validation_failed'],
      ['too long', 'x'.repeat(257), 'validation_failed'],
      ['common', 'Password123', 'common_password'],
    ])('refuses a %s new password and keeps the old one', async (_label, newPassword, code) => {
      const { client, input, user } = await signUp(t.baseUrl);
      const hash = await passwordHashOf(user.id);
      const res = await client.put('/api/me/password', {
        currentPassword: input.password,
        newPassword,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain('newPassword');
      expect(await passwordHashOf(user.id)).toBe(hash);
      expect((await client.get('/api/me')).status).toBe(200);
    });

    it('refuses a new password equal to the username', async () => {
      const { client, input } = await signUp(t.baseUrl);
      const res = await client.put('/api/me/password', {
        currentPassword: input.password,
        newPassword: input.username,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('password_matches_identity');
    });

    it('changes the password, ends the other sessions and keeps this one', async () => {
      const { client, input } = await signUp(t.baseUrl);
      const other = new HttpClient(t.baseUrl);
      await other.post('/api/sessions', { login: input.username, password: input.password });
      expect((await other.get('/api/me')).status).toBe(200);

      const newPassword = 'a brand new secret 42';
      const res = await client.put('/api/me/password', {
        currentPassword: input.password,
        newPassword,
      });
      expect(res.status).toBe(204);
      expect((await client.get('/api/me')).status).toBe(200);
      expect((await other.get('/api/me')).status).toBe(401);
      const old = await logIn(input.username, input.password);
      expect(old.status).toBe(401);
      expect(old.body.error.code).toBe('invalid_credentials');
      expect((await logIn(input.username, newPassword)).status).toBe(200);
    });

    it('returns 401 without a session', async () => {
      const res = await new HttpClient(t.baseUrl).put('/api/me/password', {
        currentPassword: 'whatever it is',
        newPassword: 'a brand new secret 42',
      });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    });
  });

  describe('PATCH /api/me', () => {
    it('changes the display name and the locale', async () => {
      const { client, user } = await signUp(t.baseUrl);
      const res = await client.patch('/api/me', { displayName: '  민수 🌙  ', locale: 'en' });
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ id: user.id, displayName: '민수 🌙', locale: 'en' });
      const me = await client.get('/api/me');
      expect(me.body.user).toMatchObject({ displayName: '민수 🌙', locale: 'en' });
    });

    it('changes only the fields it is given', async () => {
      const { client } = await signUp(t.baseUrl);
      await client.patch('/api/me', { displayName: 'Minsu' });
      const res = await client.patch('/api/me', { locale: 'en' });
      expect(res.body.user).toMatchObject({ displayName: 'Minsu', locale: 'en' });
      expect((await client.get('/api/me')).body.user.displayName).toBe('Minsu');
    });

    it.each([
      ['an unknown locale', { locale: 'fr' }, 'locale'],
      ['an empty display name', { displayName: '' }, 'displayName'],
      ['a blank display name', { displayName: '   ' }, 'displayName'],
      ['a display name over 40 characters', { displayName: 'a'.repeat(41) }, 'displayName'],
      ['an unknown field', { username: 'new_name' }, 'username'],
    ])('rejects %s and changes nothing', async (_label, body, path) => {
      const { client, user } = await signUp(t.baseUrl);
      const before = (await client.get('/api/me')).body.user;
      const res = await client.patch('/api/me', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
      expect((await client.get('/api/me')).body.user).toEqual(before);
      expect(before.id).toBe(user.id);
    });

    it('returns 401 without a session', async () => {
      const res = await new HttpClient(t.baseUrl).patch('/api/me', { locale: 'en' });
      expect(res.status).toBe(401);
    });
  });
});
