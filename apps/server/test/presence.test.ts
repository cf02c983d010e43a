import { beforeAll, describe, expect, it } from 'vitest';
import type { HubMessage } from '../src/realtime/hub.js';
import { coupleTopic } from '../src/realtime/hub.js';
import { createCouple, type SignedUp } from './support/factories.js';
import { HttpClient } from './support/http-client.js';
import { realtimeApp, realtimeVariants } from './support/realtime.js';
import type { TestApp } from './support/test-app.js';
import type { FrameOf, WsClient } from './support/ws-client.js';

type Presence = FrameOf<'presence'>;

const presences = (ws: WsClient) => ws.frames.filter((f): f is Presence => f.type === 'presence');

/** Waits for the next presence frame about `userId` (and `online`, when given). */
const nextPresence = (ws: WsClient, userId: string, online?: boolean, timeoutMs?: number) =>
  ws.next(
    'presence',
    (f) => f.userId === userId && (online === undefined || f.online === online),
    timeoutMs,
  );

describe.each(realtimeVariants())('presence on $name', (variant) => {
  const rt = realtimeApp(variant);
  let t: TestApp;
  beforeAll(() => {
    t = rt.t();
  });
  const couple = () => createCouple(t.baseUrl);
  const socket = rt.socket;
  /** Another device of the same user: a fresh log-in, its own session and socket. */
  async function secondDevice(u: SignedUp) {
    const client = new HttpClient(t.baseUrl);
    const res = await client.post('/api/sessions', {
      login: u.input.username,
      password: u.input.password,
    });
    expect(res.status).toBe(200);
    return { client };
  }

  it('tells each partner the other has the app open: live, and by asking on joining', async () => {
    const c = await couple();
    const wb = (await socket(c.b)).ws;
    const wa = (await socket(c.a)).ws;
    // B was there first: A's arrival is announced to B ...
    const aOnline = await nextPresence(wb, c.a.user.id);
    expect(aOnline).toEqual({
      type: 'presence',
      userId: c.a.user.id,
      connectionId: expect.any(String),
      online: true,
    });
    // ... and B's socket answers A's question, so A knows at once.
    const bOnline = await nextPresence(wa, c.b.user.id);
    expect(bOnline).toMatchObject({ userId: c.b.user.id, online: true });
    expect(bOnline.connectionId).not.toBe(aOnline.connectionId);
    // The presence frames come after hello, which resets a client's view.
    expect(wa.frames.indexOf(bOnline)).toBeGreaterThan(0);
  });

  it('names every device on its own, and a closed device goes offline alone', async () => {
    const c = await couple();
    const wb = (await socket(c.b)).ws;
    const wa1 = (await socket(c.a)).ws;
    const first = await nextPresence(wb, c.a.user.id, true);
    const wa2 = (await socket(await secondDevice(c.a))).ws;
    const second = await nextPresenceOf(wb, c.a.user.id, first.connectionId);
    expect(second.connectionId).not.toBe(first.connectionId);
    // The new device learns about B too.
    await nextPresence(wa2, c.b.user.id, true);

    await wa2.close();
    const offline = await nextPresence(wb, c.a.user.id, false);
    expect(offline).toEqual({
      type: 'presence',
      userId: c.a.user.id,
      connectionId: second.connectionId,
      online: false,
    });
    await wb.roundTrip();
    await wa1.roundTrip();
    // The other device stays: no offline for it.
    expect(presences(wb).filter((f) => !f.online && f.connectionId === first.connectionId)).toEqual(
      [],
    );

    // Nobody ever hears about themselves, even from their own other device.
    for (const ws of [wa1, wa2]) {
      expect(presences(ws).length).toBeGreaterThan(0);
      expect(presences(ws).every((f) => f.userId === c.b.user.id)).toBe(true);
    }
    expect(presences(wb).every((f) => f.userId === c.a.user.id)).toBe(true);
  });

  it('never reaches another couple', async () => {
    const [c, d] = [await couple(), await couple()];
    const others = [(await socket(d.a)).ws, (await socket(d.b)).ws];
    await nextPresence(others[0] as WsClient, d.b.user.id, true);
    const wb = (await socket(c.b)).ws;
    const wa = (await socket(c.a)).ws;
    await nextPresence(wb, c.a.user.id, true);
    await nextPresence(wa, c.b.user.id, true);
    await wa.close();
    await nextPresence(wb, c.a.user.id, false);
    for (const ws of others) await ws.roundTrip();
    const strangers = new Set([c.a.user.id, c.b.user.id]);
    for (const ws of others) {
      expect(presences(ws).filter((f) => strangers.has(f.userId))).toEqual([]);
    }
  });

  it('goes offline when the couple ends, and stays silent afterwards', async () => {
    const c = await couple();
    const heard: HubMessage[] = [];
    const subscription = t.hub.subscribe(coupleTopic(c.coupleId), (m) => heard.push(m));
    await subscription.ready;
    try {
      const wa = (await socket(c.a)).ws;
      const wb = (await socket(c.b)).ws;
      const aOnline = await nextPresence(wb, c.a.user.id, true);
      const bOnline = await nextPresence(wa, c.b.user.id, true);
      const ending = await c.a.client.post('/api/couple/ending');
      expect(ending.status).toBe(200);
      t.clock.set(Date.parse(ending.body.couple.endsAt));
      await t.services.couples.endDueCouples();
      for (const ws of [wa, wb]) {
        expect((await ws.next('notice')).notice).toBe('couple.ended');
        await ws.next('hello', (f) => f.coupleId === null);
      }
      // Both sockets said they are gone from the couple they left.
      await expect
        .poll(() =>
          heard
            .filter((m) => m.kind === 'presence' && !m.online)
            .map((m) => (m.kind === 'presence' ? m.connectionId : ''))
            .sort(),
        )
        .toEqual([aOnline.connectionId, bOnline.connectionId].sort());
      // Single again: nothing more about the former partner.
      for (const ws of [wa, wb]) {
        const before = presences(ws).length;
        await ws.roundTrip();
        const after = ws.frames.slice(ws.frames.findLastIndex((f) => f.type === 'hello'));
        expect(after.some((f) => f.type === 'presence')).toBe(false);
        expect(presences(ws).length).toBe(before);
      }
    } finally {
      subscription.unsubscribe();
    }
  });
});

describe.each(realtimeVariants())('presence heartbeat on $name', (variant) => {
  const rt = realtimeApp(variant, { heartbeatMs: 100 });
  let t: TestApp;
  beforeAll(() => {
    t = rt.t();
  });

  it('re-announces every open socket at each heartbeat', async () => {
    const c = await createCouple(t.baseUrl);
    const wb = (await rt.socket(c.b)).ws;
    const wa = (await rt.socket(c.a)).ws;
    const first = await nextPresence(wb, c.a.user.id, true);
    for (let i = 0; i < 2; i++) {
      const again = await nextPresence(wb, c.a.user.id, true);
      expect(again.connectionId).toBe(first.connectionId);
    }
    await nextPresence(wa, c.b.user.id, true);
    await nextPresence(wa, c.b.user.id, true);
  });
});

/** The next online frame about `userId` from a connection other than `known`. */
function nextPresenceOf(ws: WsClient, userId: string, known: string) {
  return ws.next('presence', (f) => f.userId === userId && f.online && f.connectionId !== known);
}
