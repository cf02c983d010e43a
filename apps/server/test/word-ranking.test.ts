import { todayIn } from '@couple-chat/dates';
import { SUGGESTED_FILLER_WORDS } from '@couple-chat/words';
import { beforeAll, describe, expect, it } from 'vitest';
import { signUp, type TestCouple } from './support/factories.js';
import { eventsThrough, messageVariants, sendOk } from './support/messages.js';
import { chattingCouple, realtimeApp } from './support/realtime.js';
import type { TestApp } from './support/test-app.js';
import type { WsClient } from './support/ws-client.js';

describe.each(messageVariants())('the 7-day word ranking on $name', (variant) => {
  const rt = realtimeApp(variant);
  let t: TestApp;
  beforeAll(() => {
    t = rt.t();
  });

  const chat = (timeZone?: string) => chattingCouple(rt, timeZone ? { timeZone } : {});
  const ranking = async (u: TestCouple['a'], query = '') => {
    const res = await u.client.get(`/api/word-ranking${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const words = (list: { word: string; count: number }[]) =>
    Object.fromEntries(list.map((w) => [w.word, w.count]));
  /** The highest seq either socket has seen, so the next wait starts after it. */
  const lastSeq = (ws: WsClient) => ws.events().at(-1)?.seq ?? 0;

  it("counts each partner's words with particles and endings taken off, and both together", async () => {
    const { c, a, b } = await chat();
    await sendOk(a, '음식을 먹었어');
    await sendOk(a, '음식이 최고야 ㅋㅋㅋㅋ');
    await sendOk(a, '오늘 음식은 맛있다');
    await sendOk(b, '영화 보자');
    await sendOk(b, '영화는 내일 음식도 먹자');
    const forA = await ranking(c.a, '?top=10');
    expect(forA.top).toBe(10);
    expect(words(forA.me)).toMatchObject({ 음식: 3, ㅋㅋ: 1 });
    expect(words(forA.partner)).toMatchObject({ 영화: 2, 음식: 1 });
    expect(words(forA.together)).toMatchObject({ 음식: 4, 영화: 2 });
    expect(forA.me[0]).toEqual({ word: '음식', count: 3 });
    // The same couple seen from the other side: me and partner swap.
    const forB = await ranking(c.b, '?top=10');
    expect(forB.me).toEqual(forA.partner);
    expect(forB.partner).toEqual(forA.me);
    expect(forB.together).toEqual(forA.together);
  });

  it('shows the top 3, 5 or 10, remembers each user’s choice, and orders ties by word', async () => {
    const { c, a } = await chat();
    // Twelve nouns used 11, 10, … 2 times, and the last two once each: a tie.
    const counted = [
      '바다',
      '하늘',
      '구름',
      '바람',
      '나무',
      '고양이',
      '강아지',
      '커피',
      '영화',
      '음악',
    ];
    for (const [i, word] of [...counted, '책', '사진'].entries()) {
      await sendOk(a, Array.from({ length: Math.max(1, 11 - i) }, () => word).join(' '));
    }
    expect((await ranking(c.a)).top).toBe(5); // the default
    expect((await ranking(c.a)).me).toHaveLength(5);
    const three = (await ranking(c.a, '?top=3')).me;
    expect(three).toEqual([
      { word: '바다', count: 11 },
      { word: '하늘', count: 10 },
      { word: '구름', count: 9 },
    ]);
    const ten = (await ranking(c.a, '?top=10')).me;
    expect(ten.map((w: { word: string }) => w.word)).toEqual(counted);
    expect(ten.at(-1)).toEqual({ word: '음악', count: 2 });

    const saved = await c.a.client.put('/api/word-ranking/settings', { top: 10 });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ top: 10 });
    expect((await ranking(c.a)).me).toHaveLength(10);
    // Each user's own: the partner still has the default.
    expect((await ranking(c.b)).top).toBe(5);

    // A tie is ordered by the word (code points), the same on every database: 사진 before 책.
    await sendOk(a, '바다 하늘 구름 바람 나무 고양이 강아지 커피 영화');
    const tied = (await ranking(c.a, '?top=10')).me.slice(-1);
    expect(tied).toEqual([{ word: '음악', count: 2 }]);
    await sendOk(a, Array.from({ length: 11 }, () => '음악').join(' '));
    expect((await ranking(c.a, '?top=3')).me[0]).toEqual({ word: '음악', count: 13 });
    await c.a.client.post('/api/excluded-words', { words: counted });
    expect((await ranking(c.a)).me).toEqual([
      { word: '사진', count: 1 },
      { word: '책', count: 1 },
    ]);
  });

  it('stops counting a deleted message’s words, on the day they were counted on', async () => {
    const { c, a, b } = await chat('Asia/Seoul');
    const kept = await sendOk(a, '고양이 귀여워');
    const gone = await sendOk(a, '고양이 고양이 강아지');
    await sendOk(b, '고양이 좋아');
    // The couple moves time zone before the delete: the words leave the day they were put on.
    const sentOn = todayIn('Asia/Seoul', t.clock.now());
    // Five hours ahead of Seoul: some other date for much of the day, and the test makes sure.
    t.clock.set(Date.parse(`${sentOn}T12:00:00Z`));
    expect(todayIn('Pacific/Kiritimati', t.clock.now())).not.toBe(sentOn);
    const moved = await c.a.client.patch('/api/couple', { timeZone: 'Pacific/Kiritimati' });
    expect(moved.status).toBe(200);
    a.send({ type: 'message.delete', messageId: gone.messageId });
    await eventsThrough(b, lastSeq(a) + 1);
    const after = await ranking(c.a, '?top=10');
    expect(words(after.me)).toEqual({ 고양이: 1, 귀엽다: 1 });
    expect(words(after.partner)).toMatchObject({ 고양이: 1 });
    const rows = await t.database.db
      .selectFrom('word_counts')
      .selectAll()
      .where('couple_id', '=', c.coupleId)
      .execute();
    // No zero or negative rows are left behind, and nothing moved to another day.
    expect(rows.every((r) => Number(r.count) > 0)).toBe(true);
    expect(new Set(rows.map((r) => r.day))).toEqual(new Set([sentOn]));
    expect(rows.find((r) => r.word === '강아지')).toBeUndefined();
    void kept;
  });

  it('excludes a word for both partners at once, lists it, and restores it', async () => {
    const { c, a, b } = await chat();
    await sendOk(a, '음식 음식 바다');
    await sendOk(b, '음식 하늘');
    const before = lastSeq(b);
    const excluded = await c.a.client.post('/api/excluded-words', { words: ['음식을'] });
    expect(excluded.status).toBe(200);
    expect(excluded.body.words).toEqual([
      { word: '음식', excludedBy: c.a.user.id, excludedAt: new Date(t.clock.now()).toISOString() },
    ]);
    expect(excluded.body.suggested).toEqual([...SUGGESTED_FILLER_WORDS]);
    // The partner hears of it live, through the couple's ordered log.
    const live = await eventsThrough(b, before + 1);
    expect(live.at(-1)?.event).toEqual({
      type: 'words.excluded',
      by: c.a.user.id,
      words: ['음식'],
    });
    for (const u of [c.a, c.b]) {
      const r = await ranking(u, '?top=10');
      expect(r.together.map((w: { word: string }) => w.word)).not.toContain('음식');
    }
    expect((await c.b.client.get('/api/excluded-words')).body.words).toHaveLength(1);

    // Excluding it again changes nothing and tells nobody.
    const again = await c.b.client.post('/api/excluded-words', { words: ['음식'] });
    expect(again.body.words).toHaveLength(1);

    const restored = await c.b.client.post('/api/excluded-words/restore', { words: ['음식'] });
    expect(restored.status).toBe(200);
    expect(restored.body.words).toEqual([]);
    const back = await eventsThrough(a, before + 2);
    expect(back.at(-1)?.event).toEqual({
      type: 'words.restored',
      by: c.b.user.id,
      words: ['음식'],
    });
    expect(words((await ranking(c.a, '?top=10')).together)).toMatchObject({ 음식: 3 });
  });

  it('applies the suggested filler words in one tap and undoes exactly those', async () => {
    const { c, a } = await chat();
    await sendOk(a, 'ㅋㅋㅋㅋ 그냥 진짜 음식 좋아');
    await c.a.client.post('/api/excluded-words', { words: ['진짜'] });
    const fillers = [...SUGGESTED_FILLER_WORDS];
    const applied = await c.a.client.post('/api/excluded-words', { words: fillers });
    expect(applied.status).toBe(200);
    expect(applied.body.words.map((w: { word: string }) => w.word).sort()).toEqual(
      [...fillers].sort(),
    );
    expect(words((await ranking(c.a, '?top=10')).me)).toEqual({ 음식: 1, 좋다: 1 });
    // Undo restores what the tap added; 진짜, excluded before, stays excluded.
    const undo = await c.a.client.post('/api/excluded-words/restore', {
      words: fillers.filter((w) => w !== '진짜'),
    });
    expect(undo.body.words.map((w: { word: string }) => w.word)).toEqual(['진짜']);
    expect(words((await ranking(c.a, '?top=10')).me)).toMatchObject({ ㅋㅋ: 1, 그냥: 1 });
  });

  it('keeps each couple to its own words and exclusions', async () => {
    const one = await chat();
    const two = await chat();
    await sendOk(one.a, '비밀 여행');
    await sendOk(two.a, '다른 커플');
    await one.c.a.client.post('/api/excluded-words', { words: ['커플'] });
    const theirs = await ranking(two.c.a, '?top=10');
    expect(words(theirs.together)).toEqual({ 다르다: 1, 커플: 1 });
    expect(JSON.stringify(theirs)).not.toContain('비밀');
    expect((await two.c.b.client.get('/api/excluded-words')).body.words).toEqual([]);
    expect(JSON.stringify(await ranking(one.c.b, '?top=10'))).not.toContain('커플');
  });

  it('refuses bad input clearly and changes nothing', async () => {
    const { c } = await chat();
    const bad: [string, Promise<{ status: number; body: any }>, string][] = [
      ['top=4', c.a.client.get('/api/word-ranking?top=4'), 'validation_failed'],
      ['top=abc', c.a.client.get('/api/word-ranking?top=abc'), 'validation_failed'],
      ['unknown query', c.a.client.get('/api/word-ranking?who=b'), 'validation_failed'],
      ['save 4', c.a.client.put('/api/word-ranking/settings', { top: 4 }), 'validation_failed'],
      ['no words', c.a.client.post('/api/excluded-words', { words: [] }), 'validation_failed'],
      [
        'empty word',
        c.a.client.post('/api/excluded-words', { words: ['  '] }),
        'validation_failed',
      ],
      [
        '1,000 characters',
        c.a.client.post('/api/excluded-words', { words: ['가'.repeat(1000)] }),
        'validation_failed',
      ],
      [
        'not a list',
        c.a.client.post('/api/excluded-words', { words: '음식' }),
        'validation_failed',
      ],
      [
        'punctuation only',
        c.a.client.post('/api/excluded-words', { words: ['!!!'] }),
        'invalid_word',
      ],
      [
        'one good, one bad',
        c.a.client.post('/api/excluded-words', { words: ['음식', '...'] }),
        'invalid_word',
      ],
    ];
    for (const [name, call, code] of bad) {
      const res = await call;
      expect(res.status, name).toBe(400);
      expect(res.body.error.code, name).toBe(code);
      expect(JSON.stringify(res.body), name).not.toMatch(/at .*\.ts:\d+/);
    }
    expect((await c.a.client.get('/api/excluded-words')).body.words).toEqual([]);
    expect((await ranking(c.a)).top).toBe(5);
    const single = await signUp(t.baseUrl);
    for (const url of ['/api/word-ranking', '/api/excluded-words']) {
      const res = await single.client.get(url);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('not_in_couple');
    }
  });

  // Last: it moves the shared clock far ahead.
  it('is today and the 6 days before in the couple’s time zone, across midnight', async () => {
    t.clock.set(Math.max(t.clock.now(), Date.parse('2027-03-10T14:00:00Z')));
    t.clock.set(Date.parse('2027-03-10T14:58:00Z'));
    const seoul = await chat('Asia/Seoul');
    const utc = await chat('UTC');
    // 23:59 in Seoul on March 10, and 00:01 on March 11; both March 10 in UTC.
    t.clock.set(Date.parse('2027-03-10T14:59:00Z'));
    for (const { a } of [seoul, utc]) await sendOk(a, '바다');
    t.clock.set(Date.parse('2027-03-10T15:01:00Z'));
    for (const { a } of [seoul, utc]) await sendOk(a, '하늘');

    const seoulNow = await ranking(seoul.c.a, '?top=10');
    expect(seoulNow).toMatchObject({
      from: '2027-03-05',
      to: '2027-03-11',
      timeZone: 'Asia/Seoul',
    });
    expect(words(seoulNow.me)).toEqual({ 바다: 1, 하늘: 1 });

    // March 16, 23:59 in Seoul: the window is March 10 – 16, both still in.
    t.clock.set(Date.parse('2027-03-16T14:59:00Z'));
    expect(words((await ranking(seoul.c.a)).me)).toEqual({ 바다: 1, 하늘: 1 });
    // One minute later it is March 17 in Seoul: March 10's 바다 has left the window.
    t.clock.set(Date.parse('2027-03-16T15:00:00Z'));
    const next = await ranking(seoul.c.a);
    expect(next).toMatchObject({ from: '2027-03-11', to: '2027-03-17' });
    expect(words(next.me)).toEqual({ 하늘: 1 });
    // In UTC it is still March 16, and both were sent on March 10: both in until midnight UTC.
    expect(words((await ranking(utc.c.a)).me)).toEqual({ 바다: 1, 하늘: 1 });
    t.clock.set(Date.parse('2027-03-17T00:00:00Z'));
    // Both partners open the ranking at once on the new day: the window moves exactly once.
    const [first, second] = await Promise.all([ranking(utc.c.a), ranking(utc.c.b)]);
    expect(words(first.me)).toEqual({});
    expect(words(second.partner)).toEqual({});
    expect(await windowRows(utc.c.coupleId)).toEqual([]);

    // Deleting a message whose day has left the window changes nothing that is counted.
    await sendOk(seoul.a, '하늘 바람');
    const old = (await t.database.db
      .selectFrom('messages')
      .select('id')
      .where('couple_id', '=', seoul.c.coupleId)
      .where('body', '=', '바다')
      .executeTakeFirstOrThrow()) as { id: string };
    seoul.a.send({ type: 'message.delete', messageId: old.id });
    await eventsThrough(seoul.b, lastSeq(seoul.a) + 1);
    expect(words((await ranking(seoul.c.a)).me)).toEqual({ 하늘: 2, 바람: 1 });
    expect(await windowRows(seoul.c.coupleId)).toEqual(
      expect.arrayContaining([
        { user_id: seoul.c.a.user.id, word: '하늘', count: 2 },
        { user_id: '*', word: '하늘', count: 2 },
      ]),
    );
    // The window's sums are exactly the counted days' rows added up, and nothing is negative.
    for (const couple of [seoul, utc]) {
      const days = await t.database.db
        .selectFrom('word_counts')
        .selectAll()
        .where('couple_id', '=', couple.c.coupleId)
        .execute();
      const summed = new Map<string, number>();
      for (const d of days) {
        for (const user of [d.user_id, '*']) {
          const key = `${user} ${d.word}`;
          summed.set(key, (summed.get(key) ?? 0) + Number(d.count));
        }
      }
      const window = await windowRows(couple.c.coupleId);
      expect(new Map(window.map((w) => [`${w.user_id} ${w.word}`, w.count]))).toEqual(summed);
      expect(window.every((w) => w.count > 0)).toBe(true);
    }
  });

  async function windowRows(coupleId: string) {
    const rows = await t.database.db
      .selectFrom('word_window')
      .select(['user_id', 'word', 'count'])
      .where('couple_id', '=', coupleId)
      .orderBy('user_id')
      .orderBy('word')
      .execute();
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }
});
