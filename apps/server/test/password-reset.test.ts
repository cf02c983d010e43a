import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../src/lib/clock.js';
import { hashToken } from '../src/lib/tokens.js';
import { createSmtpMailer } from '../src/mail/mailer.js';
import { testDatabases } from './support/databases.js';
import { signUp, userInput } from './support/factories.js';
import { HttpClient } from './support/http-client.js';
import {
  mailBodies,
  mailHeader,
  type ReceivedMail,
  type SmtpSink,
  startSmtpSink,
} from './support/smtp.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';

const linkPattern = /http:\/\/chat\.test\/reset-password#token=([A-Za-z0-9_-]+)/;

describe.each(testDatabases())('password reset over real SMTP on $name', (database) => {
  let smtp: SmtpSink;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp(database, {
      env: { SMTP_URL: smtp.url, PUBLIC_URL: 'http://chat.test' },
      mailer: createSmtpMailer(smtp.url, 'couple-chat <no-reply@chat.test>'),
      rateRules: {
        logInPerIp: { limit: 10_000, windowMs: 60_000 },
        signUpPerIp: { limit: 10_000, windowMs: 60_000 },
        resetRequestsPerIp: { limit: 10_000, windowMs: 60_000 },
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const anonymous = () => new HttpClient(t.baseUrl);
  const logIn = (login: string, password: string) =>
    anonymous().post('/api/sessions', { login, password });
  const confirm = (token: string, newPassword: string) =>
    anonymous().post('/api/password-resets/confirm', { token, newPassword });

  /** Requests a reset and waits (bounded) for the n-th e-mail to that address. */
  async function requestReset(email: string): Promise<ReceivedMail> {
    const already = smtp.to(email).length;
    const res = await anonymous().post('/api/password-resets', { email });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: true });
    await t.background.drain();
    await waitFor(() => smtp.to(email).length > already, `a reset e-mail to ${email}`);
    return smtp.to(email)[already]!;
  }

  function tokenFrom(mail: ReceivedMail): string {
    const token = linkPattern.exec(mailBodies(mail.raw))?.[1];
    if (!token) throw new Error(`no reset link in:\n${mail.raw}`);
    return token;
  }

  describe('POST /api/password-resets', () => {
    it('e-mails a working link in the user’s locale; using it ends every session', async () => {
      const input = userInput({ displayName: 'Alex' });
      const laptop = anonymous();
      expect((await laptop.post('/api/users', { ...input, locale: 'en' })).status).toBe(201);
      const phone = anonymous();
      await phone.post('/api/sessions', { login: input.username, password: input.password });

      const mail = await requestReset(input.email);
      expect(mailHeader(mail.raw, 'Subject')).toBe('[couple-chat] Your password reset link');
      expect(mailHeader(mail.raw, 'From')).toContain('no-reply@chat.test');
      expect(mailHeader(mail.raw, 'To')).toContain(input.email);
      expect(mailBodies(mail.raw)).toContain('Hi Alex,');
      const token = tokenFrom(mail);
      expect(token).toHaveLength(43);
      const stored = await t.database.db.selectFrom('password_resets').select('id').execute();
      expect(stored.map((r) => r.id)).toContain(hashToken(token));
      expect(stored.map((r) => r.id)).not.toContain(token);

      const newPassword = 'a brand new secret 42';
      expect((await confirm(token, newPassword)).status).toBe(204);
      expect((await laptop.get('/api/me')).status).toBe(401);
      expect((await phone.get('/api/me')).status).toBe(401);
      expect((await logIn(input.username, input.password)).status).toBe(401);
      expect((await logIn(input.email, newPassword)).status).toBe(200);

      const reused = await confirm(token, 'another new secret 43');
      expect(reused.status).toBe(400);
      expect(reused.body.error.code).toBe('invalid_reset_token');
      expect((await logIn(input.email, newPassword)).status).toBe(200);
    });

    it('writes to a Korean-locale user in Korean', async () => {
      const { input } = await signUp(t.baseUrl);
      const mail = await requestReset(input.email);
      expect(mailHeader(mail.raw, 'Subject')).toBe('[couple-chat] 비밀번호 재설정 링크');
      expect(mailBodies(mail.raw)).toContain(`${input.displayName}님, 안녕하세요.`);
      expect(tokenFrom(mail)).toHaveLength(43);
    });

    it('answers an unregistered address exactly like a registered one and sends nothing', async () => {
      const { input } = await signUp(t.baseUrl);
      const known = await anonymous().post('/api/password-resets', { email: input.email });
      const unknownEmail = `nobody.${input.email}`;
      const unknown = await anonymous().post('/api/password-resets', { email: unknownEmail });
      expect(unknown.status).toBe(known.status);
      expect(JSON.stringify(unknown.body)).toBe(JSON.stringify(known.body));
      await t.background.drain();
      await waitFor(() => smtp.to(input.email).length === 1, 'the registered user’s e-mail');
      expect(smtp.to(unknownEmail)).toEqual([]);
    });

    it('invalidates the earlier link when a second one is requested', async () => {
      const { input } = await signUp(t.baseUrl);
      const first = tokenFrom(await requestReset(input.email));
      const second = tokenFrom(await requestReset(input.email));
      expect(second).not.toBe(first);
      const stale = await confirm(first, 'a brand new secret 42');
      expect(stale.status).toBe(400);
      expect(stale.body.error.code).toBe('invalid_reset_token');
      expect((await confirm(second, 'a brand new secret 42')).status).toBe(204);
    });

    it('limits requests per e-mail address (3 an hour) with 429 and Retry-After', async () => {
      const { input } = await signUp(t.baseUrl);
      for (let i = 0; i < 3; i++) {
        const ok = await anonymous().post('/api/password-resets', { email: input.email });
        expect(ok.status).toBe(202);
      }
      const res = await anonymous().post('/api/password-resets', {
        email: input.email.toUpperCase(),
      });
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('rate_limited');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
      const other = await signUp(t.baseUrl);
      expect(
        (await anonymous().post('/api/password-resets', { email: other.input.email })).status,
      ).toBe(202);
      await t.background.drain();
      await waitFor(() => smtp.to(other.input.email).length === 1, 'the other user’s e-mail');
      expect(smtp.to(input.email)).toHaveLength(3);
    });

    it('rejects an invalid e-mail with validation_failed', async () => {
      const res = await anonymous().post('/api/password-resets', { email: 'not-an-email' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.issues[0].path).toBe('email');
    });
  });

  describe('POST /api/password-resets/confirm', () => {
    it('refuses a link older than 30 minutes', async () => {
      const { input } = await signUp(t.baseUrl);
      const token = tokenFrom(await requestReset(input.email));
      t.clock.advance(31 * MINUTE);
      const res = await confirm(token, 'a brand new secret 42');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_reset_token');
      expect((await logIn(input.username, input.password)).status).toBe(200);
    });

    it('does not burn the link when the new password is rejected', async () => {
      const { input, client } = await signUp(t.baseUrl);
      const token = tokenFrom(await requestReset(input.email));
      for (const weak of ['password123', input.username]) {
        const res = await confirm(token, weak);
        expect(res.status).toBe(400);
        expect(res.body.error.issues[0].path).toBe('newPassword');
      }
      expect((await confirm(token, 'short')).status).toBe(400);
      expect((await client.get('/api/me')).status).toBe(200);
      expect((await confirm(token, 'a brand new secret 42')).status).toBe(204);
      expect((await logIn(input.username, 'a brand new secret 42')).status).toBe(200);
    });

    it('refuses a link after the password was changed in the settings', async () => {
      const { input, client } = await signUp(t.baseUrl);
      const token = tokenFrom(await requestReset(input.email));
      const changed = await client.put('/api/me/password', {
        currentPassword: input.password,
        newPassword: 'changed in settings 7',
      });
      expect(changed.status).toBe(204);
      const res = await confirm(token, 'a brand new secret 42');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_reset_token');
    });

    it('refuses a well-formed token that was never issued', async () => {
      const res = await confirm('A'.repeat(43), 'a brand new secret 42');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_reset_token');
    });

    it.each([
      ['too short', 'abc'],
      ['with spaces', 'not a token at all, really'],
      ['with SQL', "' OR '1'='1' -- padding padding"],
      ['too long', 'a'.repeat(201)],
    ])('rejects a malformed token (%s) with validation_failed', async (_label, token) => {
      const res = await confirm(token, 'a brand new secret 42');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.issues[0].path).toBe('token');
    });
  });
});
