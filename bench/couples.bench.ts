import os from 'node:os';
import { sql } from 'kysely';
import WebSocket from 'ws';
import { DAY } from '../apps/server/src/lib/clock.js';
import { startBenchApp } from './in-process-app.js';
import { formatRow, measure, summarize } from './stats.js';

const COUPLES = Number(process.env.BENCH_COUPLES ?? 200);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 300);
// BENCH_REDIS_URL fans events out through Redis pub/sub, as several instances would.
const { database, services, clock, base, call, close } = await startBenchApp({
  REDIS_URL: process.env.BENCH_REDIS_URL,
  REDIS_PREFIX: `bench${Date.now().toString(36)}:`,
});

let n = 0;
async function user() {
  n += 1;
  const r = await call('POST', '/api/users', undefined, {
    username: `bench_${n}`,
    email: `bench${n}@example.com`,
    displayName: `벤치 ${n}`,
    password: 'bench password',
  });
  if (r.status !== 201 || !r.cookie) throw new Error(`sign-up failed: ${r.status}`);
  return { cookie: r.cookie, username: `bench_${n}` };
}

async function couple() {
  const a = await user();
  const b = await user();
  const req = await call('POST', '/api/connection-requests', a.cookie, { username: b.username });
  const ok = await call(
    'POST',
    `/api/connection-requests/${req.body.request.id}/approval`,
    b.cookie,
    {},
  );
  if (ok.status !== 201) throw new Error(`approval failed: ${ok.status}`);
  return { a, b };
}

// 1. Change → partner's socket.
const pair = await couple();
const socket = new WebSocket(`${base.replace('http', 'ws')}/ws`, {
  headers: { cookie: pair.b.cookie },
});
const waiting = new Map<number, () => void>();
socket.on('message', (raw) => {
  const frame = JSON.parse(raw.toString());
  if (frame.type === 'hello')
    socket.send(JSON.stringify({ type: 'sync', afterSeq: frame.lastSeq }));
  if (frame.type === 'event') waiting.get(frame.seq)?.();
});
await new Promise((resolve) => socket.once('open', resolve));
await new Promise((resolve) => setTimeout(resolve, 200));
let seq = (await call('GET', '/api/couple', pair.a.cookie)).body.couple.lastSeq as number;
for (let i = 0; i < 20; i++) await fetch(`${base}/healthz`).then((r) => r.text());
const healthz = await measure(
  CHANGES,
  1,
  async () => void (await fetch(`${base}/healthz`).then((r) => r.text())),
);
const delivered = await measure(CHANGES, 1, async (i) => {
  seq += 1;
  const arrived = new Promise<void>((resolve) => waiting.set(seq, resolve));
  const day = String((i % 28) + 1).padStart(2, '0');
  const r = await call('PATCH', '/api/couple', pair.a.cookie, { startDate: `2024-01-${day}` });
  if (r.status !== 200) throw new Error(`patch failed: ${r.status}`);
  await arrived;
});
socket.close();

// 2. The sweeper.
const ids: string[] = [];
for (let i = 0; i < COUPLES; i++) {
  const { a } = await couple();
  const r = await call('POST', '/api/couple/ending', a.cookie);
  ids.push(r.body.couple.id);
}
await sql`create table bench_baseline (id text primary key, n integer not null)`.execute(
  database.db,
);
for (const id of ids) await sql`insert into bench_baseline values (${id}, 0)`.execute(database.db);
const baselineStart = performance.now();
for (const id of ids) {
  await database.db
    .transaction()
    .execute((tx) => sql`update bench_baseline set n = n + 1 where id = ${id}`.execute(tx));
}
const baselineMs = performance.now() - baselineStart;
clock.advance(7 * DAY);
const sweepStart = performance.now();
const ended = await services.couples.endDueCouples();
const sweepMs = performance.now() - sweepStart;
if (ended !== COUPLES) throw new Error(`expected ${COUPLES} ended, got ${ended}`);

await close();

const h = summarize(healthz.durations);
const d = summarize(delivered.durations);
console.log(
  `bench:couples — Node ${process.version}, ${os.cpus().length} cores, SQLite (WAL, synchronous=NORMAL), ${process.env.BENCH_REDIS_URL ? 'Redis' : 'in-process'} hub\n`,
);
console.log(formatRow('baseline: GET /healthz', h));
console.log(
  formatRow(
    'PATCH /api/couple → partner socket',
    d,
    `ratio p50 vs healthz ${(d.p50 / h.p50).toFixed(2)}x`,
  ),
);
const perSec = (count: number, ms: number) => ((count / ms) * 1000).toFixed(0);
console.log(
  `baseline: ${COUPLES} one-row UPDATE transactions: ${baselineMs.toFixed(1)} ms (${perSec(COUPLES, baselineMs)}/s)`,
);
console.log(
  `sweeper: ended ${COUPLES} couples: ${sweepMs.toFixed(1)} ms (${perSec(COUPLES, sweepMs)} couples/s), ratio vs baseline ${(sweepMs / baselineMs).toFixed(2)}x`,
);
