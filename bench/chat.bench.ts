// npm run bench:chat — N couples chatting over real WebSockets against the real server (a separate
// process, SQLite, embedded defaults), and the same load against a bare relay in the same run.
// Each couple keeps one message in flight (A sends, B receives, B answers, A receives …), so the
// figures are the server's sustained capacity and the latency at that load. Then: the server's
// memory with many idle sockets.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { formatRow, summarize } from './stats.js';

const COUPLES = Number(process.env.BENCH_COUPLES ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const IDLE_SOCKETS = Number(process.env.BENCH_IDLE_SOCKETS ?? 10_000);
/** The steady phase's offered load: messages per second, spread evenly over every socket. */
const RATE = Number(process.env.BENCH_RATE ?? 10_000);
const root = path.resolve(import.meta.dirname, '..');

function start(
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<{ child: ChildProcess; port: number; inspector: string | undefined }> {
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server and the relay.
  const extra = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(
    process.execPath,
    [...extra, ...nodeArgs, '--import', 'tsx', '--conditions=source', script],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk;
      const m = /(?:listening at http:\/\/127\.0\.0\.1:|relay listening on )(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        // BENCH_SERVER_LOG=<file> keeps what the server logs after it started.
        if (process.env.BENCH_SERVER_LOG) {
          const log = fs.createWriteStream(process.env.BENCH_SERVER_LOG);
          child.stdout?.pipe(log);
          child.stderr?.pipe(log);
        }
        const inspector = /Debugger listening on (ws:\/\/\S+)/.exec(out)?.[1];
        resolve({ child, port: Number(m[1]), inspector });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c) => (out += c));
  });
}

/** The Node flags of the root package's `start` script, so the bench runs the server as users do. */
function startFlags(): string[] {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const flags = /^node ((?:--\S+ )*)apps\/server\/dist\/main\.js$/.exec(scripts.start)?.[1];
  if (flags === undefined) throw new Error(`unexpected start script: ${scripts.start}`);
  return flags.split(' ').filter(Boolean);
}

/** CPU time (user + system, all threads) a process has used so far, in ms (Linux, 100 Hz ticks). */
function cpuMsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Runs a load phase and adds the CPU it cost the server and this client per delivered message:
 * steadier than throughput on a shared machine, whose speed moves from run to run.
 */
async function withCpu<T extends { stats: { n: number } }>(pid: number, phase: () => Promise<T>) {
  const server0 = cpuMsOf(pid);
  const client0 = process.cpuUsage();
  const result = await phase();
  const client = process.cpuUsage(client0);
  const perMessage = (ms: number) => (ms * 1000) / Math.max(1, result.stats.n);
  return {
    ...result,
    serverCpuUs: perMessage(cpuMsOf(pid) - server0),
    clientCpuUs: perMessage((client.user + client.system) / 1000),
  };
}

/**
 * The server's live memory after a full garbage collection, through its inspector (DevTools
 * protocol): V8's heap in use plus what it holds outside the heap (buffers), in MiB. Unlike RSS
 * read at some moment, this does not count garbage not yet collected.
 */
async function liveMemoryOf(inspector: string): Promise<number> {
  const ws = new WebSocket(inspector);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let id = 0;
  const ask = (method: string, params: object = {}) =>
    new Promise<{ result?: { value?: string } } | undefined>((resolve) => {
      const mine = ++id;
      ws.on('message', function answer(raw) {
        const reply = JSON.parse(raw.toString());
        if (reply.id !== mine) return;
        ws.off('message', answer);
        resolve(reply.result);
      });
      ws.send(JSON.stringify({ id: mine, method, params }));
    });
  await ask('HeapProfiler.collectGarbage');
  const usage = await ask('Runtime.evaluate', {
    expression: 'JSON.stringify(process.memoryUsage())',
    returnByValue: true,
  });
  ws.close();
  const { heapUsed, external } = JSON.parse(usage?.result?.value ?? '{}') as NodeJS.MemoryUsage;
  return (heapUsed + external) / 1024 / 1024;
}

const rssOf = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/**
 * Send→partner-receive latencies. The sender's own copy of its message (the server echoes events
 * to every socket of the couple) is not a delivery, so each text remembers who sent it.
 */
function deliveries() {
  const pending = new Map<string, { from: WebSocket; at: number }>();
  const latencies: number[] = [];
  /** The latencies of the messages sent in each second since the first send. */
  const bySecond: number[][] = [];
  let first: number | undefined;
  return {
    latencies,
    bySecond,
    pending,
    sent(from: WebSocket, text: string) {
      const at = performance.now();
      first ??= at;
      pending.set(text, { from, at });
    },
    /** True when this is the partner receiving a pending text. */
    received(by: WebSocket, text: string | undefined): boolean {
      const entry = text === undefined ? undefined : pending.get(text);
      if (!entry || entry.from === by || text === undefined) return false;
      pending.delete(text);
      const latency = performance.now() - entry.at;
      latencies.push(latency);
      const second = Math.floor((entry.at - (first ?? entry.at)) / 1000);
      const bucket = bySecond[second] ?? [];
      bucket.push(latency);
      bySecond[second] = bucket;
      return true;
    },
  };
}

/** Runs the ping-pong load for SECONDS; `send` and `onReceive` adapt it to a protocol. */
async function pingPong(
  pairs: { a: WebSocket; b: WebSocket }[],
  send: (ws: WebSocket, text: string) => void,
  received: (raw: Buffer) => string | undefined,
) {
  const track = deliveries();
  let running = true;
  const sendNew = (ws: WebSocket) => {
    const text = randomUUID();
    track.sent(ws, text);
    send(ws, text);
  };
  for (const ws of pairs.flatMap(({ a, b }) => [a, b])) {
    ws.on('message', (raw) => {
      if (track.received(ws, received(raw as Buffer)) && running) sendNew(ws);
    });
  }
  const started = performance.now();
  for (const { a } of pairs) sendNew(a);
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  running = false;
  const elapsed = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 500));
  for (const ws of pairs.flatMap(({ a, b }) => [a, b])) ws.removeAllListeners('message');
  return { perSecond: track.latencies.length / elapsed, stats: summarize(track.latencies) };
}

/**
 * Open loop: RATE messages a second for SECONDS, whatever the answers, spread over every socket
 * in turn (each stays far below its frame budget). Shows the latency at that load, unlike the
 * closed loop, whose latency is its own queue (in flight ÷ throughput).
 */
async function steady(
  pairs: { a: WebSocket; b: WebSocket }[],
  send: (ws: WebSocket, text: string) => void,
  received: (raw: Buffer) => string | undefined,
) {
  const sockets = pairs.flatMap(({ a, b }) => [a, b]);
  const track = deliveries();
  for (const ws of sockets) ws.on('message', (raw) => track.received(ws, received(raw as Buffer)));
  const TICK_MS = 5;
  const started = performance.now();
  let sent = 0;
  let next = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - started;
      if (elapsed >= SECONDS * 1000) {
        clearInterval(timer);
        resolve();
        return;
      }
      // Catch up to the schedule, so a late tick does not lower the offered rate.
      const due = Math.floor((elapsed / 1000) * RATE) - sent;
      for (let i = 0; i < due; i++) {
        const text = randomUUID();
        const ws = sockets[next % sockets.length] as WebSocket;
        track.sent(ws, text);
        send(ws, text);
        next += 1;
        sent += 1;
      }
    }, TICK_MS);
  });
  await new Promise((r) => setTimeout(r, 1000));
  const elapsed = (performance.now() - started) / 1000 - 1;
  for (const ws of sockets) ws.removeAllListeners('message');
  return {
    offered: sent / elapsed,
    perSecond: track.latencies.length / elapsed,
    lost: track.pending.size,
    stats: summarize(track.latencies),
    p99BySecond: Array.from(track.bySecond, (l) => summarize(l ?? []).p99),
  };
}

// --- the bare relay ---
const relay = await start('bench/relay.ts', { PORT: '0' });
const relayPairs = await Promise.all(
  Array.from({ length: COUPLES }, async (_, i) => ({
    a: await open(`ws://127.0.0.1:${relay.port}/?room=${i}`),
    b: await open(`ws://127.0.0.1:${relay.port}/?room=${i}`),
  })),
);
const relaySend = (ws: WebSocket, text: string) => ws.send(text);
const relayPid = relay.child.pid as number;
const relayReceived = (raw: Buffer) => raw.toString();
/**
 * Between the saturating closed loop and the steady phase: the server finishes what the closed
 * loop left (its WAL checkpoint, collections), so the steady phase shows the latency of its load
 * and not the end of the previous one's.
 */
const SETTLE_MS = 3000;
const settle = () => new Promise((r) => setTimeout(r, SETTLE_MS));
const relayResult = await withCpu(relayPid, () => pingPong(relayPairs, relaySend, relayReceived));
await settle();
const relaySteady = await withCpu(relayPid, () => steady(relayPairs, relaySend, relayReceived));
for (const p of relayPairs) {
  p.a.close();
  p.b.close();
}
relay.child.kill('SIGTERM');

// --- the real server ---
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-chat-'));
const server = await start(
  'apps/server/src/main.ts',
  {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    SIGNUPS_PER_IP_PER_HOUR: '100000',
  },
  // Node's flags as `npm start` gives them; loopback only, and only asked once, for the idle
  // sockets' memory (liveMemoryOf).
  [...startFlags(), '--inspect=127.0.0.1:0'],
);
const base = `http://127.0.0.1:${server.port}`;
const origin = { origin: base };

async function post(url: string, body: unknown, cookie?: string) {
  const res = await fetch(base + url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as any;
  if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(json)}`);
  return { json, cookie: res.headers.getSetCookie()[0]?.split(';')[0] ?? '' };
}

const setupStarted = performance.now();
let n = 0;
async function coupleCookies() {
  const [a, b] = [++n, ++n].map((i) => ({
    username: `chat_${i}`,
    email: `chat${i}@example.com`,
    displayName: `채팅 ${i}`,
    password: `bench password ${i}`,
  }));
  const ua = await post('/api/users', a);
  const ub = await post('/api/users', b);
  const req = await post('/api/connection-requests', { username: b?.username }, ua.cookie);
  await post(`/api/connection-requests/${req.json.request.id}/approval`, {}, ub.cookie);
  return { a: ua.cookie, b: ub.cookie };
}
const cookies: { a: string; b: string }[] = [];
for (let i = 0; i < COUPLES; i += 20) {
  cookies.push(
    ...(await Promise.all(Array.from({ length: Math.min(20, COUPLES - i) }, coupleCookies))),
  );
}
const setupSeconds = (performance.now() - setupStarted) / 1000;

/** A chat socket that has synced; the listener is attached before 'open', as hello may come with it. */
function chatSocket(cookie: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/ws`, {
      headers: { cookie, ...origin },
      perMessageDeflate: false,
    });
    ws.once('error', reject);
    ws.on('message', function handshake(raw) {
      const f = JSON.parse(raw.toString());
      if (f.type === 'hello') ws.send(JSON.stringify({ type: 'sync', afterSeq: f.lastSeq }));
      if (f.type === 'synced') {
        ws.off('message', handshake);
        resolve(ws);
      }
    });
  });
}
// --- idle sockets: one user's many devices, measured before the load so its garbage does not
// blur the figure ---
await new Promise((r) => setTimeout(r, 1000));
const inspector = server.inspector ?? '';
const liveBeforeIdle = await liveMemoryOf(inspector);
const rssBeforeIdle = rssOf(server.child.pid as number);
const idle: WebSocket[] = [];
const idleCookie = cookies[0]?.a ?? '';
for (let i = 0; i < IDLE_SOCKETS; i += 200) {
  idle.push(
    ...(await Promise.all(
      Array.from({ length: Math.min(200, IDLE_SOCKETS - i) }, () =>
        open(`${base.replace('http', 'ws')}/ws`, { cookie: idleCookie, ...origin }),
      ),
    )),
  );
}
await new Promise((r) => setTimeout(r, 2000));
const rssIdle = rssOf(server.child.pid as number);
const liveIdle = await liveMemoryOf(inspector);
for (const ws of idle) ws.terminate();

const serverPairs: { a: WebSocket; b: WebSocket }[] = [];
for (let i = 0; i < cookies.length; i += 50) {
  serverPairs.push(
    ...(await Promise.all(
      cookies
        .slice(i, i + 50)
        .map(async (c) => ({ a: await chatSocket(c.a), b: await chatSocket(c.b) })),
    )),
  );
}
const rssConnected = rssOf(server.child.pid as number);
let sentCount = 0;
const chatSend = (ws: WebSocket, text: string) =>
  ws.send(
    // No keyword in it (the id's hex could spell "cafe"): a question would pause that couple.
    JSON.stringify({ type: 'message.send', messageId: text, body: `안녕 ${++sentCount}` }),
  );
/**
 * The id of a message.created event's message, or undefined for any other frame. This client
 * shares the server's two cores, so it finds the id where the server's JSON puts it instead of
 * parsing all three frames a message brings (the ack, the sender's copy, the partner's): the relay's
 * client does no parsing at all. Every 1,024th event is parsed in full as well and must agree, so a
 * change of the frame's layout stops the bench instead of miscounting.
 */
const CREATED = Buffer.from('"event":{"type":"message.created","message":{"id":"');
const ID_LENGTH = 36;
let checked = 0;
const chatReceived = (raw: Buffer) => {
  const at = raw.indexOf(CREATED);
  const id =
    at < 0
      ? undefined
      : raw.toString('latin1', at + CREATED.length, at + CREATED.length + ID_LENGTH);
  if ((checked++ & 1023) === 0) {
    const f = JSON.parse(raw.toString());
    const parsed =
      f.type === 'event' && f.event.type === 'message.created' ? f.event.message.id : undefined;
    if (parsed !== id) throw new Error(`frame layout changed: found ${id}, parsed ${parsed}`);
  }
  return id;
};
const serverPid = server.child.pid as number;
const serverResult = await withCpu(serverPid, () => pingPong(serverPairs, chatSend, chatReceived));
await settle();
const serverSteady = await withCpu(serverPid, () => steady(serverPairs, chatSend, chatReceived));
const rssAfterLoad = rssOf(server.child.pid as number);
for (const p of serverPairs) {
  p.a.close();
  p.b.close();
}

server.child.kill('SIGTERM');
await new Promise((r) => server.child.once('exit', r));
fs.rmSync(dataDir, { recursive: true, force: true });

const r = relayResult;
const s = serverResult;
console.log(
  `bench:chat — Node ${process.version}, ${os.cpus().length} cores; server: separate process, SQLite on its own thread (WAL, synchronous=NORMAL), in-process hub`,
);
console.log(
  `${COUPLES} couples (${COUPLES * 2} sockets), ${SECONDS} s each, one message in flight per couple; setup ${setupSeconds.toFixed(1)} s\n`,
);
console.log(formatRow('baseline: bare relay', r.stats, `${r.perSecond.toFixed(0)} msg/s`));
console.log(
  formatRow('couple-chat (persisted, acked)', s.stats, `${s.perSecond.toFixed(0)} msg/s`),
);
console.log(`throughput ratio couple-chat / relay: ${(s.perSecond / r.perSecond).toFixed(2)}`);
console.log(`\nsteady load: ${RATE} msg/s offered for ${SECONDS} s, spread over every socket`);
for (const [name, x] of [
  ['baseline: bare relay', relaySteady],
  ['couple-chat (persisted, acked)', serverSteady],
] as const) {
  console.log(
    formatRow(name, x.stats, `${x.perSecond.toFixed(0)} msg/s delivered, ${x.lost} undelivered`),
  );
  // A backlog raises every second; a stall (a checkpoint, a long collection) only one or two.
  console.log(`  p99 by second sent (ms): ${x.p99BySecond.map((p) => p.toFixed(0)).join(' ')}`);
}
console.log(
  '\nCPU per delivered message (user + system, all threads; the bench client in brackets):',
);
for (const [name, relayPhase, serverPhase] of [
  ['closed loop', relayResult, serverResult],
  ['steady load', relaySteady, serverSteady],
] as const) {
  console.log(
    `  ${name}: relay ${relayPhase.serverCpuUs.toFixed(1)} µs [${relayPhase.clientCpuUs.toFixed(1)}], couple-chat ${serverPhase.serverCpuUs.toFixed(1)} µs [${serverPhase.clientCpuUs.toFixed(1)}], ${(serverPhase.serverCpuUs / relayPhase.serverCpuUs).toFixed(1)}× the relay's`,
  );
}
console.log('');
console.log(
  `server RSS: ${rssConnected.toFixed(0)} MiB with ${COUPLES * 2} sockets, ${rssAfterLoad.toFixed(0)} MiB after the load`,
);
const perSocket = (from: number, to: number) =>
  `${(((to - from) * 1024) / Math.max(1, IDLE_SOCKETS)).toFixed(1)} KiB per socket`;
console.log(
  `idle sockets: ${IDLE_SOCKETS} more → RSS ${rssBeforeIdle.toFixed(0)} → ${rssIdle.toFixed(0)} MiB (${perSocket(rssBeforeIdle, rssIdle)}); live heap + buffers after a full GC ${liveBeforeIdle.toFixed(1)} → ${liveIdle.toFixed(1)} MiB (${perSocket(liveBeforeIdle, liveIdle)})`,
);
