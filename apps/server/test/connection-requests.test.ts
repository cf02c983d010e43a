import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionState, membershipsOf, requestRows } from './support/couple-rows.js';
import { testDatabases } from './support/databases.js';
import { createCouple, type SignedUp, signUp } from './support/factories.js';
import { HttpClient } from './support/http-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const roomyRules = { signUpPerIp: { limit: 10_000, windowMs: 60_000 } };
const randomUuid = '0193a0d6-0000-7000-8000-000000000000';

describe.each(testDatabases())('connection requests on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { rateRules: roomyRules });
  });
  afterAll(() => t.close());

  const user = () => signUp(t.baseUrl);
  const ask = (from: SignedUp, to: SignedUp | string, extra: object = {}) =>
    from.client.post('/api/connection-requests', {
      username: typeof to === 'string' ? to : to.input.username,
      ...extra,
    });
  const requestId = async (from: SignedUp, to: SignedUp) => {
    const res = await ask(from, to);
    expect(res.status).toBe(201);
    return res.body.request.id as string;
  };
  const list = async (u: SignedUp) => (await u.client.get('/api/connection-requests')).body;
  const approve = (u: SignedUp, id: string, body: object = {}) =>
    u.client.post(`/api/connection-requests/${id}/approval`, body);
  const person = (u: SignedUp) => ({
    id: u.user.id,
    username: u.input.username,
    displayName: u.input.displayName,
  });
  /** Runs `call` and asserts it changed no request, couple, membership or invite. */
  const unchanged = async <T>(call: () => Promise<T>): Promise<T> => {
    const before = await connectionState(t.database.db);
    const result = await call();
    expect(await connectionState(t.database.db)).toEqual(before);
    return result;
  };

  describe('POST /api/connection-requests', () => {
    it('asks by username in any case; both see it with the people and createdAt', async () => {
      const [a, b] = [await user(), await user()];
      const res = await ask(a, ` ${b.input.username.toUpperCase()} `);
      expect(res.status).toBe(201);
      const expected = {
        id: expect.any(String),
        from: person(a),
        to: person(b),
        createdAt: new Date(t.clock.now()).toISOString(),
      };
      expect(res.body.request).toEqual(expected);
      expect(await list(a)).toEqual({ received: [], sent: [res.body.request] });
      expect(await list(b)).toEqual({ received: [res.body.request], sent: [] });
    });

    it('returns 404 not_found for an unknown username', async () => {
      const a = await user();
      const res = await unchanged(() => ask(a, `nobody_${a.input.username}`));
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    });

    it('returns 400 cannot_request_self for your own username in any case', async () => {
      const a = await user();
      for (const name of [a.input.username, a.input.username.toUpperCase()]) {
        const res = await unchanged(() => ask(a, name));
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('cannot_request_self');
      }
    });

    it('returns 409 already_in_couple when the requester is in a couple', async () => {
      const { a } = await createCouple(t.baseUrl);
      const c = await user();
      const res = await unchanged(() => ask(a, c));
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('already_in_couple');
    });

    it('returns 409 partner_in_couple when the target is in a couple', async () => {
      const { b } = await createCouple(t.baseUrl);
      const c = await user();
      const res = await unchanged(() => ask(c, b));
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('partner_in_couple');
    });

    it('returns 409 request_already_sent for a second outgoing request', async () => {
      const [a, b, c] = [await user(), await user(), await user()];
      const first = await requestId(a, b);
      const res = await unchanged(() => ask(a, c));
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('request_already_sent');
      expect((await list(a)).sent.map((r: { id: string }) => r.id)).toEqual([first]);
      expect((await list(c)).received).toEqual([]);
    });

    it.each([
      ['a missing username', (_name: string) => ({ timeZone: 'Asia/Seoul' }), 'username'],
      ['invalid characters', (name: string) => ({ username: `${name} !` }), 'username'],
      [
        'an unknown time zone',
        (name: string) => ({ username: name, timeZone: 'Mars/Base' }),
        'timeZone',
      ],
      ['an extra key', (name: string) => ({ username: name, isAdmin: true }), 'isAdmin'],
    ])('returns 400 validation_failed for %s', async (_label, body, field) => {
      const [a, b] = [await user(), await user()];
      const res = await unchanged(() =>
        a.client.post('/api/connection-requests', body(b.input.username)),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
    });

    it('returns 401 without a session', async () => {
      const b = await user();
      const res = await unchanged(() =>
        new HttpClient(t.baseUrl).post('/api/connection-requests', {
          username: b.input.username,
        }),
      );
      expect(res.status).toBe(401);
    });
  });

  describe('GET /api/connection-requests', () => {
    it('returns 401 without a session', async () => {
      expect((await new HttpClient(t.baseUrl).get('/api/connection-requests')).status).toBe(401);
    });
  });

  describe('DELETE /api/connection-requests/:id', () => {
    it('lets the sender cancel: 204 and gone for both', async () => {
      const [a, b] = [await user(), await user()];
      const id = await requestId(a, b);
      expect((await a.client.delete(`/api/connection-requests/${id}`)).status).toBe(204);
      expect(await list(a)).toEqual({ received: [], sent: [] });
      expect(await list(b)).toEqual({ received: [], sent: [] });
      // The one outgoing slot is free again.
      expect((await ask(a, b)).status).toBe(201);
    });

    it('lets the recipient decline: 204 and gone for both', async () => {
      const [a, b] = [await user(), await user()];
      const id = await requestId(a, b);
      expect((await b.client.delete(`/api/connection-requests/${id}`)).status).toBe(204);
      expect(await list(a)).toEqual({ received: [], sent: [] });
      expect(await list(b)).toEqual({ received: [], sent: [] });
    });

    it("returns 404 to a third user, who cannot see or cancel someone else's request", async () => {
      const [a, b, c] = [await user(), await user(), await user()];
      const id = await requestId(a, b);
      expect(await list(c)).toEqual({ received: [], sent: [] });
      const res = await unchanged(() => c.client.delete(`/api/connection-requests/${id}`));
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
      expect((await list(b)).received.map((r: { id: string }) => r.id)).toEqual([id]);
    });

    it('returns 404 for a request that is already gone', async () => {
      const [a, b] = [await user(), await user()];
      const id = await requestId(a, b);
      expect((await b.client.delete(`/api/connection-requests/${id}`)).status).toBe(204);
      expect((await a.client.delete(`/api/connection-requests/${id}`)).status).toBe(404);
      expect((await a.client.delete(`/api/connection-requests/${randomUuid}`)).status).toBe(404);
    });

    it('returns 400 validation_failed for an id that is not a uuid', async () => {
      const a = await user();
      const res = await a.client.delete('/api/connection-requests/123');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    });
  });

  describe('POST /api/connection-requests/:id/approval', () => {
    it("forms the couple: 201 with the partner, active, in the requester's time zone", async () => {
      const [a, b] = [await user(), await user()];
      const asked = await ask(a, b, { timeZone: 'Europe/Paris' });
      const res = await approve(b, asked.body.request.id, { timeZone: 'America/New_York' });
      expect(res.status).toBe(201);
      expect(res.body.couple).toEqual({
        id: expect.any(String),
        status: 'active',
        partner: person(a),
        startDate: null,
        timeZone: 'Europe/Paris',
        createdAt: new Date(t.clock.now()).toISOString(),
        endsAt: null,
        endingRequestedBy: null,
        lastSeq: 1,
      });
      const seenByA = (await a.client.get('/api/couple')).body.couple;
      expect(seenByA).toMatchObject({ id: res.body.couple.id, partner: person(b) });
      expect(await list(a)).toEqual({ received: [], sent: [] });
      expect(await membershipsOf(t.database.db, [a.user.id, b.user.id])).toHaveLength(2);
    });

    it("uses the approver's time zone when the request has none, else Asia/Seoul", async () => {
      const [a, b, c, d] = [await user(), await user(), await user(), await user()];
      const withZone = await approve(b, await requestId(a, b), { timeZone: 'Europe/Berlin' });
      expect(withZone.body.couple.timeZone).toBe('Europe/Berlin');
      const withoutZone = await approve(d, await requestId(c, d));
      expect(withoutZone.body.couple.timeZone).toBe('Asia/Seoul');
    });

    it('approves with no request body at all', async () => {
      const [a, b] = [await user(), await user()];
      const id = await requestId(a, b);
      const res = await b.client.request('POST', `/api/connection-requests/${id}/approval`);
      expect(res.status).toBe(201);
      expect(res.body.couple.partner.id).toBe(a.user.id);
    });

    it('returns 404 to the sender, who cannot approve their own request', async () => {
      const [a, b] = [await user(), await user()];
      const id = await requestId(a, b);
      const res = await unchanged(() => approve(a, id));
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    });

    it('returns 404 to a third user and leaves the request in place', async () => {
      const [a, b, c] = [await user(), await user(), await user()];
      const id = await requestId(a, b);
      const res = await unchanged(() => approve(c, id));
      expect(res.status).toBe(404);
      expect((await list(b)).received.map((r: { id: string }) => r.id)).toEqual([id]);
    });

    it('removes every other pending request of both partners, and only theirs', async () => {
      const [p, a, q, r, s, u, v] = await Promise.all(Array.from({ length: 7 }, () => user()));
      const approved = await requestId(p!, a!);
      await requestId(a!, q!); // a's outgoing
      await requestId(r!, a!); // another to a
      await requestId(s!, p!); // one to p
      const unrelated = await requestId(u!, v!);

      expect((await approve(a!, approved)).status).toBe(201);
      for (const someone of [p, a, q, r, s]) {
        expect(await list(someone!)).toEqual({ received: [], sent: [] });
      }
      expect((await requestRows(t.database.db)).map((row) => row.id)).toContain(unrelated);
      const involved = new Set([p, a].map((x) => x!.user.id));
      for (const row of await requestRows(t.database.db)) {
        expect(involved.has(row.from_user_id) || involved.has(row.to_user_id)).toBe(false);
      }
      // r and s may now ask someone else: their slots and inboxes are clean.
      expect((await ask(r!, s!)).status).toBe(201);
    });

    it('returns 400 validation_failed for an id that is not a uuid', async () => {
      const a = await user();
      const res = await approve(a, 'not-a-uuid');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    });
  });

  describe('racing approvals', () => {
    it('lets exactly one of two concurrent approvals by the same user win', async () => {
      for (let round = 0; round < 3; round++) {
        const [a, b, c] = await Promise.all([user(), user(), user()]);
        const fromB = await requestId(b, a);
        const fromC = await requestId(c, a);
        const results = await Promise.all([approve(a, fromB), approve(a, fromC)]);
        const statuses = results.map((r) => r.status).sort();
        expect(statuses, JSON.stringify(results.map((r) => r.body))).toEqual([201, 409]);
        const loser = results.find((r) => r.status === 409);
        expect(loser?.body.error.code).toBe('already_in_couple');

        const rows = await membershipsOf(t.database.db, [a.user.id, b.user.id, c.user.id]);
        expect(rows).toHaveLength(2);
        expect(new Set(rows.map((r) => r.couple_id)).size).toBe(1);
        expect(rows.map((r) => r.user_id)).toContain(a.user.id);
        const winner = results.find((r) => r.status === 201)?.body.couple;
        expect(rows[0]?.couple_id).toBe(winner.id);
        expect(await orphanCouples()).toBe(0);
        expect(await list(a)).toEqual({ received: [], sent: [] });
      }
    });

    it('forms exactly one couple with B when B and someone B asked approve at once', async () => {
      for (let round = 0; round < 3; round++) {
        const [a, b, c] = await Promise.all([user(), user(), user()]);
        const aToB = await requestId(a, b);
        const bToC = await requestId(b, c);
        const results = await Promise.all([approve(b, aToB), approve(c, bToC)]);
        const bodies = JSON.stringify(results.map((r) => r.body));
        expect(
          results.filter((r) => r.status === 201),
          bodies,
        ).toHaveLength(1);
        const loser = results.find((r) => r.status !== 201);
        // The request was consumed by the winner (404), or the loser saw the couple form (409).
        expect(['not_found', 'partner_in_couple', 'already_in_couple'], bodies).toContain(
          loser?.body.error.code,
        );

        const rows = await membershipsOf(t.database.db, [a.user.id, b.user.id, c.user.id]);
        expect(rows).toHaveLength(2);
        expect(new Set(rows.map((r) => r.couple_id)).size).toBe(1);
        expect(rows.map((r) => r.user_id)).toContain(b.user.id);
        expect(await orphanCouples()).toBe(0);
        for (const someone of [a, b, c]) {
          expect(await list(someone)).toEqual({ received: [], sent: [] });
        }
      }
    });
  });

  /** Couples that are not ended but lack two members: what a half-applied race would leave. */
  async function orphanCouples(): Promise<number> {
    const couples = await t.database.db
      .selectFrom('couples')
      .select('id')
      .where('status', '!=', 'ended')
      .execute();
    let orphans = 0;
    for (const { id } of couples) {
      const n = await t.database.db
        .selectFrom('couple_members')
        .select('user_id')
        .where('couple_id', '=', id)
        .execute();
      if (n.length !== 2) orphans += 1;
    }
    return orphans;
  }
});
