import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../src/lib/clock.js';
import { createCouple, signUp } from './support/factories.js';
import { eventsThrough, messageVariants, send, sendOk } from './support/messages.js';
import {
  chattingCouple,
  realtimeApp,
  realtimeVariants,
  sync,
  twoInstances,
} from './support/realtime.js';
import { BUILT_IN_QUESTION_BANK, ONE_QUESTION, type TestApp } from './support/test-app.js';
import type { WsClient } from './support/ws-client.js';

const lastEvent = (ws: WsClient) => ws.events().at(-1);
const lastSeq = (ws: WsClient) => lastEvent(ws)?.seq ?? 0;

describe.each(messageVariants())('keyword questions on $name', (variant) => {
  describe('with the built-in bank', () => {
    const rt = realtimeApp(variant, { env: { QUESTION_BANK_FILE: BUILT_IN_QUESTION_BANK } });
    const chat = () => chattingCouple(rt);

    it('asks when an inflected form of a keyword comes up, right after that message', async () => {
      const { c, a, b } = await chat();
      // Look-alikes are other words: no question.
      await sendOk(a, '음식물쓰레기 버렸어');
      await sendOk(a, '음식점 가자');
      expect((await c.a.client.get('/api/questions/open')).body.question).toBeNull();
      const ack = await sendOk(a, '오늘 음식은 뭐 먹을까?');
      const [asked] = (await eventsThrough(b, ack.seq + 1)).slice(-1);
      expect(asked?.seq).toBe(ack.seq + 1);
      expect(asked?.event).toMatchObject({
        type: 'question.asked',
        question: {
          word: '음식',
          messageId: ack.messageId,
          revealedAt: null,
          answeredBy: [],
          answers: [],
        },
      });
      const question = asked?.event.type === 'question.asked' ? asked.event.question : undefined;
      expect(question?.questionId).toMatch(/^food-/);
      expect(question?.text.ko).toMatch(/\?$/);
      expect(question?.text.en.length).toBeGreaterThan(0);
      const open = await c.b.client.get('/api/questions/open');
      expect(open.body.question).toEqual(question);
      // Only one open question at a time: another keyword asks nothing more.
      const refused = await send(a, '바다 보고 싶다');
      expect(refused).toMatchObject({ type: 'error', code: 'question_unanswered' });
    });
  });

  describe('with one keyword (소풍)', () => {
    // A short re-ask period, so the clock need not outrun the sessions (30 days).
    const rt = realtimeApp(variant, {
      env: { QUESTION_BANK_FILE: ONE_QUESTION, QUESTION_REASK_DAYS: '2' },
    });
    let t: TestApp;
    beforeAll(() => {
      t = rt.t();
    });
    const chat = () => chattingCouple(rt);
    async function asked() {
      const x = await chat();
      const ack = await sendOk(x.a, '다음 주말에 소풍 갈래?');
      await eventsThrough(x.b, ack.seq + 1);
      const id = (await x.c.a.client.get('/api/questions/open')).body.question.id as string;
      return { ...x, id, ack };
    }

    it('makes each partner answer before chatting on, and keeps answers hidden until both have', async () => {
      const { c, a, b, id } = await asked();
      // Neither may chat; the refusal names the message, which is not stored.
      const blocked = randomUUID();
      expect(await send(a, 'wait', blocked)).toMatchObject({
        type: 'error',
        messageId: blocked,
        code: 'question_unanswered',
      });
      expect(await send(b, 'me neither')).toMatchObject({ code: 'question_unanswered' });

      const before = lastSeq(b);
      const mine = await c.a.client.put(`/api/questions/${id}/answer`, { body: '김밥이랑 돗자리' });
      expect(mine.status).toBe(200);
      expect(mine.body).toMatchObject({ answeredBy: [c.a.user.id], revealedAt: null });
      expect(mine.body.answers).toEqual([
        expect.objectContaining({ userId: c.a.user.id, body: '김밥이랑 돗자리' }),
      ]);
      // The partner learns that A answered, never what.
      const [answered] = (await eventsThrough(b, before + 1)).slice(-1);
      expect(answered?.event).toEqual({
        type: 'question.answered',
        questionId: id,
        userId: c.a.user.id,
      });
      const bView = (await c.b.client.get('/api/questions/open')).body.question;
      expect(bView.answeredBy).toEqual([c.a.user.id]);
      expect(bView.answers).toEqual([]);
      expect(JSON.stringify(b.frames)).not.toContain('김밥이랑 돗자리');

      // A has answered and chats again; B still may not.
      await sendOk(a, 'I answered!');
      expect(await send(b, 'can I?')).toMatchObject({ code: 'question_unanswered' });
      // A may change the answer until both have answered.
      const edited = await c.a.client.put(`/api/questions/${id}/answer`, {
        body: '김밥, 돗자리, 너',
      });
      expect(edited.body.answers[0].body).toBe('김밥, 돗자리, 너');

      const seqBefore = lastSeq(a);
      const theirs = await c.b.client.put(`/api/questions/${id}/answer`, { body: '카메라' });
      expect(theirs.body.revealedAt).not.toBeNull();
      for (const ws of [a, b]) {
        const [revealed] = (await eventsThrough(ws, seqBefore + 1)).slice(-1);
        expect(revealed?.event).toMatchObject({
          type: 'question.revealed',
          questionId: id,
          answers: expect.arrayContaining([
            expect.objectContaining({ userId: c.a.user.id, body: '김밥, 돗자리, 너' }),
            expect.objectContaining({ userId: c.b.user.id, body: '카메라' }),
          ]),
        });
      }
      await sendOk(b, 'now I can');
      expect((await c.a.client.get('/api/questions/open')).body.question).toBeNull();
      const closed = await c.a.client.put(`/api/questions/${id}/answer`, { body: 'too late' });
      expect(closed.status).toBe(409);
      expect(closed.body.error.code).toBe('question_closed');
    });

    it('reveals exactly once when both answer at the same moment', async () => {
      const { c, a, id } = await asked();
      const before = lastSeq(a);
      const [x, y] = await Promise.all([
        c.a.client.put(`/api/questions/${id}/answer`, { body: 'mine' }),
        c.b.client.put(`/api/questions/${id}/answer`, { body: 'yours' }),
      ]);
      expect([x.status, y.status]).toEqual([200, 200]);
      const events = await eventsThrough(a, before + 2);
      expect(events.slice(-2).map((e) => e.event.type)).toEqual([
        'question.answered',
        'question.revealed',
      ]);
      const revealed = events.at(-1)?.event;
      expect(revealed?.type === 'question.revealed' && revealed.answers.length).toBe(2);
      const archive = await c.a.client.get('/api/questions');
      expect(archive.body.questions[0].answers).toHaveLength(2);
    });

    it('waits the minimum gap, prefers a new question, and asks one again after the re-ask period', async () => {
      const { c, a, b, id } = await asked();
      await c.a.client.put(`/api/questions/${id}/answer`, { body: 'one' });
      await c.b.client.put(`/api/questions/${id}/answer`, { body: 'two' });
      // The couple adds its own question on the same word: a new one is preferred next time.
      const custom = await c.a.client.post('/api/custom-questions', {
        word: '소풍을',
        text: '소풍 가서 뭐 하고 놀까?',
      });
      expect(custom.status).toBe(201);
      expect(custom.body.custom[0]).toMatchObject({
        word: '소풍',
        text: '소풍 가서 뭐 하고 놀까?',
      });

      await sendOk(a, '소풍 또 가자'); // within the minimum gap (60 minutes): nothing
      expect((await c.a.client.get('/api/questions/open')).body.question).toBeNull();
      t.clock.advance(61 * MINUTE);
      const ack = await sendOk(b, '소풍 또 가자');
      const second = (await c.a.client.get('/api/questions/open')).body.question;
      expect(second).toMatchObject({
        questionId: `custom:${custom.body.custom[0].id}`,
        messageId: ack.messageId,
      });
      await c.a.client.put(`/api/questions/${second.id}/answer`, { body: '배드민턴' });
      await c.b.client.put(`/api/questions/${second.id}/answer`, { body: '낮잠' });

      // Both asked within the re-ask period (2 days here): nothing, however long after the gap.
      t.clock.advance(2 * HOUR);
      await sendOk(a, '소풍!');
      expect((await c.a.client.get('/api/questions/open')).body.question).toBeNull();
      // After the re-ask period the first comes back (the one asked longest ago).
      t.clock.advance(2 * DAY);
      await sendOk(a, '소풍!');
      const again = (await c.a.client.get('/api/questions/open')).body.question;
      expect(again.questionId).toBe('e2e-picnic-bring');
      expect(again.id).not.toBe(id);
      const archive = (await c.b.client.get('/api/questions')).body.questions;
      expect(archive.map((q: { questionId: string }) => q.questionId)).toEqual([
        'e2e-picnic-bring',
        expect.stringMatching(/^custom:/),
        'e2e-picnic-bring',
      ]);
      // The earlier asking keeps both answers; the open one shows none of the partner's.
      expect(archive[2].answers.map((x: { body: string }) => x.body).sort()).toEqual([
        'one',
        'two',
      ]);
      expect(archive[0].answers).toEqual([]);
    });

    it('lets a couple turn a keyword off and back on, and remove its own question', async () => {
      const { c, a } = await chat();
      const off = await c.b.client.put('/api/question-keywords/e2e-picnic', { enabled: false });
      expect(off.status).toBe(200);
      expect(off.body.keywords).toEqual([
        expect.objectContaining({ id: 'e2e-picnic', enabled: false }),
      ]);
      await sendOk(a, '소풍 가자');
      expect((await c.a.client.get('/api/questions/open')).body.question).toBeNull();
      const added = await c.a.client.post('/api/custom-questions', {
        word: '바다',
        text: '바다 좋아?',
      });
      const customId = added.body.custom[0].id;
      const removed = await c.b.client.delete(`/api/custom-questions/${customId}`);
      expect(removed.body.custom).toEqual([]);
      await sendOk(a, '바다 가자');
      expect((await c.a.client.get('/api/questions/open')).body.question).toBeNull();
      await c.b.client.put('/api/question-keywords/e2e-picnic', { enabled: true });
      await sendOk(a, '소풍 가자');
      expect((await c.a.client.get('/api/questions/open')).body.question).not.toBeNull();
    });

    it('finds questions by principle and by text, with % and _ as plain characters', async () => {
      const { c, id } = await asked();
      await c.a.client.put(`/api/questions/${id}/answer`, { body: '100% 김밥_세트' });
      await c.b.client.put(`/api/questions/${id}/answer`, { body: '그냥 과일' });
      const found = async (query: string) =>
        (await c.a.client.get(`/api/questions?${query}`)).body.questions.length;
      expect(await found('principle=understanding_partner')).toBe(1);
      expect(await found('principle=self_understanding')).toBe(0);
      expect(await found(`q=${encodeURIComponent('챙기고')}`)).toBe(1);
      expect(await found(`q=${encodeURIComponent('100% 김밥_')}`)).toBe(1);
      expect(await found(`q=${encodeURIComponent('%')}`)).toBe(1);
      expect(await found(`q=${encodeURIComponent('0_김')}`)).toBe(0);
      expect(await found(`q=${encodeURIComponent('과일')}`)).toBe(1);
    });

    it('puts the questions and answers, the calendar and the D-days in the couple export', async () => {
      const { c, id } = await asked();
      await c.a.client.put(`/api/questions/${id}/answer`, { body: '김밥 <b>& 과일</b>' });
      // Answered by one only so far: the export shows the exporter's own answer, not the other's.
      const early = (await c.b.client.get('/api/couple/export?format=json')).body;
      expect(early.answers).toEqual([
        expect.objectContaining({ id, revealedAt: null, answeredBy: [c.a.user.id], answers: [] }),
      ]);
      await c.b.client.put(`/api/questions/${id}/answer`, { body: '돗자리' });
      await c.a.client.post('/api/calendar/events', {
        title: '전시회',
        startDate: '2026-12-05',
        startTime: '14:00',
        note: '표는 내가 살게',
      });
      await c.b.client.post('/api/ddays', { title: '여행', date: '2027-01-10' });
      const json = (await c.a.client.get('/api/couple/export?format=json')).body;
      expect(json.answers[0].answers.map((a: { body: string }) => a.body).sort()).toEqual([
        '김밥 <b>& 과일</b>',
        '돗자리',
      ]);
      expect(json.calendar).toEqual([
        expect.objectContaining({ title: '전시회', startDate: '2026-12-05', startTime: '14:00' }),
      ]);
      expect(json.ddays).toEqual([expect.objectContaining({ title: '여행', date: '2027-01-10' })]);
      const html = (await c.a.client.get('/api/couple/export?format=html')).body as string;
      expect(html).toContain('소풍 가면 꼭 챙기고 싶은 게 뭐야?');
      expect(html).toContain('김밥 &#60;b&#62;&#38; 과일&#60;/b&#62;');
      expect(html).not.toContain('<b>& 과일');
      expect(html).toContain('전시회');
      expect(html).toContain('여행');
    });

    it('refuses bad input clearly and changes nothing', async () => {
      const { c, id } = await asked();
      const bad: [string, Promise<{ status: number; body: any }>, number, string][] = [
        [
          'empty answer',
          c.a.client.put(`/api/questions/${id}/answer`, { body: '   ' }),
          400,
          'validation_failed',
        ],
        [
          'long answer',
          c.a.client.put(`/api/questions/${id}/answer`, { body: '가'.repeat(1001) }),
          400,
          'validation_failed',
        ],
        [
          'bad id',
          c.a.client.put('/api/questions/not-a-uuid/answer', { body: 'x' }),
          400,
          'validation_failed',
        ],
        [
          'unknown id',
          c.a.client.put(`/api/questions/${randomUUID()}/answer`, { body: 'x' }),
          404,
          'not_found',
        ],
        [
          'unknown keyword',
          c.a.client.put('/api/question-keywords/nope', { enabled: false }),
          404,
          'not_found',
        ],
        [
          'custom: no word',
          c.a.client.post('/api/custom-questions', { word: '', text: 'x?' }),
          400,
          'validation_failed',
        ],
        [
          'custom: punctuation',
          c.a.client.post('/api/custom-questions', { word: '!!!', text: 'x?' }),
          400,
          'invalid_word',
        ],
        [
          'custom: long text',
          c.a.client.post('/api/custom-questions', { word: '바다', text: 'x'.repeat(201) }),
          400,
          'validation_failed',
        ],
        [
          'archive: bad principle',
          c.a.client.get('/api/questions?principle=spying'),
          400,
          'validation_failed',
        ],
        [
          'archive: long query',
          c.a.client.get(`/api/questions?q=${'x'.repeat(101)}`),
          400,
          'validation_failed',
        ],
      ];
      for (const [name, call, status, code] of bad) {
        const res = await call;
        expect(res.status, name).toBe(status);
        expect(res.body.error.code, name).toBe(code);
      }
      const open = (await c.a.client.get('/api/questions/open')).body.question;
      expect(open.answeredBy).toEqual([]);
      expect((await c.a.client.get('/api/question-settings')).body.custom).toEqual([]);
      const single = await signUp(t.baseUrl);
      expect((await single.client.get('/api/questions/open')).status).toBe(409);
    });
  });
});

// Two instances share one PostgreSQL schema and fan out through Redis.
const instanceVariants = realtimeVariants().filter((v) => v.redisUrl);

describe.skipIf(instanceVariants.length === 0)(
  'keyword questions across two instances (needs PostgreSQL and Redis)',
  () => {
    describe.each(instanceVariants)('on $name', (variant) => {
      const { apps, sockets } = twoInstances(variant, 'q2', { QUESTION_BANK_FILE: ONE_QUESTION });

      it('keeps a question asked while the partner was offline waiting for them on the other instance', async () => {
        const [one, two] = apps as [TestApp, TestApp];
        const c = await createCouple(one.baseUrl);
        const { ws: a } = await sockets.of(one, c.a);
        await sync(a, 0);
        const ack = await sendOk(a, '다음 주말에 소풍 갈래?');
        await eventsThrough(a, ack.seq + 1);

        // B comes online later, on the other instance: the replay holds the question after the
        // message, and B may not chat before answering.
        const { ws: b } = await sockets.of(two, c.b);
        const replay = await sync(b, 0);
        const asked = replay.events.find((e) => e.event.type === 'question.asked');
        expect(asked?.seq).toBe(ack.seq + 1);
        const id = asked?.event.type === 'question.asked' ? asked.event.question.id : '';
        expect(await send(b, 'hi')).toMatchObject({ code: 'question_unanswered' });

        const before = lastSeq(a);
        await c.b.client.put(`/api/questions/${id}/answer`, { body: 'from instance two' });
        const [answered] = (await eventsThrough(a, before + 1)).slice(-1);
        expect(answered?.event).toEqual({
          type: 'question.answered',
          questionId: id,
          userId: c.b.user.id,
        });
        expect(JSON.stringify(a.frames)).not.toContain('from instance two');
        const chatted = await sendOk(b, 'answered, chatting on');

        await c.a.client.put(`/api/questions/${id}/answer`, { body: 'from instance one' });
        const revealed = (await eventsThrough(b, chatted.seq + 1)).at(-1);
        expect(revealed?.event.type).toBe('question.revealed');
        await sendOk(a, 'both answered');
      });
    });
  },
);
