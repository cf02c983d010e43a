import { beforeAll, describe, expect, it } from 'vitest';
import { coupleRows } from './support/couple-rows.js';
import { signUp, type TestCouple } from './support/factories.js';
import type { ApiResponse } from './support/http-client.js';
import { eventsThrough, messageVariants } from './support/messages.js';
import { chattingCouple, realtimeApp } from './support/realtime.js';
import type { TestApp } from './support/test-app.js';
import type { WsClient } from './support/ws-client.js';

const UNKNOWN = '0193a0d6-0000-7000-8000-000000000000';
const GRACE = 7 * 24 * 3600 * 1000;

describe.each(messageVariants())('the shared calendar and D-days on $name', (variant) => {
  const rt = realtimeApp(variant);
  let t: TestApp;
  beforeAll(() => {
    t = rt.t();
  });

  const rowsOf = (c: TestCouple) => coupleRows(t.database.db, c.coupleId);
  const chat = (timeZone?: string) => chattingCouple(rt, timeZone ? { timeZone } : {});
  /** The couple's committed log position, so a wait for what comes next starts after it. */
  const logSeq = async (c: TestCouple) => Number((await rowsOf(c)).couple?.last_seq);
  /** The couple events with a seq above `after` that `ws` received, once `count` of them are in. */
  const liveAfter = async (ws: WsClient, after: number, count: number) => {
    await eventsThrough(ws, after + count);
    return ws
      .events()
      .filter((e) => e.seq > after)
      .map((e) => e.event);
  };
  const expectOk = (res: ApiResponse, status: number) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res.body;
  };

  it('adds, lists, changes and deletes events, live on the partner’s socket', async () => {
    const { c, a, b } = await chat('Asia/Seoul');
    const before = await logSeq(c);
    const created = expectOk(
      await c.a.client.post('/api/calendar/events', {
        title: '  우리 여행  ',
        startDate: '2026-12-24',
        endDate: '2026-12-26',
      }),
      201,
    );
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      title: '우리 여행',
      startDate: '2026-12-24',
      endDate: '2026-12-26',
      startTime: null,
      endTime: null,
      note: null,
      yearly: false,
      createdBy: c.a.user.id,
      updatedAt: new Date(t.clock.now()).toISOString(),
    });
    expect(await liveAfter(b, before, 1)).toEqual([
      { type: 'calendar.event_saved', by: c.a.user.id, event: created },
    ]);

    // A one-day, timed, yearly event: the end date defaults to the start date.
    const birthday = expectOk(
      await c.b.client.post('/api/calendar/events', {
        title: '생일',
        startDate: '2024-02-29',
        startTime: '18:30',
        endTime: '21:00',
        note: '케이크',
        yearly: true,
      }),
      201,
    );
    expect(birthday).toMatchObject({
      startDate: '2024-02-29',
      endDate: '2024-02-29',
      startTime: '18:30',
      endTime: '21:00',
      note: '케이크',
      yearly: true,
      createdBy: c.b.user.id,
    });
    // Both partners see both, ordered by start date.
    for (const u of [c.a, c.b]) {
      const listed = expectOk(await u.client.get('/api/calendar/events'), 200);
      expect(listed.events).toEqual([birthday, created]);
    }

    // Either partner edits anything of the couple's: B changes A's event.
    t.clock.advance(60_000);
    const mid = await logSeq(c);
    const patched = expectOk(
      await c.b.client.patch(`/api/calendar/events/${created.id}`, {
        title: '크리스마스 여행',
        startTime: '10:00',
        note: '',
      }),
      200,
    );
    expect(patched).toEqual({
      ...created,
      title: '크리스마스 여행',
      startTime: '10:00',
      updatedAt: new Date(t.clock.now()).toISOString(),
    });
    expect(await liveAfter(a, mid, 1)).toEqual([
      { type: 'calendar.event_saved', by: c.b.user.id, event: patched },
    ]);
    // Clearing fields with null: no start time, no note; not yearly any more.
    const cleared = expectOk(
      await c.a.client.patch(`/api/calendar/events/${birthday.id}`, {
        startTime: null,
        endTime: null,
        note: null,
        yearly: false,
      }),
      200,
    );
    expect(cleared).toMatchObject({ startTime: null, endTime: null, note: null, yearly: false });

    const beforeDelete = await logSeq(c);
    const deleted = await c.a.client.delete(`/api/calendar/events/${created.id}`);
    expect(deleted.status).toBe(204);
    expect(await liveAfter(b, beforeDelete, 1)).toEqual([
      { type: 'calendar.event_deleted', by: c.a.user.id, id: created.id },
    ]);
    expect(expectOk(await c.b.client.get('/api/calendar/events'), 200).events).toEqual([cleared]);

    // Gone: deleting or changing it again is "not found", and logs nothing.
    const seq = await logSeq(c);
    for (const res of [
      await c.b.client.delete(`/api/calendar/events/${created.id}`),
      await c.b.client.patch(`/api/calendar/events/${created.id}`, { title: 'x' }),
      await c.b.client.delete(`/api/calendar/events/${UNKNOWN}`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect(await logSeq(c)).toBe(seq);
  });

  it('refuses invalid events clearly and changes nothing', async () => {
    const { c } = await chat();
    const timed = expectOk(
      await c.a.client.post('/api/calendar/events', {
        title: 'dinner',
        startDate: '2026-12-01',
        endDate: '2026-12-03',
        startTime: '19:00',
      }),
      201,
    );
    const allDay = expectOk(
      await c.a.client.post('/api/calendar/events', { title: 'holiday', startDate: '2026-12-10' }),
      201,
    );
    const rowsBefore = await rowsOf(c);
    const post = (body: unknown) => c.a.client.post('/api/calendar/events', body);
    const patch = (id: string, body: unknown) =>
      c.b.client.patch(`/api/calendar/events/${id}`, body);
    const bad: [string, Promise<ApiResponse>, string?][] = [
      ['end before start', post({ title: 'x', startDate: '2026-12-02', endDate: '2026-12-01' })],
      [
        'end time before start time on one day',
        post({ title: 'x', startDate: '2026-12-02', startTime: '10:00', endTime: '09:59' }),
      ],
      ['title too long', post({ title: 'x'.repeat(101), startDate: '2026-12-02' })],
      ['empty title', post({ title: '   ', startDate: '2026-12-02' })],
      ['no title', post({ startDate: '2026-12-02' })],
      ['note too long', post({ title: 'x', startDate: '2026-12-02', note: 'n'.repeat(1001) })],
      ['2025-02-30', post({ title: 'x', startDate: '2025-02-30' })],
      ['2025-02-29', post({ title: 'x', startDate: '2025-02-28', endDate: '2025-02-29' })],
      ['2025-1-5', post({ title: 'x', startDate: '2025-1-5' })],
      ['25:00', post({ title: 'x', startDate: '2026-12-02', startTime: '25:00' })],
      [
        'end time without start time',
        post({ title: 'x', startDate: '2026-12-02', endTime: '10:00' }),
      ],
      ['unknown field', post({ title: 'x', startDate: '2026-12-02', place: 'home' })],
      ['yearly as text', post({ title: 'x', startDate: '2026-12-02', yearly: 'yes' })],
      // The patch alone is fine, but the event it makes is not.
      ['patch: start after the end', patch(timed.id, { startDate: '2026-12-04' })],
      ['patch: end before the start', patch(timed.id, { endDate: '2026-11-30' })],
      ['patch: end time on an all-day event', patch(allDay.id, { endTime: '10:00' })],
      [
        'patch: a one-day end time before the start time',
        patch(timed.id, { endDate: '2026-12-01', endTime: '18:00' }),
      ],
      ['patch: nothing', patch(timed.id, {})],
      ['patch: unknown field', patch(timed.id, { colour: 'red' })],
      ['patch: title too long', patch(timed.id, { title: 'y'.repeat(101) })],
      ['patch: invalid date', patch(timed.id, { endDate: '2026-11-31' })],
      ['patch: not an id', c.b.client.patch('/api/calendar/events/abc', { title: 'x' })],
      ['delete: not an id', c.b.client.delete('/api/calendar/events/abc')],
    ];
    for (const [name, call] of bad) {
      const res = await call;
      expect(res.status, name).toBe(400);
      expect(res.body.error.code, name).toBe('validation_failed');
      expect(JSON.stringify(res.body), name).not.toMatch(/at .*\.ts:\d+/);
    }
    // A merged patch names the field at fault.
    const moved = await patch(timed.id, { startDate: '2026-12-04' });
    expect(moved.body.error.issues).toEqual([
      expect.objectContaining({ path: 'endDate', message: 'The end comes before the start' }),
    ]);
    const endTime = await patch(allDay.id, { endTime: '10:00' });
    expect(endTime.body.error.issues).toEqual([expect.objectContaining({ path: 'endTime' })]);
    expect(await rowsOf(c)).toEqual(rowsBefore);

    // Moving both ends together is fine.
    const both = expectOk(
      await patch(timed.id, { startDate: '2026-12-04', endDate: '2026-12-05' }),
      200,
    );
    expect(both).toMatchObject({ startDate: '2026-12-04', endDate: '2026-12-05' });
  });

  it('sets, lists, pins and deletes D-days; deleting the pinned one unpins it', async () => {
    const { c, a, b } = await chat('Asia/Seoul');
    expect((await c.a.client.patch('/api/couple', { startDate: '2024-02-29' })).status).toBe(200);
    const empty = expectOk(await c.b.client.get('/api/ddays'), 200);
    expect(empty).toMatchObject({
      ddays: [],
      pinned: { kind: 'none' },
      startDate: '2024-02-29',
      timeZone: 'Asia/Seoul',
    });

    const before = await logSeq(c);
    const trip = expectOk(
      await c.a.client.post('/api/ddays', { title: '여행', date: '2027-05-01' }),
      201,
    );
    expect(trip).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      title: '여행',
      date: '2027-05-01',
      createdBy: c.a.user.id,
      createdAt: new Date(t.clock.now()).toISOString(),
    });
    expect(await liveAfter(b, before, 1)).toEqual([
      { type: 'dday.saved', by: c.a.user.id, dday: trip },
    ]);
    const exam = expectOk(
      await c.b.client.post('/api/ddays', { title: '시험', date: '2026-12-06' }),
      201,
    );
    const past = expectOk(
      await c.b.client.post('/api/ddays', { title: '첫 만남', date: '2024-02-29' }),
      201,
    );
    // Sorted by date, for both.
    for (const u of [c.a, c.b]) {
      expect(expectOk(await u.client.get('/api/ddays'), 200).ddays).toEqual([past, exam, trip]);
    }

    // Pin one (either partner), the next milestone, or nothing; the partner hears each.
    const p0 = await logSeq(c);
    expect(
      expectOk(await c.b.client.put('/api/ddays/pin', { kind: 'dday', id: exam.id }), 200),
    ).toEqual({ kind: 'dday', id: exam.id });
    expect(expectOk(await c.a.client.get('/api/ddays'), 200).pinned).toEqual({
      kind: 'dday',
      id: exam.id,
    });
    expectOk(await c.b.client.put('/api/ddays/pin', { kind: 'next_milestone' }), 200);
    expect(expectOk(await c.a.client.get('/api/ddays'), 200).pinned).toEqual({
      kind: 'next_milestone',
    });
    expectOk(await c.b.client.put('/api/ddays/pin', { kind: 'none' }), 200);
    expect(expectOk(await c.a.client.get('/api/ddays'), 200).pinned).toEqual({ kind: 'none' });
    expect(await liveAfter(a, p0, 3)).toEqual([
      { type: 'dday.pinned', by: c.b.user.id, pinned: { kind: 'dday', id: exam.id } },
      { type: 'dday.pinned', by: c.b.user.id, pinned: { kind: 'next_milestone' } },
      { type: 'dday.pinned', by: c.b.user.id, pinned: { kind: 'none' } },
    ]);

    // Deleting a D-day that is not pinned leaves the pin alone.
    expectOk(await c.a.client.put('/api/ddays/pin', { kind: 'dday', id: exam.id }), 200);
    const p1 = await logSeq(c);
    expect((await c.a.client.delete(`/api/ddays/${past.id}`)).status).toBe(204);
    expect(await liveAfter(b, p1, 1)).toEqual([
      { type: 'dday.deleted', by: c.a.user.id, id: past.id },
    ]);
    expect(expectOk(await c.b.client.get('/api/ddays'), 200).pinned).toEqual({
      kind: 'dday',
      id: exam.id,
    });

    // Deleting the pinned one unpins it in the same change: two events, in order.
    const p2 = await logSeq(c);
    expect((await c.a.client.delete(`/api/ddays/${exam.id}`)).status).toBe(204);
    expect(await liveAfter(b, p2, 2)).toEqual([
      { type: 'dday.deleted', by: c.a.user.id, id: exam.id },
      { type: 'dday.pinned', by: c.a.user.id, pinned: { kind: 'none' } },
    ]);
    const after = expectOk(await c.b.client.get('/api/ddays'), 200);
    expect(after).toMatchObject({ ddays: [trip], pinned: { kind: 'none' } });
    expect((await rowsOf(c)).couple?.pinned_dday).toBeNull();

    // Unknown D-days: 404, and nothing changes.
    const rowsBefore = await rowsOf(c);
    for (const res of [
      await c.a.client.delete(`/api/ddays/${exam.id}`),
      await c.a.client.put('/api/ddays/pin', { kind: 'dday', id: exam.id }),
      await c.a.client.put('/api/ddays/pin', { kind: 'dday', id: UNKNOWN }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    const bad: [string, Promise<ApiResponse>][] = [
      ['no title', c.a.client.post('/api/ddays', { date: '2027-01-01' })],
      [
        'title too long',
        c.a.client.post('/api/ddays', { title: 'd'.repeat(101), date: '2027-01-01' }),
      ],
      ['2025-02-30', c.a.client.post('/api/ddays', { title: 'x', date: '2025-02-30' })],
      ['unknown field', c.a.client.post('/api/ddays', { title: 'x', date: '2027-01-01', at: 1 })],
      ['pin: unknown kind', c.a.client.put('/api/ddays/pin', { kind: 'milestone' })],
      ['pin: no id', c.a.client.put('/api/ddays/pin', { kind: 'dday' })],
      ['pin: not an id', c.a.client.put('/api/ddays/pin', { kind: 'dday', id: 'abc' })],
      ['delete: not an id', c.a.client.delete('/api/ddays/abc')],
    ];
    for (const [name, call] of bad) {
      const res = await call;
      expect(res.status, name).toBe(400);
      expect(res.body.error.code, name).toBe('validation_failed');
    }
    expect(await rowsOf(c)).toEqual(rowsBefore);
  });

  it("keeps each couple to its own calendar: another couple's items are not found", async () => {
    const one = await chat();
    const two = await chat();
    const event = expectOk(
      await one.c.a.client.post('/api/calendar/events', {
        title: 'a secret plan of A',
        startDate: '2026-12-24',
      }),
      201,
    );
    const dday = expectOk(
      await one.c.b.client.post('/api/ddays', { title: 'a secret day of A', date: '2027-01-01' }),
      201,
    );
    expectOk(await one.c.a.client.put('/api/ddays/pin', { kind: 'dday', id: dday.id }), 200);
    const rowsOfA = await rowsOf(one.c);
    const seqOfB = await logSeq(two.c);

    const intruder = two.c.b.client;
    for (const [name, res, control] of [
      [
        'patch',
        await intruder.patch(`/api/calendar/events/${event.id}`, { title: 'mine now' }),
        await intruder.patch(`/api/calendar/events/${UNKNOWN}`, { title: 'mine now' }),
      ],
      [
        'delete event',
        await intruder.delete(`/api/calendar/events/${event.id}`),
        await intruder.delete(`/api/calendar/events/${UNKNOWN}`),
      ],
      [
        'pin',
        await intruder.put('/api/ddays/pin', { kind: 'dday', id: dday.id }),
        await intruder.put('/api/ddays/pin', { kind: 'dday', id: UNKNOWN }),
      ],
      [
        'delete D-day',
        await intruder.delete(`/api/ddays/${dday.id}`),
        await intruder.delete(`/api/ddays/${UNKNOWN}`),
      ],
    ] as const) {
      expect(res.status, name).toBe(404);
      // Exactly like an id that exists nowhere.
      expect([res.status, res.body], name).toEqual([control.status, control.body]);
    }
    const listed = expectOk(await intruder.get('/api/calendar/events'), 200);
    expect(listed.events).toEqual([]);
    const ddays = expectOk(await intruder.get('/api/ddays'), 200);
    expect(ddays).toMatchObject({ ddays: [], pinned: { kind: 'none' } });
    expect(JSON.stringify([listed, ddays])).not.toContain('secret');
    expect(await rowsOf(one.c)).toEqual(rowsOfA);
    expect(await logSeq(two.c)).toBe(seqOfB);
    expect(JSON.stringify(two.a.frames)).not.toContain('secret');

    const single = await signUp(t.baseUrl);
    const calls: [string, Promise<ApiResponse>][] = [
      ['GET events', single.client.get('/api/calendar/events')],
      [
        'POST event',
        single.client.post('/api/calendar/events', { title: 'x', startDate: '2026-12-01' }),
      ],
      ['PATCH event', single.client.patch(`/api/calendar/events/${event.id}`, { title: 'x' })],
      ['DELETE event', single.client.delete(`/api/calendar/events/${event.id}`)],
      ['GET ddays', single.client.get('/api/ddays')],
      ['POST dday', single.client.post('/api/ddays', { title: 'x', date: '2027-01-01' })],
      ['DELETE dday', single.client.delete(`/api/ddays/${dday.id}`)],
      ['PUT pin', single.client.put('/api/ddays/pin', { kind: 'none' })],
    ];
    for (const [name, call] of calls) {
      const res = await call;
      expect(res.status, name).toBe(409);
      expect(res.body.error.code, name).toBe('not_in_couple');
    }
    expect(await rowsOf(one.c)).toEqual(rowsOfA);
  });

  it('deletes the calendar, the D-days and the pin with the rest when the couple ends', async () => {
    const { c } = await chat();
    expectOk(
      await c.a.client.post('/api/calendar/events', { title: 'x', startDate: '2026-12-01' }),
      201,
    );
    const dday = expectOk(
      await c.a.client.post('/api/ddays', { title: 'y', date: '2027-01-01' }),
      201,
    );
    expectOk(await c.a.client.put('/api/ddays/pin', { kind: 'dday', id: dday.id }), 200);
    expect((await c.b.client.post('/api/couple/ending')).status).toBe(200);
    t.clock.advance(GRACE + 60_000);
    expect(await t.services.couples.endDueCouples()).toBeGreaterThanOrEqual(1);
    const rows = await rowsOf(c);
    expect(rows.couple).toMatchObject({ status: 'ended', pinned_dday: null });
    expect(rows.calendar).toEqual([]);
    expect(rows.ddays).toEqual([]);
  });

  // Last: it moves the shared clock far ahead.
  it("gives today in the couple's time zone: Asia/Seoul at 00:30 is a day ahead of UTC", async () => {
    t.clock.set(Math.max(t.clock.now(), Date.parse('2027-01-01T00:00:00Z')));
    const seoul = await chat('Asia/Seoul');
    const utc = await chat('UTC');
    // 00:30 on January 2 in Seoul; 15:30 on January 1 in UTC.
    t.clock.set(Date.parse('2027-01-01T15:30:00Z'));
    const s = expectOk(await seoul.c.a.client.get('/api/ddays'), 200);
    const u = expectOk(await utc.c.b.client.get('/api/ddays'), 200);
    expect(s).toMatchObject({ today: '2027-01-02', timeZone: 'Asia/Seoul', startDate: null });
    expect(u).toMatchObject({ today: '2027-01-01', timeZone: 'UTC' });
    // 23:59 on January 2 in Seoul; a minute later it is January 3 there, still January 2 in UTC.
    t.clock.set(Date.parse('2027-01-02T14:59:00Z'));
    expect(expectOk(await seoul.c.b.client.get('/api/ddays'), 200).today).toBe('2027-01-02');
    t.clock.set(Date.parse('2027-01-02T15:00:00Z'));
    expect(expectOk(await seoul.c.b.client.get('/api/ddays'), 200).today).toBe('2027-01-03');
    expect(expectOk(await utc.c.a.client.get('/api/ddays'), 200).today).toBe('2027-01-02');
  });
});
