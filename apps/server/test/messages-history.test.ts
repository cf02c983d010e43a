import type { MessageDto } from '@couple-chat/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCouple, signUp, type TestCouple } from './support/factories.js';
import { HttpClient } from './support/http-client.js';
import {
  chatRows,
  createdEvents,
  eventsThrough,
  messageVariants,
  send,
  sendOk,
} from './support/messages.js';
import { realtimeApp, sync } from './support/realtime.js';
import type { TestApp } from './support/test-app.js';

const GRACE = 7 * 24 * 3600 * 1000;

/** The text a browser shows for HTML-escaped characters (numeric or named). */
const decodeEntities = (html: string) =>
  html
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(
      /&(lt|gt|quot|apos|amp);/g,
      (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] ?? '',
    );

describe.each(messageVariants())('chat messages on $name: history and export', (variant) => {
  const rt = realtimeApp(variant);
  let t: TestApp;
  beforeAll(() => {
    t = rt.t();
  });

  describe('GET /api/messages', () => {
    let shared: Promise<TestCouple> | undefined;
    it('pages backwards by seq, oldest first within a page, with no gap or overlap', async () => {
      const c = await createCouple(t.baseUrl);
      const { ws } = await rt.socket(c.a);
      const acks = [];
      for (let i = 0; i < 25; i++) {
        acks.push(await sendOk(ws, `history ${i}`));
        // Other events in between: the pages hold messages only.
        if (i === 12) ws.send({ type: 'read', seq: 3 });
      }
      const all = (await chatRows(t, c.coupleId)).messages.map((m) => m.id);
      expect(all).toEqual(acks.map((a) => a.messageId));

      const pages: { messages: MessageDto[]; hasMore: boolean }[] = [];
      let before: number | undefined;
      for (let guard = 0; guard < 10; guard++) {
        const res = await c.b.client.get(
          `/api/messages?limit=10${before === undefined ? '' : `&before=${before}`}`,
        );
        expect(res.status).toBe(200);
        pages.push(res.body);
        const seqsOfPage = res.body.messages.map((m: MessageDto) => m.seq);
        expect(seqsOfPage).toEqual([...seqsOfPage].sort((x, y) => x - y));
        if (!res.body.hasMore) break;
        before = seqsOfPage[0];
      }
      expect(pages.map((p) => [p.messages.length, p.hasMore])).toEqual([
        [10, true],
        [10, true],
        [5, false],
      ]);
      const walked = pages.reverse().flatMap((p) => p.messages);
      expect(walked.map((m) => m.id)).toEqual(all);
      expect(walked.map((m) => m.body)).toEqual(acks.map((_, i) => `history ${i}`));
      expect(walked.map((m) => [m.seq, m.createdAt])).toEqual(acks.map((a) => [a.seq, a.at]));
      expect(walked.every((m) => m.senderId === c.a.user.id && m.deletedAt === null)).toBe(true);

      // hasMore is exact at the boundary; the default page holds all 25.
      const exact = await c.a.client.get('/api/messages?limit=25');
      expect([exact.body.messages.length, exact.body.hasMore]).toEqual([25, false]);
      const short = await c.a.client.get('/api/messages?limit=24');
      expect([short.body.messages[0].body, short.body.hasMore]).toEqual(['history 1', true]);
      expect((await c.a.client.get('/api/messages')).body.messages).toHaveLength(25);
      const oldest = await c.a.client.get(`/api/messages?before=${acks[1]?.seq}&limit=200`);
      expect(oldest.body).toEqual({ messages: [walked[0]], hasMore: false });
      const none = await c.a.client.get(`/api/messages?before=${acks[0]?.seq}&limit=1`);
      expect(none.body).toEqual({ messages: [], hasMore: false });
    });

    it('returns an empty page for a couple that has not written yet', async () => {
      const c = await createCouple(t.baseUrl);
      const res = await c.a.client.get('/api/messages');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ messages: [], hasMore: false });
    });

    it.each([
      'limit=0',
      'limit=201',
      'limit=abc',
      'limit=-1',
      'limit=1.5',
      'before=0',
      'before=abc',
      'before=-5',
      'later=3',
      'before=3&after=1',
      'around=0',
      'day=2026-02-30',
    ])('answers ?%s with 400 validation_failed', async (query) => {
      shared ??= createCouple(t.baseUrl);
      const c = await shared;
      const res = await c.a.client.get(`/api/messages?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts/);
    });

    it('answers 409 not_in_couple while single and 401 without a session', async () => {
      const u = await signUp(t.baseUrl);
      const single = await u.client.get('/api/messages');
      expect(single.status).toBe(409);
      expect(single.body.error.code).toBe('not_in_couple');
      const anonymous = await new HttpClient(t.baseUrl).get('/api/messages');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error.code).toBe('unauthenticated');
    });
  });

  describe('export', () => {
    it('includes every message, deleted ones without text, and escapes them in HTML', async () => {
      const c = await createCouple(t.baseUrl);
      expect((await c.b.client.patch('/api/me', { locale: 'en' })).status).toBe(200);
      const { ws } = await rt.socket(c.a);
      const { ws: wsB } = await rt.socket(c.b);
      await sync(wsB, 0);
      const bold = await sendOk(ws, '<b>bold</b> & "quoted"');
      const gone = await sendOk(ws, 'soon deleted text');
      const reply = await sendOk(wsB, 'line one\nline two');
      ws.send({ type: 'message.delete', messageId: gone.messageId });
      await eventsThrough(wsB, reply.seq + 1);

      const json = await c.a.client.get('/api/couple/export?format=json');
      expect(json.status).toBe(200);
      const history = (await c.a.client.get('/api/messages')).body.messages;
      expect(json.body.messages).toEqual(history);
      expect(json.body.messages.map((m: MessageDto) => m.body)).toEqual([
        '<b>bold</b> & "quoted"',
        null,
        'line one\nline two',
      ]);
      expect(json.body.messages[1]).toMatchObject({
        id: gone.messageId,
        deletedAt: expect.any(String),
      });
      expect(JSON.stringify(json.body)).not.toContain('soon deleted text');
      expect(json.body.messages[0].id).toBe(bold.messageId);

      for (const [who, tombstone] of [
        [c.a, '삭제된 메시지입니다'],
        [c.b, 'This message was deleted'],
      ] as const) {
        const html = await who.client.get('/api/couple/export?format=html');
        expect(html.status).toBe(200);
        expect(html.headers.get('content-type')).toMatch(/^text\/html/);
        const page = String(html.body);
        // Escaped (in whichever entity form), so the markup shows as text instead of rendering.
        expect(page).not.toMatch(/<b>|<\/b>|& "|"quoted"/);
        expect(decodeEntities(page)).toContain('<td><b>bold</b> & "quoted"</td>');
        expect(page).toContain('line one<br>line two');
        expect(page).toContain(tombstone);
        expect(page).not.toContain('soon deleted text');
      }
    });
  });
});

describe.each(messageVariants())('chat messages on $name: when the couple ends', (variant) => {
  const rt = realtimeApp(variant);
  let t: TestApp;
  beforeAll(() => {
    t = rt.t();
  });

  it('keep working during the grace period and are all deleted when it is over', async () => {
    const c = await createCouple(t.baseUrl);
    const bystanders = await createCouple(t.baseUrl);
    const { ws: other } = await rt.socket(bystanders.a);
    await sendOk(other, 'we stay');

    const { ws: a } = await rt.socket(c.a);
    const { ws: b } = await rt.socket(c.b);
    for (const ws of [a, b]) await sync(ws, 0);
    await sendOk(a, 'before');
    const ending = await c.a.client.post('/api/couple/ending');
    expect(ending.body.couple.status).toBe('ending');

    // During the grace period: send, read, delete and history all still work.
    t.clock.advance(GRACE - 60_000);
    const during = await sendOk(b, 'during the grace period');
    const doomed = await sendOk(a, 'deleted during');
    a.send({ type: 'read', seq: during.seq });
    a.send({ type: 'message.delete', messageId: doomed.messageId });
    await eventsThrough(b, doomed.seq + 2);
    expect(createdEvents(b).map((m) => m.body)).toEqual([
      'before',
      'during the grace period',
      'deleted during',
    ]);
    const history = (await c.b.client.get('/api/messages')).body.messages;
    expect(history.map((m: MessageDto) => m.body)).toEqual([
      'before',
      'during the grace period',
      null,
    ]);
    let rows = await chatRows(t, c.coupleId);
    expect([rows.messages.length, rows.reads.length]).toEqual([3, 1]);

    t.clock.advance(60_000);
    expect(await t.services.couples.endDueCouples()).toBe(1);
    rows = await chatRows(t, c.coupleId);
    expect(rows.messages).toEqual([]);
    expect(rows.reads).toEqual([]);
    expect(rows.events).toEqual([]);

    // The partners are single again: nothing to read or write.
    await a.next('notice', (n) => n.notice === 'couple.ended');
    expect((await a.next('hello')).coupleId).toBeNull();
    const after = await send(a, 'anyone?');
    expect(after).toMatchObject({ type: 'error', code: 'not_in_couple' });
    expect((await c.b.client.get('/api/messages')).status).toBe(409);

    // Another couple's messages are untouched.
    const kept = await chatRows(t, bystanders.coupleId);
    expect(kept.messages.map((m) => m.body)).toEqual(['we stay']);
  });
});
