import { randomUUID } from 'node:crypto';
import type { MessageDto, SearchResponse } from '@couple-chat/protocol';
import { type Kysely, sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { PENDING_MAX } from '../src/db/full-text.js';
import { DAY } from '../src/lib/clock.js';
import { createRepositories } from '../src/models/repositories.js';
import { reopenableTestDatabase } from './support/databases.js';
import { createCouple, signUp, type TestCouple } from './support/factories.js';
import { HttpClient } from './support/http-client.js';
import { pdf, png } from './support/media-fixtures.js';
import { sendOk } from './support/messages.js';
import { rollBackTo } from './support/migrations.js';
import { chattingCouple, realtimeApp, realtimeVariants, roomyRules } from './support/realtime.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { sendFiles, uploadOk } from './support/uploads.js';
import type { WsClient } from './support/ws-client.js';

type Client = TestCouple['a']['client'];

/** GET /api/search with these parameters; the response must be 200. */
async function search(client: Client, params: Record<string, string | number>) {
  const qs = new URLSearchParams(
    Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
  );
  const res = await client.get(`/api/search?${qs}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as SearchResponse;
}

/** The bodies found, newest first. */
const found = async (client: Client, params: Record<string, string | number>) =>
  (await search(client, { limit: 50, ...params })).items.map((i) => i.message.body);

/** The same session, talking to another instance. */
function withBase(client: Client, baseUrl: string): Client {
  const moved = new HttpClient(baseUrl);
  if (client.sessionCookie) moved.setCookie('cc_session', client.sessionCookie);
  return moved;
}

/** The text each match covers. */
const highlighted = (r: SearchResponse) =>
  r.items.map((i) => i.matches.map((m) => i.message.body?.slice(m.start, m.end)));

describe.each(realtimeVariants())('search on $name', (variant) => {
  const rt = realtimeApp(variant);
  let t: TestApp;
  beforeAll(() => {
    t = rt.t();
  });

  /** A couple in this time zone whose partners each have a synced socket. */
  const chat = (timeZone = 'Asia/Seoul') => chattingCouple(rt, { timeZone });
  /** Sends alternately from the partners' sockets, in order; returns the acks. */
  async function converse(sockets: WsClient[], lines: string[]) {
    const acks = [];
    for (const [i, line] of lines.entries())
      acks.push(await sendOk(sockets[i % sockets.length] as WsClient, line));
    return acks;
  }

  describe('GET /api/search: what matches', () => {
    let c: TestCouple;
    let acks: Awaited<ReturnType<typeof converse>>;
    const lines = [
      '음식을 너무 많이 시켰나봐', // a
      '그 음식이 제일 맛있었어', // b
      '음식은 다 좋아', // a
      '검색어를 입력해 봐', // b
      'Pizza again? We had PIZZA yesterday', // a
      '맛있는 음식 먹자!', // b
      '100% 확실해', // a
      '100 퍼센트는 아니야', // b
      'a_b 그리고 axb', // a
      '밥 먹었어?', // b
      '볶음밥 먹자', // a
      '사랑해 보고싶어', // b
      '별*표 하나, 역\\슬래시 하나', // a
      '"인용" 했어', // b
    ];
    beforeAll(async () => {
      const s = await chat();
      c = s.c;
      acks = await converse([s.a, s.b], lines);
    });

    it('finds 음식 in 음식을, 음식이 and 음식은: newest first, with sender, time, highlight and total', async () => {
      const r = await search(c.b.client, { q: '음식' });
      expect(r.total).toBe(4);
      expect(r.items.map((i) => i.message.body)).toEqual([
        '맛있는 음식 먹자!',
        '음식은 다 좋아',
        '그 음식이 제일 맛있었어',
        '음식을 너무 많이 시켰나봐',
      ]);
      const [first] = r.items;
      expect(first?.message).toMatchObject({
        id: acks[5]?.messageId,
        seq: acks[5]?.seq,
        senderId: c.b.user.id,
        createdAt: acks[5]?.at,
        deletedAt: null,
      });
      expect(first?.matches).toEqual([{ start: 4, end: 6 }]);
      expect(highlighted(r).flat()).toEqual(['음식', '음식', '음식', '음식']);
      expect(r.next).toBeNull();
    });

    it('answers one, two and three syllables, and finds a query inside a longer word', async () => {
      expect(await found(c.a.client, { q: '밥' })).toEqual(['볶음밥 먹자', '밥 먹었어?']);
      expect(await found(c.a.client, { q: '먹자' })).toEqual(['볶음밥 먹자', '맛있는 음식 먹자!']);
      expect(await found(c.a.client, { q: '보고싶' })).toEqual(['사랑해 보고싶어']);
      expect(await found(c.a.client, { q: '검색' })).toEqual(['검색어를 입력해 봐']);
      expect(await found(c.a.client, { q: '색어' })).toEqual(['검색어를 입력해 봐']);
      expect(await found(c.a.client, { q: '없는말' })).toEqual([]);
    });

    it('matches Latin letters in any case and highlights every occurrence', async () => {
      for (const q of ['pizza', 'PIZZA', 'pIzZa', 'izz']) {
        const r = await search(c.a.client, { q });
        expect(r.total, q).toBe(1);
        expect(
          highlighted(r)[0]?.map((s) => s?.toLowerCase()),
          q,
        ).toEqual([q.toLowerCase(), q.toLowerCase()]);
      }
    });

    it('needs every word (AND), and takes a quoted phrase as written', async () => {
      expect(await found(c.a.client, { q: '음식 맛있' })).toEqual([
        '맛있는 음식 먹자!',
        '그 음식이 제일 맛있었어',
      ]);
      expect(await found(c.a.client, { q: '먹자 음식' })).toEqual(['맛있는 음식 먹자!']);
      expect(await found(c.a.client, { q: '"음식 먹자"' })).toEqual(['맛있는 음식 먹자!']);
      expect(await found(c.a.client, { q: '"먹자 음식"' })).toEqual([]);
      expect(await found(c.a.client, { q: '“맛있는 음식”' })).toEqual(['맛있는 음식 먹자!']);
      expect(await found(c.a.client, { q: '"had pizza"' })).toEqual([lines[4]]);
      expect(await found(c.a.client, { q: '"again? we"' })).toEqual([lines[4]]);
      const r = await search(c.a.client, { q: '"맛있는 음식" 먹' });
      expect(highlighted(r)).toEqual([['맛있는 음식', '먹']]);
    });

    it('reads %, _, *, quotes and backslashes as plain characters', async () => {
      expect(await found(c.a.client, { q: '100%' })).toEqual(['100% 확실해']);
      expect(await found(c.a.client, { q: '%' })).toEqual(['100% 확실해']);
      expect(await found(c.a.client, { q: '100' })).toEqual(['100 퍼센트는 아니야', '100% 확실해']);
      expect(await found(c.a.client, { q: 'a_b' })).toEqual(['a_b 그리고 axb']);
      expect(await found(c.a.client, { q: '_' })).toEqual(['a_b 그리고 axb']);
      expect(await found(c.a.client, { q: '*' })).toEqual([lines[12]]);
      expect(await found(c.a.client, { q: '별*표' })).toEqual([lines[12]]);
      expect(await found(c.a.client, { q: '역\\슬' })).toEqual([lines[12]]);
      expect(await found(c.a.client, { q: '"인용"' })).toEqual(['"인용" 했어']);
      expect(await found(c.a.client, { q: '"' })).toEqual(['"인용" 했어']);
      expect(await found(c.a.client, { q: '"인용' })).toEqual(['"인용" 했어']);
      expect(await found(c.a.client, { q: "음식' OR 1=1 --" })).toEqual([]);
    });

    it('pages by cursor: no gap, no overlap, the same total on every page', async () => {
      const all = await search(c.a.client, { q: '음식' });
      const walked: MessageDto[] = [];
      let before: string | null = null;
      for (let guard = 0; guard < 10; guard++) {
        const page: SearchResponse = await search(c.a.client, {
          q: '음식',
          limit: 3,
          ...(before ? { before } : {}),
        });
        expect(page.total).toBe(4);
        walked.push(...page.items.map((i) => i.message));
        before = page.next;
        if (!before) break;
      }
      expect(walked).toEqual(all.items.map((i) => i.message));
      // A cursor at the oldest match leaves nothing; one past the newest gives everything.
      expect((await search(c.a.client, { q: '음식', before: acks[0]?.seq ?? 0 })).items).toEqual(
        [],
      );
      expect((await search(c.a.client, { q: '음식', before: 999_999 })).items).toHaveLength(4);
      // The checked path (punctuation) pages the same way.
      const first = await search(c.a.client, { q: '먹자', limit: 1 });
      expect([first.total, first.items.length, first.next]).toEqual([2, 1, String(acks[10]?.seq)]);
      const second = await search(c.a.client, { q: '먹자!', limit: 1 });
      expect([second.total, second.next]).toEqual([1, null]);
    });

    it('refuses bad input with validation_failed and changes nothing', async () => {
      const bad = [
        '',
        'q=',
        'q=%20%20',
        `q=${'가'.repeat(1000)}`,
        'q=x&limit=0',
        'q=x&limit=51',
        'q=x&before=abc',
        'q=x&from=them',
        'q=x&kind=audio',
        'q=x&since=2026-02-30',
        'q=x&since=2026-03-02&until=2026-03-01',
        'q=x&unknown=1',
      ];
      for (const qs of bad) {
        const res = await c.a.client.get(`/api/search?${qs}`);
        expect(res.status, qs).toBe(400);
        expect(res.body.error.code, qs).toBe('validation_failed');
      }
      expect((await search(c.a.client, { q: '가'.repeat(100) })).total).toBe(0);
    });
  });

  describe('GET /api/search: filters', () => {
    let c: TestCouple;
    beforeAll(async () => {
      const s = await chat();
      c = s.c;
      await converse([s.a, s.b], ['우리 여행 가자', '여행 좋아']);
      await sendOk(s.a, '여행 사진은 https://example.com/trip 에 있어');
      const photo = await uploadOk(c.a, await png(64, 48), 'trip.png');
      expect((await sendFiles(s.a, [photo], '여행 사진')).type).toBe('message.ack');
      const file = await uploadOk(c.b, pdf(), 'plan.pdf');
      expect((await sendFiles(s.b, [file], '여행 계획표')).type).toBe('message.ack');
      // Files without a caption have no text to find.
      const bare = await uploadOk(c.b, pdf(), 'bare.pdf');
      expect((await sendFiles(s.b, [bare])).type).toBe('message.ack');
    });

    it('filters by sender: me or my partner, from either side', async () => {
      const mine = ['여행 사진', '여행 사진은 https://example.com/trip 에 있어', '우리 여행 가자'];
      const theirs = ['여행 계획표', '여행 좋아'];
      expect(await found(c.a.client, { q: '여행', from: 'me' })).toEqual(mine);
      expect(await found(c.a.client, { q: '여행', from: 'partner' })).toEqual(theirs);
      expect(await found(c.b.client, { q: '여행', from: 'me' })).toEqual(theirs);
      expect(await found(c.b.client, { q: '여행', from: 'partner' })).toEqual(mine);
      expect((await search(c.a.client, { q: '여행' })).total).toBe(5);
    });

    it('filters by kind: text, photos and videos, files, links', async () => {
      expect(await found(c.a.client, { q: '여행', kind: 'text' })).toEqual([
        '여행 사진은 https://example.com/trip 에 있어',
        '여행 좋아',
        '우리 여행 가자',
      ]);
      expect(await found(c.a.client, { q: '여행', kind: 'media' })).toEqual(['여행 사진']);
      expect(await found(c.a.client, { q: '여행', kind: 'files' })).toEqual(['여행 계획표']);
      expect(await found(c.a.client, { q: '여행', kind: 'links' })).toEqual([
        '여행 사진은 https://example.com/trip 에 있어',
      ]);
      expect(await found(c.a.client, { q: '사진', kind: 'media', from: 'partner' })).toEqual([]);
      // The same filters on the checked path (a query with punctuation).
      expect(await found(c.a.client, { q: 'trip', kind: 'links' })).toHaveLength(1);
      expect(await found(c.a.client, { q: '://', kind: 'links', from: 'me' })).toHaveLength(1);
      expect(await found(c.a.client, { q: '://', kind: 'media' })).toEqual([]);
    });
  });

  describe('dates: the day boundary in the couple’s time zone', () => {
    // 23:59 and 00:01 in Seoul; both on the 14th in UTC.
    const before = Date.parse('2026-03-14T14:59:00Z');
    const after = Date.parse('2026-03-14T15:01:00Z');

    it('puts 23:59 and 00:01 on two days in Asia/Seoul and one day in UTC', async () => {
      // Sessions live on the test clock: set it before anyone logs in.
      t.clock.set(before);
      const seoul = await chat('Asia/Seoul');
      const utc = await chat('UTC');
      await sendOk(seoul.a, '자정 전 메시지');
      await sendOk(utc.a, '자정 전 메시지');
      t.clock.set(after);
      const late = await sendOk(seoul.b, '자정 후 메시지');
      await sendOk(utc.b, '자정 후 메시지');

      const on = (client: Client, day: string) =>
        found(client, { q: '메시지', since: day, until: day });
      expect(await on(seoul.c.a.client, '2026-03-14')).toEqual(['자정 전 메시지']);
      expect(await on(seoul.c.a.client, '2026-03-15')).toEqual(['자정 후 메시지']);
      expect(await on(utc.c.a.client, '2026-03-14')).toEqual(['자정 후 메시지', '자정 전 메시지']);
      expect(await on(utc.c.a.client, '2026-03-15')).toEqual([]);
      expect(await found(seoul.c.a.client, { q: '메시지', since: '2026-03-15' })).toEqual([
        '자정 후 메시지',
      ]);
      expect(await found(seoul.c.a.client, { q: '메시지', until: '2026-03-14' })).toEqual([
        '자정 전 메시지',
      ]);
      expect(await found(seoul.c.a.client, { q: '메시지', since: '2027-01-01' })).toEqual([]);

      const days = async (client: Client, month: string) => {
        const res = await client.get(`/api/messages/days?month=${month}`);
        expect(res.status).toBe(200);
        return res.body.days;
      };
      expect(await days(seoul.c.b.client, '2026-03')).toEqual(['2026-03-14', '2026-03-15']);
      expect(await days(utc.c.b.client, '2026-03')).toEqual(['2026-03-14']);
      expect(await days(seoul.c.b.client, '2026-02')).toEqual([]);

      // Jumping to the 15th lands on its first message, with the history before it loaded.
      const jump = await seoul.c.a.client.get('/api/messages?day=2026-03-15&limit=4');
      expect(jump.body).toMatchObject({ anchor: late.seq, hasMore: false, hasNewer: false });
      expect(jump.body.messages.map((m: MessageDto) => m.body)).toEqual([
        '자정 전 메시지',
        '자정 후 메시지',
      ]);
    });

    it('keeps each message on the day it was sent after the couple changes time zone', async () => {
      t.clock.set(Date.parse('2026-04-01T15:30:00Z')); // 00:30 on 2 April in Seoul
      const s = await chat('Asia/Seoul');
      await sendOk(s.a, '서울에서 보낸 메시지');
      expect(
        (await s.c.a.client.patch('/api/couple', { timeZone: 'America/Los_Angeles' })).status,
      ).toBe(200);
      t.clock.set(Date.parse('2026-04-01T15:31:00Z')); // 08:31 on 1 April in Los Angeles
      await sendOk(s.b, 'LA에서 보낸 메시지');
      const on = (day: string) => found(s.c.a.client, { q: '메시지', since: day, until: day });
      expect(await on('2026-04-01')).toEqual(['LA에서 보낸 메시지']);
      expect(await on('2026-04-02')).toEqual(['서울에서 보낸 메시지']);
      expect((await s.c.a.client.get('/api/messages/days?month=2026-04')).body.days).toEqual([
        '2026-04-01',
        '2026-04-02',
      ]);
    });

    it('refuses a malformed month', async () => {
      const s = await chat();
      for (const month of ['2026-13', '2026-3', 'march', '']) {
        const res = await s.c.a.client.get(`/api/messages/days?month=${month}`);
        expect(res.status, month).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
      }
    });
  });

  describe('GET /api/messages around a result or a day', () => {
    it('loads the page around a seq, and pages on in both directions', async () => {
      const s = await chat();
      const acks = await converse(
        [s.a, s.b],
        Array.from({ length: 20 }, (_, i) => `줄 ${i}`),
      );
      const seqOf = (i: number) => acks[i]?.seq as number;
      const around = await s.c.b.client.get(`/api/messages?around=${seqOf(10)}&limit=6`);
      expect(around.status).toBe(200);
      expect(around.body.messages.map((m: MessageDto) => m.body)).toEqual(
        [7, 8, 9, 10, 11, 12].map((i) => `줄 ${i}`),
      );
      expect(around.body).toMatchObject({ anchor: seqOf(10), hasMore: true, hasNewer: true });
      const newer = await s.c.b.client.get(`/api/messages?after=${seqOf(12)}&limit=5`);
      expect(newer.body.messages.map((m: MessageDto) => m.body)).toEqual(
        [13, 14, 15, 16, 17].map((i) => `줄 ${i}`),
      );
      expect(newer.body).toMatchObject({ hasMore: true, hasNewer: true });
      const last = await s.c.b.client.get(`/api/messages?after=${seqOf(17)}&limit=5`);
      expect(last.body).toMatchObject({ hasMore: true, hasNewer: false });
      // Near the end, the page fills with older messages.
      const end = await s.c.b.client.get(`/api/messages?around=${seqOf(19)}&limit=6`);
      expect(end.body.messages.map((m: MessageDto) => m.body)).toEqual(
        [14, 15, 16, 17, 18, 19].map((i) => `줄 ${i}`),
      );
      expect(end.body).toMatchObject({ anchor: seqOf(19), hasNewer: false });
      // The `before` paging is unchanged.
      const older = await s.c.b.client.get(`/api/messages?before=${seqOf(2)}&limit=5`);
      expect(older.body).toEqual({ messages: older.body.messages, hasMore: false });
      expect(older.body.messages).toHaveLength(2);
      const both = await s.c.b.client.get(`/api/messages?before=3&around=5`);
      expect([both.status, both.body.error.code]).toEqual([400, 'validation_failed']);
    });

    it('jumps to the next day with messages, or to the newest page when there is none', async () => {
      t.clock.set(Date.parse('2026-05-10T03:00:00Z'));
      const s = await chat();
      const first = await sendOk(s.a, '10일');
      t.clock.set(Date.parse('2026-05-12T03:00:00Z'));
      const third = await sendOk(s.a, '12일');
      const gap = await s.c.a.client.get('/api/messages?day=2026-05-11');
      expect(gap.body).toMatchObject({ anchor: third.seq, hasNewer: false });
      const early = await s.c.a.client.get('/api/messages?day=2020-01-01');
      expect(early.body.anchor).toBe(first.seq);
      const late = await s.c.a.client.get('/api/messages?day=2027-01-01');
      expect(late.body).toMatchObject({ anchor: null, hasNewer: false, hasMore: false });
      expect(late.body.messages).toHaveLength(2);
    });
  });

  describe('deleted messages and the index', () => {
    it('never finds a deleted message, and its day empties when it was the last', async () => {
      t.clock.set(Date.parse('2026-06-01T03:00:00Z'));
      const s = await chat();
      const keep = await sendOk(s.a, '비밀 아닌 이야기');
      t.clock.set(Date.parse('2026-06-02T03:00:00Z'));
      const gone = await sendOk(s.a, '비밀 이야기');
      expect((await search(s.c.a.client, { q: '비밀' })).total).toBe(2);
      s.a.send({ type: 'message.delete', messageId: gone.messageId });
      await s.a.next('event', (f) => f.event.type === 'message.deleted');
      for (const q of ['비밀', '이야기', '밀 이', '비', '야기']) {
        const r = await search(s.c.b.client, { q });
        expect(
          r.items.map((i) => i.message.id),
          q,
        ).toEqual([keep.messageId]);
        expect(r.total, q).toBe(1);
      }
      for (const q of ['"비밀 이야기"', '"밀 이"']) {
        expect(await search(s.c.b.client, { q }), q).toEqual({ total: 0, items: [], next: null });
      }
      expect((await s.c.a.client.get('/api/messages/days?month=2026-06')).body.days).toEqual([
        '2026-06-01',
      ]);
    });

    it('finds and forgets messages on both sides of the index’s pending list', async () => {
      const s = await chat();
      const send = (body: string) =>
        t.services.messages.send(
          { userId: s.c.a.user.id, coupleId: s.c.coupleId },
          randomUUID(),
          body,
        );
      // Enough to move most of them from the pending list into the index (SQLite).
      const acks = await Promise.all(Array.from({ length: 700 }, (_, i) => send(`대량 ${i}번`)));
      if (variant.database.name === 'sqlite') {
        const pending = async () =>
          Number(
            (
              await sql<{ n: number }>`select count(*) as n from message_search_pending`.execute(
                t.database.db,
              )
            ).rows[0]?.n,
          );
        // The last batch may have moved every one: then one more waits there alone.
        if ((await pending()) === 0) await send('한 줄 더');
        expect(await pending()).toBeGreaterThan(0);
        expect(await pending()).toBeLessThan(PENDING_MAX);
        const indexed = await sql<{
          n: number;
        }>`select count(*) as n from message_search`.execute(t.database.db);
        expect(Number(indexed.rows[0]?.n)).toBeGreaterThan(0);
      }
      const r = await search(s.c.b.client, { q: '대량', limit: 3 });
      expect(r.total).toBe(700);
      expect(r.items.map((i) => i.message.body)).toEqual([
        '대량 699번',
        '대량 698번',
        '대량 697번',
      ]);
      expect((await search(s.c.b.client, { q: '0번' })).total).toBe(70);
      expect((await search(s.c.b.client, { q: '"대량 1번"' })).total).toBe(1);
      for (const i of [3, 699]) {
        s.a.send({ type: 'message.delete', messageId: acks[i]?.messageId as string });
        await s.a.next('event', (f) => f.event.type === 'message.deleted');
        expect((await search(s.c.b.client, { q: `"대량 ${i}번"` })).total, `${i}`).toBe(0);
      }
      expect((await search(s.c.b.client, { q: '대량' })).total).toBe(698);
    });

    it('forgets the couple’s index when the couple ends', async () => {
      const s = await chat();
      await sendOk(s.a, '헤어지면 지워질 말');
      const repos = createRepositories(t.database.db);
      const everything = { clauses: [{ kind: 'prefix' as const, char: '말' }], filters: [] };
      const all = { lo: 0, hi: Number.MAX_SAFE_INTEGER };
      expect(await repos.messageSearch.count(s.c.coupleId, everything, all)).toBe(1);
      await s.c.a.client.post('/api/couple/ending');
      t.clock.advance(7 * DAY);
      await t.services.couples.endDueCouples();
      expect(await repos.messageSearch.count(s.c.coupleId, everything, all)).toBe(0);
      const days = await t.database.db
        .selectFrom('message_days')
        .selectAll()
        .where('couple_id', '=', s.c.coupleId)
        .execute();
      expect(days).toEqual([]);
    });

    it('indexes the messages stored before the index existed, when the server is upgraded', async () => {
      const shared = await reopenableTestDatabase(variant.database);
      try {
        // The previous version: messages stored, no index.
        const before = await startTestApp(shared, { rateRules: roomyRules });
        const c = await createCouple(before.baseUrl, { timeZone: 'Asia/Seoul' });
        for (const [i, body] of ['옛날 메시지', '오래된 이야기'].entries()) {
          const by = i === 0 ? c.a : c.b;
          await before.services.messages.send(
            { userId: by.user.id, coupleId: c.coupleId },
            randomUUID(),
            body,
          );
        }
        await before.close();
        const old = await shared.open();
        await rollBackTo(old.db as unknown as Kysely<unknown>, '20261125040000-search');
        await old.close();
        // The upgrade: the migration indexes what is there.
        const after = await startTestApp(shared, { rateRules: roomyRules });
        try {
          for (const u of [c.a, c.b]) u.client = withBase(u.client, after.baseUrl);
          expect(await found(c.a.client, { q: '옛날' })).toEqual(['옛날 메시지']);
          expect(await found(c.a.client, { q: '이야기', from: 'partner' })).toEqual([
            '오래된 이야기',
          ]);
          expect((await c.a.client.get('/api/messages/days?month=2026-11')).body.days).toEqual([
            '2026-11-24',
          ]);
          await after.services.messages.send(
            { userId: c.a.user.id, coupleId: c.coupleId },
            randomUUID(),
            '새 메시지',
          );
          expect(await found(c.b.client, { q: '메시지' })).toEqual(['새 메시지', '옛날 메시지']);
        } finally {
          await after.close();
        }
      } finally {
        await shared.dispose();
      }
    });
  });

  describe('isolation', () => {
    it("never returns another couple's messages, and answers 409 without a couple", async () => {
      t.clock.set(Date.parse('2026-07-07T03:00:00Z'));
      const one = await chat();
      const two = await chat();
      await sendOk(one.a, '우리만의 비밀 장소');
      await sendOk(two.a, '그 커플의 비밀 장소');
      for (const q of ['비밀', '장소', '커플', '"비밀 장소"', '비', '장소!']) {
        const mine = await search(one.c.b.client, { q });
        expect(JSON.stringify(mine), q).not.toContain('그 커플');
        const theirs = await search(two.c.b.client, { q });
        expect(JSON.stringify(theirs), q).not.toContain('우리만의');
      }
      expect(await found(one.c.a.client, { q: '커플' })).toEqual([]);
      expect((await one.c.a.client.get('/api/messages/days?month=2026-07')).body.days).toEqual([
        '2026-07-07',
      ]);
      const single = await signUp(t.baseUrl);
      for (const url of ['/api/search?q=비밀', '/api/messages/days?month=2026-07']) {
        const res = await single.client.get(url);
        expect([res.status, res.body.error.code], url).toEqual([409, 'not_in_couple']);
      }
    });
  });
});
