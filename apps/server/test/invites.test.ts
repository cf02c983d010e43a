import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionState } from './support/couple-rows.js';
import { testDatabases } from './support/databases.js';
import { createCouple, type SignedUp, signUp } from './support/factories.js';
import { HttpClient } from './support/http-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const roomyRules = {
  signUpPerIp: { limit: 10_000, windowMs: 60_000 },
  inviteLookupsPerIp: { limit: 10_000, windowMs: 60_000 },
};
const CODE = /^[A-HJ-NP-Z2-9]{8}$/;

describe.each(testDatabases())('invites on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { rateRules: roomyRules });
  });
  afterAll(() => t.close());

  const user = () => signUp(t.baseUrl);
  const codeOf = async (u: SignedUp) => (await u.client.get('/api/invites/mine')).body.invite.code;
  const accept = (u: SignedUp, code: string, body: object = {}) =>
    u.client.post(`/api/invites/${code}/acceptance`, body);
  const unchanged = async <T>(call: () => Promise<T>): Promise<T> => {
    const before = await connectionState(t.database.db);
    const result = await call();
    expect(await connectionState(t.database.db)).toEqual(before);
    return result;
  };

  describe('GET /api/invites/mine', () => {
    it('creates an 8-character code once and returns the same one after', async () => {
      const a = await user();
      const first = await a.client.get('/api/invites/mine');
      expect(first.status).toBe(200);
      expect(first.body.invite).toEqual({
        code: expect.stringMatching(CODE),
        createdAt: new Date(t.clock.now()).toISOString(),
      });
      t.clock.advance(60_000);
      expect((await a.client.get('/api/invites/mine')).body).toEqual(first.body);
    });

    it('gives different users different codes', async () => {
      const codes = await Promise.all([user(), user(), user()].map(async (u) => codeOf(await u)));
      expect(new Set(codes).size).toBe(3);
    });
  });

  describe('POST /api/invites/mine', () => {
    it('replaces the code: the old one no longer previews or connects', async () => {
      const [a, b] = [await user(), await user()];
      const old = await codeOf(a);
      const res = await a.client.post('/api/invites/mine');
      expect(res.status).toBe(200);
      expect(res.body.invite.code).toMatch(CODE);
      expect(res.body.invite.code).not.toBe(old);
      expect(await codeOf(a)).toBe(res.body.invite.code);

      const preview = await b.client.get(`/api/invites/${old}`);
      expect(preview.status).toBe(404);
      expect(preview.body.error.code).toBe('invalid_invite_code');
      const accepted = await unchanged(() => accept(b, old));
      expect(accepted.status).toBe(404);
      expect(accepted.body.error.code).toBe('invalid_invite_code');
      expect((await b.client.get(`/api/invites/${res.body.invite.code}`)).status).toBe(200);
    });
  });

  describe('GET /api/invites/:code', () => {
    it('shows who shared the code', async () => {
      const [a, b] = [await user(), await user()];
      const res = await b.client.get(`/api/invites/${await codeOf(a)}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        inviter: { id: a.user.id, username: a.input.username, displayName: a.input.displayName },
      });
    });

    it('accepts the code in lower case and with spaces around it', async () => {
      const [a, b] = [await user(), await user()];
      const code = await codeOf(a);
      const res = await b.client.get(
        `/api/invites/${encodeURIComponent(` ${code.toLowerCase()} `)}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.inviter.id).toBe(a.user.id);
    });

    it.each([
      ['too short', 'ABC2345'],
      ['too long', 'ABCD23456'],
      ['an ambiguous letter', 'ABCDEFG0'],
      ['punctuation', 'ABCD-234'],
    ])('returns 400 validation_failed for a code that is %s', async (_label, code) => {
      const b = await user();
      const res = await b.client.get(`/api/invites/${code}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    });

    it('returns 404 invalid_invite_code for a well-formed code nobody has', async () => {
      const b = await user();
      const res = await b.client.get('/api/invites/ZZZZZZZZ');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('invalid_invite_code');
    });
  });

  describe('POST /api/invites/:code/acceptance', () => {
    it('connects at once: 201, and both see each other in GET /api/couple', async () => {
      const [a, b] = [await user(), await user()];
      const res = await accept(b, (await codeOf(a)).toLowerCase(), { timeZone: 'Europe/London' });
      expect(res.status).toBe(201);
      expect(res.body.couple).toMatchObject({
        status: 'active',
        timeZone: 'Europe/London',
        partner: { id: a.user.id, username: a.input.username },
        lastSeq: 1,
      });
      const seenByA = (await a.client.get('/api/couple')).body.couple;
      const seenByB = (await b.client.get('/api/couple')).body.couple;
      expect(seenByA).toMatchObject({ id: res.body.couple.id, partner: { id: b.user.id } });
      expect(seenByB).toMatchObject({ id: res.body.couple.id, partner: { id: a.user.id } });
    });

    it('clears pending requests of both partners', async () => {
      const [a, b, c] = [await user(), await user(), await user()];
      expect(
        (await c.client.post('/api/connection-requests', { username: a.input.username })).status,
      ).toBe(201);
      expect(
        (await b.client.post('/api/connection-requests', { username: c.input.username })).status,
      ).toBe(201);
      expect((await accept(b, await codeOf(a))).status).toBe(201);
      expect((await c.client.get('/api/connection-requests')).body).toEqual({
        received: [],
        sent: [],
      });
    });

    it('returns 400 cannot_request_self for your own code', async () => {
      const a = await user();
      const code = await codeOf(a);
      const res = await unchanged(() => accept(a, code));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('cannot_request_self');
    });

    it('stops the used code working once connected', async () => {
      const [a, b, c] = [await user(), await user(), await user()];
      const code = await codeOf(a);
      expect((await accept(b, code)).status).toBe(201);
      const preview = await c.client.get(`/api/invites/${code}`);
      expect(preview.status).toBe(404);
      expect(preview.body.error.code).toBe('invalid_invite_code');
      const again = await unchanged(() => accept(c, code));
      expect(again.status).toBe(404);
      expect(again.body.error.code).toBe('invalid_invite_code');
    });

    it('returns 409 already_in_couple when the accepter is coupled, and changes nothing', async () => {
      const { a } = await createCouple(t.baseUrl);
      const code = await codeOf(await user());
      const res = await unchanged(() => accept(a, code));
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('already_in_couple');
    });

    it('returns 409 partner_in_couple when the inviter has coupled since', async () => {
      const { a } = await createCouple(t.baseUrl);
      const code = await codeOf(a);
      const single = await user();
      const res = await unchanged(() => accept(single, code));
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('partner_in_couple');
    });

    it('returns 400 validation_failed for an unknown time zone or an extra key', async () => {
      const [a, b] = [await user(), await user()];
      const code = await codeOf(a);
      for (const body of [{ timeZone: 'Mars/Base' }, { timeZone: 'Asia/Seoul', x: 1 }]) {
        const res = await unchanged(() => accept(b, code, body));
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
      }
    });
  });

  describe('without a session', () => {
    it.each([
      ['GET', '/api/invites/mine'],
      ['POST', '/api/invites/mine'],
      ['GET', '/api/invites/ABCDEFGH'],
      ['POST', '/api/invites/ABCDEFGH/acceptance'],
    ])('%s %s returns 401', async (method, path) => {
      const res = await new HttpClient(t.baseUrl).request(
        method,
        path,
        method === 'POST' ? {} : undefined,
      );
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    });
  });
});

describe.each(testDatabases())('invite lookup limit on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, {
      rateRules: {
        signUpPerIp: { limit: 10_000, windowMs: 60_000 },
        inviteLookupsPerIp: { limit: 3, windowMs: 60_000 },
      },
    });
  });
  afterAll(() => t.close());

  it('refuses the 4th preview or acceptance from one IP with 429 and Retry-After', async () => {
    const [a, b] = [await signUp(t.baseUrl), await signUp(t.baseUrl)];
    const code = (await a.client.get('/api/invites/mine')).body.invite.code;
    expect((await b.client.get(`/api/invites/${code}`)).status).toBe(200);
    expect((await b.client.get('/api/invites/ZZZZZZZZ')).status).toBe(404);
    expect((await b.client.get(`/api/invites/${code}`)).status).toBe(200);

    for (const res of [
      await b.client.get(`/api/invites/${code}`),
      await b.client.post(`/api/invites/${code}/acceptance`, {}),
    ]) {
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('rate_limited');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    }
    expect((await b.client.get('/api/couple')).body.couple).toBeNull();

    t.clock.advance(60_001);
    expect((await b.client.post(`/api/invites/${code}/acceptance`, {})).status).toBe(201);
  });
});
