import { WsCloseCode } from '@couple-chat/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCouple, signUp } from './support/factories.js';
import { realtimeApp, realtimeVariants, seqs, sync } from './support/realtime.js';
import type { TestApp } from './support/test-app.js';

describe.each(realtimeVariants())('WebSocket notices on $name', (variant) => {
  const rt = realtimeApp(variant);
  let t: TestApp;
  beforeAll(() => {
    t = rt.t();
  });
  const user = () => signUp(t.baseUrl);
  const couple = () => createCouple(t.baseUrl);
  const socket = rt.socket;

  describe('notices', () => {
    it('tells both people when a request is sent and when it is withdrawn', async () => {
      const [a, b] = [await user(), await user()];
      const [wa, wb] = [(await socket(a)).ws, (await socket(b)).ws];
      const asked = await a.client.post('/api/connection-requests', {
        username: b.input.username,
      });
      for (const ws of [wa, wb]) {
        expect(await ws.next('notice')).toEqual({ type: 'notice', notice: 'requests.changed' });
      }
      await b.client.delete(`/api/connection-requests/${asked.body.request.id}`);
      for (const ws of [wa, wb]) expect((await ws.next('notice')).notice).toBe('requests.changed');
    });

    it('sends couple.formed and a new hello with the couple to both when approved', async () => {
      const [a, b] = [await user(), await user()];
      const [wa, wb] = [(await socket(a)).ws, (await socket(b)).ws];
      const asked = await a.client.post('/api/connection-requests', {
        username: b.input.username,
      });
      const approved = await b.client.post(
        `/api/connection-requests/${asked.body.request.id}/approval`,
        {},
      );
      const coupleId = approved.body.couple.id;
      for (const [ws, u] of [
        [wa, a],
        [wb, b],
      ] as const) {
        await ws.next('notice', (n) => n.notice === 'couple.formed');
        const hello = await ws.next('hello');
        expect(hello).toEqual({
          type: 'hello',
          protocol: 1,
          userId: u.user.id,
          coupleId,
          lastSeq: 1,
        });
        expect(seqs((await sync(ws, 0)).events)).toEqual([1]);
      }
      // The new subscription is live: a change reaches the socket opened while single.
      await a.client.patch('/api/couple', { timeZone: 'Asia/Tokyo' });
      expect((await wb.next('event')).seq).toBe(2);
    });

    it('tells the other people whose requests were cleared by the approval', async () => {
      const [a, b, c] = [await user(), await user(), await user()];
      await c.client.post('/api/connection-requests', { username: a.input.username });
      const wc = (await socket(c)).ws;
      const asked = await a.client.post('/api/connection-requests', {
        username: b.input.username,
      });
      await b.client.post(`/api/connection-requests/${asked.body.request.id}/approval`, {});
      expect((await wc.next('notice')).notice).toBe('requests.changed');
      expect((await c.client.get('/api/connection-requests')).body.received).toEqual([]);
    });

    it('sends couple.ended and a hello without a couple when the sweeper ends it', async () => {
      const c = await couple();
      const [wa, wb] = [(await socket(c.a)).ws, (await socket(c.b)).ws];
      for (const ws of [wa, wb]) await sync(ws, 0);
      const ending = await c.a.client.post('/api/couple/ending');
      for (const ws of [wa, wb]) {
        expect((await ws.next('event')).event).toEqual({
          type: 'couple.ending_requested',
          by: c.a.user.id,
          endsAt: ending.body.couple.endsAt,
        });
      }
      t.clock.set(Date.parse(ending.body.couple.endsAt));
      await t.services.couples.endDueCouples();
      for (const [ws, u] of [
        [wa, c.a],
        [wb, c.b],
      ] as const) {
        expect((await ws.next('notice')).notice).toBe('couple.ended');
        expect(await ws.next('hello')).toEqual({
          type: 'hello',
          protocol: 1,
          userId: u.user.id,
          coupleId: null,
          lastSeq: 0,
        });
        ws.send({ type: 'sync', id: 'late', afterSeq: 0 });
        expect((await ws.next('error')).code).toBe('not_in_couple');
      }
    });
  });
});

describe.each(realtimeVariants())('WebSocket sessions on $name', (variant) => {
  const rt = realtimeApp(variant, { heartbeatMs: 100 });
  let t: TestApp;
  beforeAll(() => {
    t = rt.t();
  });
  it('closes every open socket of the user within a heartbeat of logging out everywhere', async () => {
    const u = await signUp(t.baseUrl);
    const other = await signUp(t.baseUrl);
    const { ws } = await rt.socket(u);
    const { ws: bystander } = await rt.socket(other);
    expect((await u.client.delete('/api/sessions')).status).toBe(204);
    const closed = await ws.closed(2000);
    expect(closed.code).toBe(WsCloseCode.unauthenticated);
    expect(await bystander.roundTrip()).toMatchObject({ type: 'pong' });
  });
});
