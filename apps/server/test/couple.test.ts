import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coupleRows } from './support/couple-rows.js';
import { testDatabases } from './support/databases.js';
import { createCouple, signUp, type TestCouple } from './support/factories.js';
import { HttpClient } from './support/http-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { WsClient } from './support/ws-client.js';

const roomyRules = { signUpPerIp: { limit: 10_000, windowMs: 60_000 } };
const DAY = 24 * 3600 * 1000;

describe.each(testDatabases())('the couple on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { rateRules: roomyRules });
  });
  afterAll(() => t.close());

  const couple = () => createCouple(t.baseUrl);
  const rowsOf = (c: TestCouple) => coupleRows(t.database.db, c.coupleId);
  /** Runs `call` and asserts the couple's rows (settings, members, log) did not change. */
  const unchanged = async <T>(c: TestCouple, call: () => Promise<T>): Promise<T> => {
    const before = await rowsOf(c);
    const result = await call();
    expect(await rowsOf(c)).toEqual(before);
    return result;
  };
  const eventsOf = async (client: HttpClient, query = '') =>
    (await client.get(`/api/couple/events${query}`)).body;

  describe('GET /api/couple', () => {
    it('returns { couple: null } while single', async () => {
      const { client } = await signUp(t.baseUrl);
      const res = await client.get('/api/couple');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ couple: null });
    });

    it('shows each partner the other as partner, with the same couple', async () => {
      const c = await couple();
      const [a, b] = [
        (await c.a.client.get('/api/couple')).body.couple,
        (await c.b.client.get('/api/couple')).body.couple,
      ];
      expect(a.partner.id).toBe(c.b.user.id);
      expect(b.partner.id).toBe(c.a.user.id);
      const { partner: _pa, ...restA } = a;
      const { partner: _pb, ...restB } = b;
      expect(restA).toEqual(restB);
      expect(restA).toMatchObject({ id: c.coupleId, status: 'active', lastSeq: 1 });
    });

    it('returns 401 without a session', async () => {
      expect((await new HttpClient(t.baseUrl).get('/api/couple')).status).toBe(401);
    });
  });

  describe('PATCH /api/couple', () => {
    it('lets either partner set the start date and time zone; the other sees it', async () => {
      const c = await couple();
      const byA = await c.a.client.patch('/api/couple', { startDate: '2024-02-29' });
      expect(byA.status).toBe(200);
      expect(byA.body.couple).toMatchObject({ startDate: '2024-02-29', timeZone: 'Asia/Seoul' });
      const byB = await c.b.client.patch('/api/couple', {
        timeZone: 'Europe/Paris',
        startDate: '2023-12-24',
      });
      expect(byB.status).toBe(200);
      const seenByA = (await c.a.client.get('/api/couple')).body.couple;
      expect(seenByA).toMatchObject({ startDate: '2023-12-24', timeZone: 'Europe/Paris' });
      const cleared = await c.a.client.patch('/api/couple', { startDate: null });
      expect(cleared.body.couple).toMatchObject({ startDate: null, timeZone: 'Europe/Paris' });
      expect((await rowsOf(c)).couple).toMatchObject({
        start_date: null,
        time_zone: 'Europe/Paris',
      });
    });

    it.each([
      ['February 30th', { startDate: '2025-02-30' }],
      ['February 29th of a common year', { startDate: '2023-02-29' }],
      ['month 13', { startDate: '2025-13-01' }],
      ['a date with a time', { startDate: '2025-01-01T00:00:00Z' }],
      ['a word', { startDate: 'yesterday' }],
      ['an unknown time zone', { timeZone: 'Mars/Base' }],
      ['an empty body', {}],
      ['an extra key', { startDate: '2025-01-01', status: 'ended' }],
    ])('returns 400 validation_failed for %s and changes nothing', async (_label, body) => {
      const c = await couple();
      const res = await unchanged(c, () => c.a.client.patch('/api/couple', body));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    });

    it('returns 409 not_in_couple for a single user', async () => {
      const { client } = await signUp(t.baseUrl);
      const res = await client.patch('/api/couple', { startDate: '2024-01-01' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('not_in_couple');
    });
  });

  describe('GET /api/couple/events', () => {
    it('lists every change in seq order, each by the partner who made it', async () => {
      const c = await couple();
      await c.a.client.patch('/api/couple', { startDate: '2024-05-01' });
      await c.b.client.patch('/api/couple', { timeZone: 'Asia/Tokyo' });
      await c.b.client.post('/api/couple/ending');
      await c.a.client.delete('/api/couple/ending');

      const { events, hasMore } = await eventsOf(c.a.client);
      expect(hasMore).toBe(false);
      expect(events.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(events.map((e: { event: unknown }) => e.event)).toEqual([
        { type: 'couple.connected', by: c.b.user.id },
        { type: 'couple.updated', by: c.a.user.id, startDate: '2024-05-01' },
        { type: 'couple.updated', by: c.b.user.id, timeZone: 'Asia/Tokyo' },
        {
          type: 'couple.ending_requested',
          by: c.b.user.id,
          endsAt: new Date(t.clock.now() + 7 * DAY).toISOString(),
        },
        { type: 'couple.ending_cancelled', by: c.a.user.id },
      ]);
      for (const e of events) expect(e.at).toBe(new Date(t.clock.now()).toISOString());
      expect(await eventsOf(c.b.client)).toEqual({ events, hasMore });
      expect((await c.a.client.get('/api/couple')).body.couple.lastSeq).toBe(5);
    });

    it('pages with after and limit, saying whether more follow', async () => {
      const c = await couple();
      for (const day of ['01', '02', '03']) {
        await c.a.client.patch('/api/couple', { startDate: `2024-01-${day}` });
      }
      const seqs = (page: { events: { seq: number }[] }) => page.events.map((e) => e.seq);
      const first = await eventsOf(c.a.client, '?limit=2');
      expect([seqs(first), first.hasMore]).toEqual([[1, 2], true]);
      const second = await eventsOf(c.a.client, '?after=2&limit=2');
      expect([seqs(second), second.hasMore]).toEqual([[3, 4], false]);
      const exact = await eventsOf(c.a.client, '?after=1&limit=3');
      expect([seqs(exact), exact.hasMore]).toEqual([[2, 3, 4], false]);
      const past = await eventsOf(c.a.client, '?after=4');
      expect(past).toEqual({ events: [], hasMore: false });
    });

    it('with scope=couple skips chat traffic and keeps only the couple milestones', async () => {
      const c = await couple();
      const { client: ws } = await WsClient.connectReady(t.baseUrl, {
        session: c.a.client.sessionCookie,
      });
      try {
        for (const body of ['hi', 'there']) {
          ws.send({ type: 'message.send', messageId: randomUUID(), body });
          await ws.next('message.ack');
        }
      } finally {
        await ws.close();
      }
      await c.a.client.patch('/api/couple', { startDate: '2024-05-01' });
      const all = await eventsOf(c.a.client);
      expect(all.events.map((e: { event: { type: string } }) => e.event.type)).toEqual([
        'couple.connected',
        'message.created',
        'message.created',
        'couple.updated',
      ]);
      const only = await eventsOf(c.a.client, '?scope=couple&limit=1');
      expect(only.events.map((e: { seq: number }) => e.seq)).toEqual([1]);
      expect(only.hasMore).toBe(true);
      const rest = await eventsOf(c.a.client, '?scope=couple&after=1');
      expect(rest.events.map((e: { seq: number }) => e.seq)).toEqual([4]);
      expect(rest.hasMore).toBe(false);
    });

    it.each(['?limit=0', '?limit=501', '?after=-1', '?after=abc', '?since=1', '?scope=chat'])(
      'returns 400 validation_failed for %s',
      async (query) => {
        const c = await couple();
        const res = await c.a.client.get(`/api/couple/events${query}`);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
      },
    );

    it('returns 409 not_in_couple for a single user', async () => {
      const { client } = await signUp(t.baseUrl);
      const res = await client.get('/api/couple/events');
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('not_in_couple');
    });
  });

  describe('POST /api/couple/ending', () => {
    it('starts the grace period: ending, ends exactly 7 days from now, by the requester', async () => {
      const c = await couple();
      t.clock.advance(1234);
      const res = await c.a.client.post('/api/couple/ending');
      expect(res.status).toBe(200);
      const endsAt = new Date(t.clock.now() + 7 * DAY).toISOString();
      expect(res.body.couple).toMatchObject({
        id: c.coupleId,
        status: 'ending',
        endsAt,
        endingRequestedBy: c.a.user.id,
      });
      expect((await c.b.client.get('/api/couple')).body.couple).toMatchObject({
        status: 'ending',
        endsAt,
        endingRequestedBy: c.a.user.id,
      });
    });

    it('returns 409 couple_already_ending to a second request by either partner', async () => {
      const c = await couple();
      await c.a.client.post('/api/couple/ending');
      for (const partner of [c.a, c.b]) {
        const res = await unchanged(c, () => partner.client.post('/api/couple/ending'));
        expect(res.status).toBe(409);
        expect(res.body.error.code).toBe('couple_already_ending');
      }
    });

    it('returns 409 not_in_couple for a single user', async () => {
      const { client } = await signUp(t.baseUrl);
      const res = await client.post('/api/couple/ending');
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('not_in_couple');
    });
  });

  describe('DELETE /api/couple/ending', () => {
    it.each(['requester', 'partner'] as const)(
      'lets the %s cancel: active again, no end time',
      async (who) => {
        const c = await couple();
        await c.a.client.post('/api/couple/ending');
        const canceller = who === 'requester' ? c.a : c.b;
        const res = await canceller.client.delete('/api/couple/ending');
        expect(res.status).toBe(200);
        expect(res.body.couple).toMatchObject({
          status: 'active',
          endsAt: null,
          endingRequestedBy: null,
        });
        const last = (await eventsOf(c.a.client, '?after=2')).events;
        expect(last.map((e: { event: unknown }) => e.event)).toEqual([
          { type: 'couple.ending_cancelled', by: canceller.user.id },
        ]);
        // Ending can be asked for again.
        expect((await c.b.client.post('/api/couple/ending')).status).toBe(200);
      },
    );

    it('returns 409 couple_not_ending when the couple is not ending', async () => {
      const c = await couple();
      const res = await unchanged(c, () => c.b.client.delete('/api/couple/ending'));
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('couple_not_ending');
    });

    it('returns 409 not_in_couple for a single user', async () => {
      const { client } = await signUp(t.baseUrl);
      const res = await client.delete('/api/couple/ending');
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('not_in_couple');
    });
  });

  describe('GET /api/couple/export', () => {
    it('downloads the couple and its history as a JSON attachment', async () => {
      const c = await couple();
      await c.b.client.patch('/api/couple', { startDate: '2022-03-14' });
      const res = await c.a.client.get('/api/couple/export?format=json');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="couple-chat-\d{4}-\d{2}-\d{2}\.json"$/,
      );
      expect(res.headers.get('cache-control')).toBe('no-store');
      const history = (await eventsOf(c.a.client)).events;
      expect(res.body).toEqual({
        format: 'couple-chat-export',
        version: 1,
        exportedAt: new Date(t.clock.now()).toISOString(),
        exportedBy: {
          id: c.a.user.id,
          username: c.a.input.username,
          displayName: c.a.input.displayName,
        },
        couple: (await c.a.client.get('/api/couple')).body.couple,
        history,
        messages: [],
        answers: [],
        calendar: [],
        ddays: [],
      });
      expect(history).toHaveLength(2);
      expect((await c.a.client.get('/api/couple/export')).body.couple.id).toBe(c.coupleId);
    });

    it('renders an HTML attachment with every name escaped', async () => {
      const c = await createCouple(t.baseUrl, {
        a: { displayName: '<script>alert(1)</script>' },
        b: { displayName: '"Bo" & <b>' },
      });
      const res = await c.a.client.get('/api/couple/export?format=html');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.html"$/);
      const html = res.body as string;
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
      expect(html).toContain('&#34;Bo&#34; &#38; &#60;b&#62;');
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<b>');
    });

    it('returns 409 not_in_couple for a single user', async () => {
      const { client } = await signUp(t.baseUrl);
      const res = await client.get('/api/couple/export?format=html');
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('not_in_couple');
    });

    it.each(['?format=pdf', '?format=json&all=1'])(
      'returns 400 validation_failed for %s',
      async (query) => {
        const c = await couple();
        const res = await c.a.client.get(`/api/couple/export${query}`);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
      },
    );
  });
});
