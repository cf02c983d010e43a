// npm run bench:auth — login latency over real HTTP on the embedded defaults (SQLite), compared in
// the same run against two baselines: an HTTP round trip (/healthz) and a bare argon2id verify.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config/config.js';
import { openDatabase } from '../apps/server/src/db/database.js';
import { argon2Params, createArgon2Hasher } from '../apps/server/src/services/password-hasher.js';
import { formatRow, measure, summarize } from './stats.js';

const LOGINS = Number(process.env.BENCH_LOGINS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-'));
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const generous = { limit: 1_000_000, windowMs: 60_000 };
// BENCH_DATABASE_URL runs the same bench on PostgreSQL, in a throwaway schema.
const pgUrl = process.env.BENCH_DATABASE_URL;
const schema = `bench_${Date.now().toString(36)}`;
async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(text);
  await client.end();
}
if (pgUrl) await adminQuery(`create schema ${schema}`);
const database = pgUrl
  ? openDatabase({ kind: 'postgres', url: pgUrl, poolSize: 10, schema })
  : undefined;
const { app } = await buildApp({
  config,
  ...(database ? { database } : {}),
  jobs: false,
  rateRules: { logInPerIp: generous, passwordFailuresPerAccount: generous, signUpPerIp: generous },
});
const base = await app.listen({ host: '127.0.0.1', port: 0 });

const post = (url: string, body: unknown, cookie?: string) =>
  fetch(base + url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });

const users = Array.from({ length: 20 }, (_, i) => ({
  username: `bench_user_${i}`,
  email: `bench${i}@example.com`,
  displayName: `벤치 ${i}`,
  password: `bench password ${i} 🌙`,
}));
for (const u of users) {
  const res = await post('/api/users', u);
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status}`);
}
const cookie = (
  await post('/api/sessions', { login: users[0]?.username, password: users[0]?.password })
).headers
  .getSetCookie()[0]
  ?.split(';')[0];

// Warm up the JIT, the connection pool and the dummy hash.
for (let i = 0; i < 20; i++) {
  await fetch(`${base}/healthz`).then((r) => r.text());
  await post('/api/sessions', {
    login: users[i % users.length]?.username,
    password: users[i % users.length]?.password,
  }).then((r) => r.text());
}
await post('/api/sessions', { login: 'nobody_here', password: 'whatever pw' }).then((r) =>
  r.text(),
);

const check = (res: Response, status: number) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}`);
  return res.text();
};

const healthz = await measure(
  500,
  1,
  async () => void (await check(await fetch(`${base}/healthz`), 200)),
);
const me = await measure(
  500,
  1,
  async () =>
    void (await check(await fetch(`${base}/api/me`, { headers: { cookie: cookie ?? '' } }), 200)),
);
const hasher = createArgon2Hasher();
const hash = await hasher.hash('bench password');
const verify = await measure(
  LOGINS,
  1,
  async () => void (await hasher.verify(hash, 'bench password')),
);
const login = await measure(LOGINS, 1, async (i) => {
  const u = users[i % users.length];
  await check(await post('/api/sessions', { login: u?.username, password: u?.password }), 200);
});
const loginUnknown = await measure(LOGINS, 1, async (i) => {
  await check(
    await post('/api/sessions', { login: `ghost_${i}`, password: 'wrong password' }),
    401,
  );
});
const loginConcurrent = await measure(LOGINS, CONCURRENCY, async (i) => {
  const u = users[i % users.length];
  await check(await post('/api/sessions', { login: u?.username, password: u?.password }), 200);
});

await app.close();
fs.rmSync(dataDir, { recursive: true, force: true });
if (pgUrl) await adminQuery(`drop schema ${schema} cascade`);

const s = {
  healthz: summarize(healthz.durations),
  me: summarize(me.durations),
  verify: summarize(verify.durations),
  login: summarize(login.durations),
  unknown: summarize(loginUnknown.durations),
  concurrent: summarize(loginConcurrent.durations),
};
console.log(
  `bench:auth — Node ${process.version}, ${os.cpus().length} cores, ${pgUrl ? 'PostgreSQL' : 'SQLite (WAL, synchronous=NORMAL)'}`,
);
console.log(
  `argon2id m=${argon2Params.memoryCost} KiB, t=${argon2Params.timeCost}, p=${argon2Params.parallelism}\n`,
);
console.log(formatRow('baseline: GET /healthz', s.healthz));
console.log(formatRow('baseline: argon2id verify (in process)', s.verify));
console.log(
  formatRow(
    'GET /api/me (session lookup)',
    s.me,
    `ratio p50 vs healthz ${(s.me.p50 / s.healthz.p50).toFixed(2)}x`,
  ),
);
console.log(
  formatRow(
    'POST /api/sessions (log in)',
    s.login,
    `ratio p50 vs verify ${(s.login.p50 / s.verify.p50).toFixed(2)}x`,
  ),
);
console.log(
  formatRow(
    'POST /api/sessions (unknown user)',
    s.unknown,
    `ratio p50 vs known ${(s.unknown.p50 / s.login.p50).toFixed(2)}x`,
  ),
);
console.log(
  formatRow(
    `POST /api/sessions (${CONCURRENCY} concurrent)`,
    s.concurrent,
    `${loginConcurrent.perSecond.toFixed(1)} logins/s`,
  ),
);
console.log(`sequential log in throughput: ${login.perSecond.toFixed(1)} logins/s`);
