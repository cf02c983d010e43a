import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/lib/clock.js';
import { type HubMessage, userTopic } from '../src/realtime/hub.js';
import { coupleRows } from './support/couple-rows.js';
import {
  type ReopenableTestDatabase,
  reopenableTestDatabase,
  type TestDatabase,
  testDatabases,
} from './support/databases.js';
import { createCouple, type SignedUp, type TestCouple } from './support/factories.js';
import { HttpClient } from './support/http-client.js';
import { countRows } from './support/rows.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { waitFor } from './support/wait.js';

const roomyRules = { signUpPerIp: { limit: 10_000, windowMs: 60_000 } };
const GRACE = 7 * 24 * 3600 * 1000;

/** Asks to end the couple now; returns the moment it is due to end. */
async function requestEnding(t: TestApp, c: TestCouple): Promise<number> {
  const res = await c.a.client.post('/api/couple/ending');
  expect(res.status).toBe(200);
  const endsAt = Date.parse(res.body.couple.endsAt);
  expect(endsAt).toBe(t.clock.now() + GRACE);
  return endsAt;
}

describe.each(testDatabases())('the 7-day grace period on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(database, { rateRules: roomyRules });
  });
  afterAll(() => t.close());

  const status = async (u: SignedUp) => (await u.client.get('/api/couple')).body.couple?.status;
  const deleteAccount = (u: SignedUp) => u.client.delete('/api/me', { password: u.input.password });

  /** A couple whose grace period has just run out and been swept. */
  async function endedCouple(): Promise<TestCouple> {
    const c = await createCouple(t.baseUrl);
    const endsAt = await requestEnding(t, c);
    t.clock.set(endsAt);
    await t.services.couples.endDueCouples();
    expect(await status(c.a)).toBeUndefined();
    return c;
  }

  it('ends nothing one millisecond early, and a partner can still cancel then', async () => {
    const c = await createCouple(t.baseUrl);
    const endsAt = await requestEnding(t, c);
    t.clock.set(endsAt - 1);
    expect(await t.services.couples.endDueCouples()).toBe(0);
    expect(await status(c.a)).toBe('ending');
    expect((await coupleRows(t.database.db, c.coupleId)).couple?.status).toBe('ending');

    const cancelled = await c.b.client.delete('/api/couple/ending');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.couple.status).toBe('active');
    t.clock.advance(GRACE);
    expect(await t.services.couples.endDueCouples()).toBe(0);
    expect(await status(c.b)).toBe('active');
  });

  it('ends the couple at exactly 7 days and deletes everything it shared', async () => {
    const c = await createCouple(t.baseUrl);
    await c.b.client.patch('/api/couple', { startDate: '2020-01-01' });
    const endsAt = await requestEnding(t, c);
    t.clock.set(endsAt - 1);
    expect(await t.services.couples.endDueCouples()).toBe(0);
    t.clock.advance(1);
    // The end time has come: too late to cancel, even before the sweeper runs.
    const late = await c.b.client.delete('/api/couple/ending');
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('couple_not_ending');
    expect(await t.services.couples.endDueCouples()).toBe(1);

    for (const u of [c.a, c.b]) {
      expect((await u.client.get('/api/couple')).body).toEqual({ couple: null });
      expect((await u.client.get('/api/couple/events')).status).toBe(409);
    }
    const rows = await coupleRows(t.database.db, c.coupleId);
    expect(rows.couple).toMatchObject({ status: 'ended', ended_at: endsAt, start_date: null });
    expect(rows.members).toEqual([]);
    expect(rows.events).toEqual([]);
    // Too late to cancel.
    expect((await c.a.client.delete('/api/couple/ending')).body.error.code).toBe('not_in_couple');
  });

  it('lets both former partners connect again', async () => {
    const c = await endedCouple();
    const asked = await c.b.client.post('/api/connection-requests', {
      username: c.a.input.username,
    });
    expect(asked.status).toBe(201);
    const approved = await c.a.client.post(
      `/api/connection-requests/${asked.body.request.id}/approval`,
      {},
    );
    expect(approved.status).toBe(201);
    expect(approved.body.couple.id).not.toBe(c.coupleId);
    expect(approved.body.couple).toMatchObject({ status: 'active', startDate: null, lastSeq: 1 });
    expect((await c.b.client.get('/api/couple/events')).body.events).toHaveLength(1);
  });

  it('lets both former partners delete their accounts', async () => {
    const c = await endedCouple();
    for (const u of [c.a, c.b]) {
      expect((await deleteAccount(u)).status).toBe(204);
      expect(await countRows(t.database.db, 'users', u.user.id)).toBe(0);
    }
  });

  it.each(['active', 'ending'] as const)(
    'refuses DELETE /api/me with 409 account_in_couple while %s, deleting nothing',
    async (state) => {
      const c = await createCouple(t.baseUrl);
      if (state === 'ending') await requestEnding(t, c);
      const before = await coupleRows(t.database.db, c.coupleId);
      for (const u of [c.a, c.b]) {
        const res = await deleteAccount(u);
        expect(res.status).toBe(409);
        expect(res.body.error.code).toBe('account_in_couple');
        expect(await countRows(t.database.db, 'users', u.user.id)).toBe(1);
        expect(await countRows(t.database.db, 'sessions', u.user.id)).toBe(1);
        expect(await status(u)).toBe(state);
      }
      expect(await coupleRows(t.database.db, c.coupleId)).toEqual(before);
      if (state === 'ending') await c.a.client.delete('/api/couple/ending');
    },
  );
});

/** Records every notice each user gets through an app's hub. */
function noticeLog() {
  const byUser = new Map<string, string[]>();
  return {
    listen(t: TestApp, userIds: string[]) {
      for (const id of userIds) {
        t.hub.subscribe(userTopic(id), (m: HubMessage) => {
          if (m.kind === 'notice') byUser.set(id, [...(byUser.get(id) ?? []), m.notice]);
        });
      }
    },
    of: (userId: string) => byUser.get(userId) ?? [],
  };
}

/** Three couples whose grace period is over, nobody swept yet. */
async function dueCouples(t: TestApp) {
  const couples = await Promise.all([1, 2, 3].map(() => createCouple(t.baseUrl)));
  for (const c of couples) await requestEnding(t, c);
  t.clock.advance(GRACE);
  return couples;
}

/** Every couple ended, its shared rows gone, each member told once; the sweeps' counts add up. */
async function expectEndedOnce(
  t: TestApp,
  couples: TestCouple[],
  results: number[],
  notices: ReturnType<typeof noticeLog>,
) {
  expect(results.reduce((sum, n) => sum + n, 0)).toBe(couples.length);
  for (const c of couples) {
    const rows = await coupleRows(t.database.db, c.coupleId);
    expect(rows.couple?.status).toBe('ended');
    expect(rows.members).toEqual([]);
    expect(rows.events).toEqual([]);
    for (const u of [c.a, c.b]) {
      expect(notices.of(u.user.id).filter((n) => n === 'couple.ended')).toHaveLength(1);
    }
  }
}

describe.each(testDatabases())('the ending sweeper on $name', (database) => {
  const apps: TestApp[] = [];
  const shared: ReopenableTestDatabase[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0).reverse()) await app.close();
    for (const db of shared.splice(0)) await db.dispose();
  });
  const start = async (db: TestDatabase, options: Parameters<typeof startTestApp>[1] = {}) => {
    const t = await startTestApp(db, { rateRules: roomyRules, ...options });
    apps.push(t);
    return t;
  };
  const reopenable = async () => {
    const db = await reopenableTestDatabase(database);
    shared.push(db);
    return db;
  };

  it('applies each ending exactly once when run three times at once', async () => {
    const t = await start(database);
    const couples = await dueCouples(t);
    const notices = noticeLog();
    notices.listen(
      t,
      couples.flatMap((c) => [c.a.user.id, c.b.user.id]),
    );
    const { couples: sweeper } = t.services;
    const results = await Promise.all([
      sweeper.endDueCouples(),
      sweeper.endDueCouples(),
      sweeper.endDueCouples(),
    ]);
    await expectEndedOnce(t, couples, results, notices);
    expect(await sweeper.endDueCouples()).toBe(0);
  });

  it('ends a couple whose end passed while the server was down, at startup', async () => {
    const db = await reopenable();
    const clock = new ManualClock(Date.UTC(2026, 10, 24, 12));
    const before = await start(db, { clock });
    const c = await createCouple(before.baseUrl);
    await requestEnding(before, c);
    await before.close();
    apps.splice(apps.indexOf(before), 1);

    clock.advance(GRACE + 60_000);
    const after = await start(db, { clock, jobs: true });
    await waitFor(
      async () => (await coupleRows(after.database.db, c.coupleId)).couple?.status === 'ended',
      'the startup sweep to end the couple',
    );
    const rows = await coupleRows(after.database.db, c.coupleId);
    expect(rows.members).toEqual([]);
    expect(rows.events).toEqual([]);
    const device = new HttpClient(after.baseUrl);
    device.setCookie('cc_session', c.a.client.sessionCookie ?? '');
    expect((await device.get('/api/couple')).body).toEqual({ couple: null });
  });
});

// Several instances need PostgreSQL: SQLite is the single-process deployment.
describe.each(testDatabases().filter((d) => d.name === 'postgres'))(
  'the ending sweeper on two instances of $name',
  (database) => {
    const apps: TestApp[] = [];
    let shared: ReopenableTestDatabase;
    beforeAll(async () => {
      shared = await reopenableTestDatabase(database);
    });
    afterAll(async () => {
      for (const app of apps.reverse()) await app.close();
      await shared.dispose();
    });

    it('applies each ending exactly once when both sweep the same database at once', async () => {
      const clock = new ManualClock(Date.UTC(2026, 10, 24, 12));
      for (let i = 0; i < 2; i++)
        apps.push(await startTestApp(shared, { rateRules: roomyRules, clock }));
      const [one, two] = apps as [TestApp, TestApp];
      const couples = await dueCouples(one);
      const notices = noticeLog();
      for (const t of apps)
        notices.listen(
          t,
          couples.flatMap((c) => [c.a.user.id, c.b.user.id]),
        );
      const results = await Promise.all([
        one.services.couples.endDueCouples(),
        two.services.couples.endDueCouples(),
        one.services.couples.endDueCouples(),
        two.services.couples.endDueCouples(),
      ]);
      await expectEndedOnce(two, couples, results, notices);
    });
  },
);
