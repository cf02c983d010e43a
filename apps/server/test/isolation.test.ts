import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClientFrame } from '@couple-chat/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OffsetClock } from '../src/lib/clock.js';
import { coupleRows, requestRows } from './support/couple-rows.js';
import { testDatabases } from './support/databases.js';
import { createCouple, type SignedUp, signUp, type TestCouple } from './support/factories.js';
import { type ApiResponse, HttpClient } from './support/http-client.js';
import { mp4WithGps, pdf, png } from './support/media-fixtures.js';
import { parseRouteTree, type RegisteredRoute } from './support/routes.js';
import { ONE_QUESTION, startTestApp, type TestApp } from './support/test-app.js';
import { uploadOk } from './support/uploads.js';
import { WsClient } from './support/ws-client.js';

/**
 * Who a route's data belongs to (DESIGN.md invariant 1). Every registered route must be listed:
 * a new route fails this test until it is classified here (and, if couple-scoped, given a call below).
 * A HEAD route is the GET route's twin and shares its class.
 */
type Scope = 'public' | 'account' | 'connection' | 'couple' | 'infra';
const routeTable: Record<string, Scope> = {
  'GET /healthz': 'infra',
  'GET /readyz': 'infra',
  'GET /ws': 'infra', // the socket's frames are checked below and in realtime.test.ts
  'GET /api/openapi.json': 'infra',
  'GET /api/docs': 'infra',
  'GET /api/docs/': 'infra',
  'GET /api/docs/*': 'infra',
  'GET /api/docs/json': 'infra',
  'GET /api/docs/yaml': 'infra',
  'GET /api/docs/static/index.html': 'infra',
  'GET /api/docs/static/swagger-initializer.js': 'infra',
  'POST /api/test/clock': 'infra', // only with TEST_CLOCK=true
  'GET /': 'infra', // the web app; its other files are checked against the build below
  'OPTIONS /api/uploads': 'infra', // tus: what the server supports; no data

  'POST /api/users': 'public',
  'POST /api/sessions': 'public',
  'POST /api/password-resets': 'public',
  'POST /api/password-resets/confirm': 'public',

  'GET /api/me': 'account',
  'PATCH /api/me': 'account',
  'DELETE /api/me': 'account',
  'PUT /api/me/password': 'account',
  'DELETE /api/sessions': 'account',
  'DELETE /api/sessions/current': 'account',
  'PUT /api/word-ranking/settings': 'account', // the user's own choice of 3, 5 or 10

  'GET /api/connection-requests': 'connection',
  'POST /api/connection-requests': 'connection',
  'DELETE /api/connection-requests/:id': 'connection',
  'POST /api/connection-requests/:id/approval': 'connection',
  'GET /api/invites/mine': 'connection',
  'POST /api/invites/mine': 'connection',
  'GET /api/invites/:code': 'connection',
  'POST /api/invites/:code/acceptance': 'connection',

  'GET /api/couple': 'couple',
  'PATCH /api/couple': 'couple',
  'POST /api/couple/ending': 'couple',
  'DELETE /api/couple/ending': 'couple',
  'GET /api/couple/events': 'couple',
  'GET /api/couple/export': 'couple',
  'GET /api/messages': 'couple',
  'GET /api/messages/days': 'couple',
  'GET /api/search': 'couple',
  'GET /api/read-positions': 'couple',
  'GET /api/word-ranking': 'couple',
  'GET /api/excluded-words': 'couple',
  'POST /api/excluded-words': 'couple',
  'POST /api/excluded-words/restore': 'couple',
  'GET /api/questions/open': 'couple',
  'PUT /api/questions/:id/answer': 'couple',
  'GET /api/questions': 'couple',
  'GET /api/question-settings': 'couple',
  'PUT /api/question-keywords/:id': 'couple',
  'POST /api/custom-questions': 'couple',
  'DELETE /api/custom-questions/:id': 'couple',
  'GET /api/calendar/events': 'couple',
  'POST /api/calendar/events': 'couple',
  'PATCH /api/calendar/events/:id': 'couple',
  'DELETE /api/calendar/events/:id': 'couple',
  'GET /api/ddays': 'couple',
  'POST /api/ddays': 'couple',
  'DELETE /api/ddays/:id': 'couple',
  'PUT /api/ddays/pin': 'couple',
  'POST /api/uploads': 'couple',
  'HEAD /api/uploads/:id': 'couple',
  'PATCH /api/uploads/:id': 'couple',
  'DELETE /api/uploads/:id': 'couple',
  'GET /api/attachments/:id/:variant': 'couple',
  'PUT /api/attachments/:id/poster': 'couple',
  'GET /api/storage': 'couple',
  'GET /api/drawer': 'couple',
};

/** tus requests carry their instructions in headers. */
const tusHeaders = (extra: Record<string, string> = {}) => ({ 'tus-resumable': '1.0.0', ...extra });
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A video couple A uploads, and the poster its browser drew. */
const VIDEO = mp4WithGps();
let posterImage: Buffer = Buffer.alloc(0);
/** Couple A's latest upload, known once the suite has made it. */
let uploadOfA = '';

/** A valid call of each couple route, in an order where each succeeds for a couple. */
const coupleCalls: {
  route: string;
  url?: string | (() => string);
  body?: unknown | (() => unknown);
  /** 200 unless said. */
  status?: number;
  headers?: Record<string, string> | (() => Record<string, string>);
}[] = [
  { route: 'GET /api/couple' },
  { route: 'PATCH /api/couple', body: { startDate: '2024-03-01', timeZone: 'Asia/Tokyo' } },
  { route: 'GET /api/couple/events', url: '/api/couple/events?after=0&limit=500' },
  { route: 'GET /api/couple/export', url: '/api/couple/export?format=json' },
  { route: 'GET /api/couple/export', url: '/api/couple/export?format=html' },
  { route: 'GET /api/messages', url: '/api/messages?limit=200' },
  { route: 'GET /api/messages', url: '/api/messages?around=1&limit=200' },
  { route: 'GET /api/messages', url: '/api/messages?day=2020-01-01' },
  // Both couples said the same words: only A's own message may come back.
  { route: 'GET /api/search', url: '/api/search?q=소풍' },
  {
    route: 'GET /api/search',
    url: '/api/search?q=%EC%86%8C%ED%92%8D%3F&from=me&kind=text&since=2020-01-01&until=2030-12-31',
  },
  { route: 'GET /api/messages/days', url: '/api/messages/days?month=2026-11' },
  { route: 'GET /api/read-positions' },
  { route: 'GET /api/word-ranking', url: '/api/word-ranking?top=10' },
  { route: 'POST /api/excluded-words', body: { words: ['음식을'] } },
  { route: 'GET /api/excluded-words' },
  { route: 'POST /api/excluded-words/restore', body: { words: ['음식'] } },
  { route: 'GET /api/questions/open' },
  {
    route: 'PUT /api/questions/:id/answer',
    url: () => `/api/questions/${questionOfA}/answer`,
    body: { body: '김밥이랑 돗자리' },
  },
  { route: 'GET /api/questions', url: '/api/questions?limit=100' },
  { route: 'GET /api/question-settings' },
  {
    route: 'PUT /api/question-keywords/:id',
    url: '/api/question-keywords/e2e-picnic',
    body: { enabled: false },
  },
  {
    route: 'POST /api/custom-questions',
    body: { word: '바다를', text: '바다 좋아해?' },
    status: 201,
  },
  { route: 'DELETE /api/custom-questions/:id', url: () => `/api/custom-questions/${customOfA}` },
  {
    route: 'POST /api/calendar/events',
    body: { title: 'picnic', startDate: '2024-05-05', startTime: '11:00', endTime: '15:00' },
    status: 201,
  },
  {
    route: 'PATCH /api/calendar/events/:id',
    url: () => `/api/calendar/events/${eventOfA}`,
    body: { endDate: '2024-05-06', note: 'bring the mat' },
  },
  { route: 'GET /api/calendar/events' },
  {
    route: 'DELETE /api/calendar/events/:id',
    url: () => `/api/calendar/events/${eventOfA}`,
    status: 204,
  },
  { route: 'POST /api/ddays', body: { title: 'trip', date: '2024-08-01' }, status: 201 },
  { route: 'PUT /api/ddays/pin', body: () => ({ kind: 'dday', id: ddayOfA }) },
  { route: 'GET /api/ddays' },
  { route: 'DELETE /api/ddays/:id', url: () => `/api/ddays/${ddayOfA}`, status: 204 },
  { route: 'PUT /api/ddays/pin', body: { kind: 'next_milestone' } },
  {
    route: 'POST /api/uploads',
    headers: tusHeaders({
      'upload-length': String(VIDEO.length),
      'upload-metadata': `filename ${b64('v.mp4')}`,
    }),
    status: 201,
  },
  { route: 'HEAD /api/uploads/:id', url: () => `/api/uploads/${uploadOfA}`, headers: tusHeaders() },
  {
    route: 'PATCH /api/uploads/:id',
    url: () => `/api/uploads/${uploadOfA}`,
    headers: tusHeaders({
      'upload-offset': '0',
      'content-type': 'application/offset+octet-stream',
    }),
    body: VIDEO,
    status: 204,
  },
  {
    route: 'PUT /api/attachments/:id/poster',
    url: () => `/api/attachments/${uploadOfA}/poster`,
    headers: { 'content-type': 'image/png' },
    body: () => posterImage,
    status: 204,
  },
  { route: 'GET /api/attachments/:id/:variant', url: () => `/api/attachments/${uploadOfA}/poster` },
  {
    route: 'GET /api/attachments/:id/:variant',
    url: () => `/api/attachments/${uploadOfA}/original`,
  },
  { route: 'GET /api/storage' },
  { route: 'GET /api/drawer', url: '/api/drawer?tab=media' },
  {
    route: 'POST /api/uploads',
    headers: tusHeaders({ 'upload-length': '10', 'upload-metadata': `filename ${b64('x.bin')}` }),
    status: 201,
  },
  {
    route: 'DELETE /api/uploads/:id',
    url: () => `/api/uploads/${uploadOfA}`,
    headers: tusHeaders(),
    status: 204,
  },
  { route: 'POST /api/couple/ending' },
  { route: 'DELETE /api/couple/ending' },
];

/** Couple A's open question and own question, known once the suite has made them. */
let questionOfA = '';
let customOfA = '';
/** Couple A's calendar event and D-day, known once the suite has made them. */
let eventOfA = '';
let ddayOfA = '';
const urlOf = (call: { route: string; url?: string | (() => string) }) =>
  typeof call.url === 'function' ? call.url() : (call.url ?? pathOf(call.route));
const bodyOf = (call: { body?: unknown }) =>
  typeof call.body === 'function' ? (call.body as () => unknown)() : call.body;
const headersOf = (call: { headers?: Record<string, string> | (() => Record<string, string>) }) =>
  typeof call.headers === 'function' ? call.headers() : call.headers;

/** Valid input for every authenticated route, so that only the missing session can fail it. */
const authSamples: Record<string, { url?: string; body?: unknown }> = {
  'PATCH /api/me': { body: { displayName: 'x' } },
  'DELETE /api/me': { body: { password: 'some password' } },
  'PUT /api/me/password': {
    body: { currentPassword: 'some password', newPassword: 'another long password' },
  },
  'POST /api/connection-requests': { body: { username: 'someone' } },
  'DELETE /api/connection-requests/:id': {
    url: '/api/connection-requests/0193a0d6-0000-7000-8000-000000000000',
  },
  'POST /api/connection-requests/:id/approval': {
    url: '/api/connection-requests/0193a0d6-0000-7000-8000-000000000000/approval',
    body: {},
  },
  'GET /api/invites/:code': { url: '/api/invites/ABCDEFGH' },
  'POST /api/invites/:code/acceptance': { url: '/api/invites/ABCDEFGH/acceptance', body: {} },
  'PATCH /api/couple': { body: { startDate: '2024-01-01' } },
  'PUT /api/word-ranking/settings': { body: { top: 3 } },
  'POST /api/excluded-words': { body: { words: ['음식'] } },
  'POST /api/excluded-words/restore': { body: { words: ['음식'] } },
  'PUT /api/questions/:id/answer': {
    url: '/api/questions/0193a0d6-0000-7000-8000-000000000000/answer',
    body: { body: 'an answer' },
  },
  'PUT /api/question-keywords/:id': { body: { enabled: false } },
  'POST /api/custom-questions': { body: { word: '바다', text: '바다 좋아해?' } },
  'DELETE /api/custom-questions/:id': {
    url: '/api/custom-questions/0193a0d6-0000-7000-8000-000000000000',
  },
  'POST /api/calendar/events': { body: { title: 'x', startDate: '2024-01-01' } },
  'PATCH /api/calendar/events/:id': {
    url: '/api/calendar/events/0193a0d6-0000-7000-8000-000000000000',
    body: { title: 'y' },
  },
  'DELETE /api/calendar/events/:id': {
    url: '/api/calendar/events/0193a0d6-0000-7000-8000-000000000000',
  },
  'POST /api/ddays': { body: { title: 'x', date: '2024-01-01' } },
  'DELETE /api/ddays/:id': { url: '/api/ddays/0193a0d6-0000-7000-8000-000000000000' },
  'PUT /api/ddays/pin': { body: { kind: 'none' } },
  'HEAD /api/uploads/:id': { url: '/api/uploads/0193a0d6-0000-7000-8000-000000000000' },
  'PATCH /api/uploads/:id': { url: '/api/uploads/0193a0d6-0000-7000-8000-000000000000' },
  'DELETE /api/uploads/:id': { url: '/api/uploads/0193a0d6-0000-7000-8000-000000000000' },
  'GET /api/attachments/:id/:variant': {
    url: '/api/attachments/0193a0d6-0000-7000-8000-000000000000/original',
  },
  'PUT /api/attachments/:id/poster': {
    url: '/api/attachments/0193a0d6-0000-7000-8000-000000000000/poster',
  },
  'GET /api/drawer': { url: '/api/drawer?tab=media' },
  'GET /api/search': { url: '/api/search?q=x' },
  'GET /api/messages/days': { url: '/api/messages/days?month=2026-11' },
};

/**
 * Without a session a file answers as if it did not exist (the rule for files: nothing
 * about them, not even that they need a log-in).
 */
const anonymousStatus: Record<string, number> = { 'GET /api/attachments/:id/:variant': 404 };

/** WebSocket frame types, classified the same way. */
const frameTable: Record<ClientFrame['type'], Scope> = {
  sync: 'couple',
  ping: 'infra',
  'message.send': 'couple',
  'message.send.files': 'couple',
  'message.delete': 'couple',
  read: 'couple',
  typing: 'couple',
};
const isoMessageId = '0193a0d6-0000-7000-8000-00000000150a';
const frameSamples: Record<ClientFrame['type'], ClientFrame> = {
  sync: { type: 'sync', id: 'iso', afterSeq: 0 },
  ping: { type: 'ping', id: 'iso' },
  'message.send': { type: 'message.send', messageId: isoMessageId, body: 'only for couple A' },
  // Its attachment is uploaded by couple A when the frame test starts.
  'message.send.files': {
    type: 'message.send.files',
    messageId: '0193a0d6-0000-7000-8000-00000000f11e',
    body: 'our file',
    attachmentIds: [],
  },
  'message.delete': { type: 'message.delete', messageId: isoMessageId },
  read: { type: 'read', seq: 1_000_000 },
  typing: { type: 'typing', typing: true },
};

const key = (r: RegisteredRoute) => `${r.method} ${r.path}`;
const pathOf = (route: string) => route.slice(route.indexOf(' ') + 1);
const methodOf = (route: string) => route.slice(0, route.indexOf(' '));
const roomyRules = {
  signUpPerIp: { limit: 10_000, windowMs: 60_000 },
  inviteLookupsPerIp: { limit: 10_000, windowMs: 60_000 },
};

/** A stand-in web build, so the static routes do not depend on whether the web app was built. */
function fakeWebBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), '');
  fs.writeFileSync(path.join(dir, 'icon.svg'), '<svg/>');
  return dir;
}

function listFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`)
        : [`/${prefix}${e.name}`],
    );
}

describe.each(testDatabases())('couple isolation on $name', (database) => {
  let t: TestApp;
  let webDir: string;
  let routes: RegisteredRoute[];
  beforeAll(async () => {
    webDir = fakeWebBuild();
    t = await startTestApp(database, {
      rateRules: roomyRules,
      env: { WEB_DIST_DIR: webDir, QUESTION_BANK_FILE: ONE_QUESTION },
    });
    // The union over configurations: the test clock adds its route only when enabled.
    const withClock = await startTestApp(database, {
      clock: new OffsetClock(),
      env: { WEB_DIST_DIR: webDir, TEST_CLOCK: 'true' },
    });
    const seen = new Map<string, RegisteredRoute>();
    for (const app of [t, withClock]) {
      for (const r of parseRouteTree(app.app.printRoutes({ commonPrefix: false }))) {
        seen.set(key(r), r);
      }
    }
    await withClock.close();
    routes = [...seen.values()];
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  describe('the route table', () => {
    it('classifies every registered route', () => {
      const registered = new Set(routes.map(key));
      const staticFiles = new Set(listFiles(webDir));
      const unclassified = routes
        .filter((r) => !(r.method === 'HEAD' && registered.has(`GET ${r.path}`)))
        .filter((r) => !(r.method === 'GET' && staticFiles.has(r.path)))
        .map(key)
        .filter((k) => !(k in routeTable));
      expect(unclassified, 'add these routes to routeTable').toEqual([]);
    });

    it('lists no route that is not registered', () => {
      const registered = new Set(routes.map(key));
      const stale = Object.keys(routeTable).filter((k) => !registered.has(k));
      expect(stale, 'remove these from routeTable').toEqual([]);
    });

    it('has a call for every couple route', () => {
      const coupleRoutes = Object.keys(routeTable).filter((k) => routeTable[k] === 'couple');
      expect(new Set(coupleCalls.map((c) => c.route))).toEqual(new Set(coupleRoutes));
    });

    it('classifies every WebSocket frame type', () => {
      const types = ClientFrame.options.map((o) => o.shape.type.value).sort();
      expect(Object.keys(frameTable).sort()).toEqual(types);
    });

    it('answers 401 on every account, connection and couple route without a session', async () => {
      const anonymous = new HttpClient(t.baseUrl);
      const guarded = routes
        .map(key)
        .filter((k) => ['account', 'connection', 'couple'].includes(routeTable[k] ?? ''));
      expect(guarded.length).toBeGreaterThan(15);
      for (const route of guarded) {
        const sample = authSamples[route] ?? {};
        const res = await anonymous.request(
          methodOf(route),
          sample.url ?? pathOf(route),
          sample.body,
        );
        expect(res.status, route).toBe(anonymousStatus[route] ?? 401);
      }
    });
  });

  describe('a member of another couple', () => {
    let a: TestCouple;
    let others: TestCouple[];
    let s: SignedUp;
    let single: SignedUp;
    /** Ids and usernames of everyone outside couple A; none may appear in A1's responses. */
    let foreign: string[];

    const labelled = (label: string) => ({
      username: `${label}_${randomBytes(4).toString('hex')}`,
    });
    const couple = async (x: string) =>
      createCouple(t.baseUrl, { a: labelled(`${x}1`), b: labelled(`${x}2`) });

    /** Every row of every couple but A. */
    const othersRows = async () =>
      Promise.all(others.map((c) => coupleRows(t.database.db, c.coupleId)));

    const expectNothingForeign = (res: ApiResponse, what: string) => {
      const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
      const headers = JSON.stringify([...res.headers.entries()]);
      for (const secret of foreign) {
        expect(text, `${what} leaks ${secret}`).not.toContain(secret);
        expect(headers, `${what} leaks ${secret}`).not.toContain(secret);
      }
    };

    beforeAll(async () => {
      posterImage = await png(320, 180);
      a = await couple('aa');
      const b = await couple('bb');
      const c = await couple('cc');
      others = [b, c];
      // Give the other couples history and state worth protecting: b has settings, c is ending.
      await b.b.client.patch('/api/couple', { startDate: '2019-09-09', timeZone: 'Europe/Rome' });
      await c.a.client.post('/api/couple/ending');
      // Both a and b talk about a picnic: each gets an open question; b's must stay b's.
      for (const x of [a, b]) {
        const ws = (await WsClient.connectReady(t.baseUrl, { session: x.a.client.sessionCookie }))
          .client;
        ws.send({ type: 'sync', afterSeq: 0, id: 's' });
        await ws.next('synced');
        const messageId = randomUUID();
        ws.send({ type: 'message.send', messageId, body: '다음 주말에 소풍 갈래?' });
        await ws.next('message.ack', (f) => f.messageId === messageId);
        ws.close();
      }
      questionOfA = (await a.a.client.get('/api/questions/open')).body.question.id;
      const questionOfB = (await b.b.client.get('/api/questions/open')).body.question.id;
      // b's first partner answers (so they can chat on); b's question stays open for the other.
      await b.a.client.put(`/api/questions/${questionOfB}/answer`, {
        body: 'a secret answer of B',
      });
      // b has a calendar event and a pinned D-day of its own.
      const eventOfB = await b.a.client.post('/api/calendar/events', {
        title: 'a secret plan of B',
        startDate: '2024-05-05',
      });
      const ddayOfB = await b.b.client.post('/api/ddays', {
        title: 'a secret day of B',
        date: '2024-08-01',
      });
      await b.a.client.put('/api/ddays/pin', { kind: 'dday', id: ddayOfB.body.id });
      s = await signUp(t.baseUrl, labelled('ss'));
      single = await signUp(t.baseUrl, labelled('tt'));
      foreign = [
        questionOfB,
        'a secret answer of B',
        eventOfB.body.id,
        'a secret plan of B',
        ddayOfB.body.id,
        'a secret day of B',
        b.coupleId,
        c.coupleId,
        s.user.id,
        s.input.username,
        single.user.id,
        single.input.username,
        ...[b, c].flatMap((x) => [
          x.a.user.id,
          x.a.input.username,
          x.b.user.id,
          x.b.input.username,
        ]),
      ];
    });

    it('reads and changes only its own couple through every couple route', async () => {
      for (const call of coupleCalls) {
        const before = await othersRows();
        const url = urlOf(call);
        const res = await a.a.client.request(
          methodOf(call.route),
          url,
          bodyOf(call),
          headersOf(call),
        );
        expect(res.status, call.route).toBe(call.status ?? 200);
        if (call.route === 'POST /api/uploads')
          uploadOfA = res.headers.get('location')?.split('/').at(-1) ?? '';
        if (call.route === 'POST /api/custom-questions') customOfA = res.body.custom[0].id;
        if (call.route === 'POST /api/calendar/events') eventOfA = res.body.id;
        if (call.route === 'POST /api/ddays') ddayOfA = res.body.id;
        expectNothingForeign(res, call.route);
        if (methodOf(call.route) === 'GET') {
          const head = await a.a.client.request('HEAD', url);
          expect(head.status, `HEAD ${url}`).toBe(200);
          expectNothingForeign(head, `HEAD ${url}`);
        }
        expect(await othersRows(), `${call.route} changed another couple`).toEqual(before);
      }
      // And it did act on its own couple.
      const own = await coupleRows(t.database.db, a.coupleId);
      expect(own.couple).toMatchObject({ start_date: '2024-03-01', status: 'active' });
      expect(own.events.map((e) => e.type)).toEqual([
        'couple.connected',
        'message.created',
        'question.asked',
        'couple.updated',
        'words.excluded',
        'words.restored',
        'question.answered',
        'questions.settings_changed',
        'questions.settings_changed',
        'questions.settings_changed',
        'calendar.event_saved',
        'calendar.event_saved',
        'calendar.event_deleted',
        'dday.saved',
        'dday.pinned',
        'dday.deleted',
        'dday.pinned',
        'dday.pinned',
        'couple.ending_requested',
        'couple.ending_cancelled',
      ]);
    });

    it('cannot cancel or approve a request between other people, nor learn it exists', async () => {
      const asked = await s.client.post('/api/connection-requests', {
        username: single.input.username,
      });
      expect(asked.status).toBe(201);
      const id = asked.body.request.id as string;
      const unknown = '0193a0d6-0000-7000-8000-000000000000';
      const idRoutes = Object.keys(routeTable).filter(
        (k) => routeTable[k] === 'connection' && k.includes(':id'),
      );
      expect(idRoutes).toHaveLength(2);
      for (const route of idRoutes) {
        const before = await requestRows(t.database.db);
        const call = (target: string) =>
          a.a.client.request(
            methodOf(route),
            pathOf(route).replace(':id', target),
            methodOf(route) === 'POST' ? {} : undefined,
          );
        const res = await call(id);
        // An existing request of others answers exactly like one that does not exist.
        const control = await call(unknown);
        expect([res.status, res.body], route).toEqual([control.status, control.body]);
        // Approving: a coupled user is told so first (409); anything else is not found (404).
        expect(res.status, route).toBe(methodOf(route) === 'POST' ? 409 : 404);
        expectNothingForeign(res, route);
        expect(await requestRows(t.database.db), route).toEqual(before);
      }
      const listed = await a.a.client.get('/api/connection-requests');
      expect(listed.body).toEqual({ received: [], sent: [] });
      expect((await single.client.get('/api/connection-requests')).body.received).toHaveLength(1);
      await s.client.delete(`/api/connection-requests/${id}`);
    });

    it("cannot join another couple through a member's invite code", async () => {
      const [b] = others as [TestCouple];
      const code = (await b.a.client.get('/api/invites/mine')).body.invite.code;
      const before = await othersRows();
      const res = await a.a.client.post(`/api/invites/${code}/acceptance`, {});
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('already_in_couple');
      expect(await othersRows()).toEqual(before);
      expect((await a.a.client.get('/api/couple')).body.couple.id).toBe(a.coupleId);
    });

    it('gives a single user 409 not_in_couple on every couple route but GET /api/couple', async () => {
      for (const call of coupleCalls) {
        const before = await othersRows();
        const res = await s.client.request(
          methodOf(call.route),
          urlOf(call),
          bodyOf(call),
          headersOf(call),
        );
        if (call.route === 'GET /api/couple') {
          expect(res.body).toEqual({ couple: null });
        } else {
          expect(res.status, call.route).toBe(409);
          // A HEAD answer has no body to name the code.
          if (methodOf(call.route) !== 'HEAD')
            expect(res.body.error.code, call.route).toBe('not_in_couple');
        }
        expect(await othersRows()).toEqual(before);
      }
    });

    it("cannot delete, read past or even see another couple's message", async () => {
      const b = others[0] as TestCouple;
      const bSocket = (
        await WsClient.connectReady(t.baseUrl, { session: b.a.client.sessionCookie })
      ).client;
      const aSocket = (
        await WsClient.connectReady(t.baseUrl, { session: a.a.client.sessionCookie })
      ).client;
      try {
        const messageId = '0193a0d6-0000-7000-8000-0000000b0b0b';
        bSocket.send({ type: 'message.send', messageId, body: 'a secret of couple B' });
        await bSocket.next('message.ack', (f) => f.messageId === messageId);
        const before = await othersRows();
        aSocket.send({ type: 'message.delete', messageId });
        const refused = await aSocket.next('error', (f) => f.messageId === messageId);
        expect(refused.code).toBe('not_found');
        expect(await othersRows()).toEqual(before);
        const history = await a.a.client.get('/api/messages?limit=200');
        expect(history.status).toBe(200);
        expect(JSON.stringify(history.body)).not.toContain('a secret of couple B');
        for (const q of ['secret', 'of couple', 's', '"couple B"']) {
          const searched = await a.a.client.get(`/api/search?q=${encodeURIComponent(q)}`);
          expect([searched.status, searched.body.total], q).toEqual([200, 0]);
        }
        // Both couples asked about a picnic: A finds only its own question's message.
        const picnic = await a.a.client.get('/api/search?q=소풍');
        expect(
          picnic.body.items.map((i: { message: { senderId: string } }) => i.message.senderId),
        ).toEqual([a.a.user.id]);
        expect(JSON.stringify(aSocket.frames)).not.toContain('a secret of couple B');
      } finally {
        await bSocket.close();
        await aSocket.close();
      }
    });

    it('sees only its own couple through every WebSocket frame type', async () => {
      const { client: ws, hello } = await WsClient.connectReady(t.baseUrl, {
        session: a.a.client.sessionCookie,
      });
      try {
        expect(hello.type === 'hello' && hello.coupleId).toBe(a.coupleId);
        frameSamples['message.send.files'] = {
          ...(frameSamples['message.send.files'] as ClientFrame & { type: 'message.send.files' }),
          attachmentIds: [await uploadOk(a.a, pdf(), 'ours.pdf')],
        };
        for (const type of Object.keys(frameSamples) as ClientFrame['type'][]) {
          const before = await othersRows();
          ws.send(frameSamples[type]);
          if (type === 'sync') await ws.next('synced', (f) => f.id === 'iso');
          else if (type === 'message.send' || type === 'message.send.files')
            await ws.next('message.ack');
          else if (type === 'message.delete')
            await ws.next('event', (f) => f.event.type === 'message.deleted');
          else if (type === 'read') await ws.next('event', (f) => f.event.type === 'read.updated');
          else await ws.roundTrip();
          expect(await othersRows()).toEqual(before);
        }
        const text = JSON.stringify(ws.frames);
        for (const secret of foreign) expect(text).not.toContain(secret);
        for (const e of ws.events()) expect(e.coupleId).toBe(a.coupleId);
        expect(ws.events().length).toBeGreaterThan(0);
      } finally {
        await ws.close();
      }
    });
  });
});
