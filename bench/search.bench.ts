// npm run bench:search — word search (GET /api/search over real HTTP) in one couple with
// BENCH_MESSAGES (default 1,000,000) messages, against the same-run baseline of a LIKE '%q%' scan
// (count + newest page, what search costs without an index); the index's size on disk; and what
// the index adds to storing a message (the real send path, with and without it).
// SQLite by default; BENCH_DATABASE_URL=postgres://… runs it on PostgreSQL (in a scratch schema).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../apps/server/src/db/database.js';
import { DAY } from '../apps/server/src/lib/clock.js';
import type { MessageRow } from '../apps/server/src/models/message.repository.js';
import { createRepositories } from '../apps/server/src/models/repositories.js';
import { dayDeltas, searchDocuments } from '../apps/server/src/search/search-documents.js';
import { startBenchApp } from './in-process-app.js';
import { setSearchIndexing } from './search-indexing.js';
import { formatRow, type Summary, summarize } from './stats.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? 10);
const INSERT_ROUNDS = Number(process.env.BENCH_INSERT_ROUNDS ?? 5);
const INSERTS_PER_ROUND = Number(process.env.BENCH_INSERTS ?? 1000);
const PG_URL = process.env.BENCH_DATABASE_URL;
const root = path.resolve(import.meta.dirname, '..');
const benchStarted = performance.now();

// Realistic chat: the labelled lines of packages/words, whole or recombined from their words, with
// a made-up name or word (and a particle) in a quarter of them, so the vocabulary keeps growing.
const lines = fs
  .readdirSync(path.join(root, 'packages/words/test/labelled'))
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) =>
    fs
      .readFileSync(path.join(root, 'packages/words/test/labelled', f), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { text: string }).text),
  );
const chunks = lines.flatMap((l) => l.split(/\s+/).filter(Boolean));
let seed = 42;
const random = () => {
  // mulberry32: deterministic, so every run stores the same history.
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
const syllables = [
  ...'가나다라마바사아자차카타파하고노도로모보소오조초코토포호구누두루무부수우주민지현서준영은혜성진경',
];
const particles = ['', '이', '가', '을', '를', '은', '는', '도', '에서', '랑', '이랑', '한테'];
const madeUp = () =>
  Array.from(
    { length: random() < 0.3 ? 3 : 2 },
    () => syllables[Math.floor(random() ** 1.5 * syllables.length)],
  ).join('') + pick(particles);
function message(): string {
  const text =
    random() < 0.45
      ? pick(lines)
      : Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(chunks)).join(' ');
  if (random() >= 0.25) return text;
  return random() < 0.5 ? `${madeUp()} ${text}` : `${text} ${madeUp()}`;
}

const QUERIES: [string, string[]][] = [
  ['1-syllable', ['밥', '집', '비', '눈', '나']],
  ['2-syllable', ['음식', '사랑', '오늘', '영화', '회사', '여행', '생일', '내일']],
  ['3-syllable', ['보고싶', '기념일', '맛있는', '좋아해', '미안해']],
  ['English word', ['pizza', 'movie', 'dinner', 'tomorrow', 'love']],
];

let schema: string | undefined;
async function adminQuery(statement: string) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(statement);
  await client.end();
}
if (PG_URL) {
  schema = `bench_search_${Date.now().toString(36)}`;
  await adminQuery(`create schema ${schema}`);
}
// SQLite: a thread whose procedures can switch the index's writes off (search-sqlite-worker.ts).
const sqliteDir = PG_URL ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-search-'));
const app = await startBenchApp(
  {
    QUESTION_BANK_FILE: path.join(root, 'apps/server/test/support/no-questions.json'),
    ...(PG_URL && schema
      ? {
          DATABASE_URL: `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
        }
      : {}),
  },
  sqliteDir
    ? {
        database: openDatabase({
          kind: 'sqlite',
          file: path.join(sqliteDir, 'couple-chat.sqlite'),
          synchronous: 'NORMAL',
          entry: new URL('./search-sqlite-worker.ts', import.meta.url),
        }),
      }
    : {},
);
const { database, services, clock } = app;
const db = database.db;

const call = app.must;
const pair = await app.couple('search', 'Asia/Seoul');
const coupleId = pair.coupleId;
const members = [pair.a.id, pair.b.id];
const cookie = pair.a.cookie;

// Three years of history, stored directly in big transactions: the messages, their days and the
// index, through the same repositories the send path uses (no events: search does not read them).
const generateStarted = performance.now();
const firstSeq = Number(
  (await db.selectFrom('couples').select('last_seq').where('id', '=', coupleId).executeTakeFirst())
    ?.last_seq ?? 0,
);
const start = clock.now() - 3 * 365 * DAY;
const step = (3 * 365 * DAY) / MESSAGES;
const seoulDay = (ms: number) => new Date(ms + 9 * 3600_000).toISOString().slice(0, 10);
const TX = 10_000;
for (let done = 0; done < MESSAGES; done += TX) {
  const rows: MessageRow[] = [];
  for (let i = done; i < Math.min(MESSAGES, done + TX); i++) {
    const at = Math.floor(start + i * step);
    rows.push({
      couple_id: coupleId,
      id: crypto.randomUUID(),
      seq: firstSeq + i + 1,
      sender_id: members[i % 2] as string,
      body: message(),
      created_at: at,
      deleted_at: null,
      day: seoulDay(at),
      attachments: null,
    });
  }
  await db.transaction().execute(async (trx) => {
    const tx = createRepositories(trx);
    for (let i = 0; i < rows.length; i += 1000)
      await tx.messages.insert(...rows.slice(i, i + 1000));
    await tx.messageSearch.add(searchDocuments(rows, []));
    await tx.messageDays.record(dayDeltas(rows, 1));
  });
}
await db
  .updateTable('couples')
  .set({ last_seq: firstSeq + MESSAGES })
  .where('id', '=', coupleId)
  .execute();
const generateSeconds = (performance.now() - generateStarted) / 1000;
if (PG_URL) await sql`vacuum analyze`.execute(db);
else await sql`pragma wal_checkpoint(truncate)`.execute(db);

/** Times `work` `runs` times (after `warm` untimed runs). */
async function timed(runs: number, work: (i: number) => Promise<unknown>, warm = 0) {
  for (let i = 0; i < warm; i++) await work(i);
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work(i);
    durations.push(performance.now() - t0);
  }
  return summarize(durations);
}

// The scan an index saves: the same answer (total and newest page) read from every message.
const like = PG_URL ? 'ilike' : 'like';
const scan = async (q: string) => {
  const matching = db
    .selectFrom('messages')
    .where('couple_id', '=', coupleId)
    .where('deleted_at', 'is', null)
    .where('body', like, `%${q}%`);
  const count = await matching.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  await matching.select('seq').orderBy('seq', 'desc').limit(21).execute();
  return Number(count?.n ?? 0);
};

const results: { name: string; search: Summary; baseline: Summary }[] = [];
let agree = true;
for (const [name, words] of QUERIES) {
  for (const q of words) {
    const found = await call('GET', `/api/search?q=${encodeURIComponent(q)}`, cookie);
    const scanned = await scan(q);
    if (found.body.total !== scanned) {
      agree = false;
      console.error(`${q}: search found ${found.body.total}, the scan ${scanned}`);
    }
  }
  const search = await timed(
    RUNS,
    (i) =>
      call('GET', `/api/search?q=${encodeURIComponent(words[i % words.length] as string)}`, cookie),
    words.length,
  );
  const baseline = await timed(BASELINE_RUNS, (i) => scan(words[i % words.length] as string));
  results.push({ name, search, baseline });
}

// What the index adds to storing a message: the real send path (group commit, events, word
// counts), alternating rounds with the index's two writes switched off and on, the same texts in
// both. Rounds are long enough to include the index's periodic work (moving the pending list into
// FTS5, its merges) and SQLite's WAL checkpoints.
/** The index's writes on or off, where the send path runs: SQLite's thread, or this one. */
async function indexing(on: boolean) {
  setSearchIndexing(on);
  await database.call?.('setSearchIndexing', on);
}
const texts = Array.from({ length: INSERTS_PER_ROUND }, message);
const sendOne = (i: number) =>
  services.messages.send(
    { userId: members[i % 2] as string, coupleId },
    crypto.randomUUID(),
    texts[i] as string,
  );
const perMessage = {
  with: [] as number[],
  without: [] as number[],
  withBatch: [] as number[],
  withoutBatch: [] as number[],
};
for (let round = 0; round < INSERT_ROUNDS * 2; round++) {
  const on = round % 2 === 1;
  await indexing(on);
  // One at a time: every message its own transaction (a quiet chat).
  const t0 = performance.now();
  for (let i = 0; i < INSERTS_PER_ROUND; i++) await sendOne(i);
  (on ? perMessage.with : perMessage.without).push(
    ((performance.now() - t0) * 1000) / INSERTS_PER_ROUND,
  );
}
for (let round = 0; round < INSERT_ROUNDS * 2; round++) {
  const on = round % 2 === 1;
  await indexing(on);
  // All at once: group commit writes them in a few transactions (a busy server).
  const t0 = performance.now();
  await Promise.all(Array.from({ length: INSERTS_PER_ROUND }, (_, i) => sendOne(i)));
  (on ? perMessage.withBatch : perMessage.withoutBatch).push(
    ((performance.now() - t0) * 1000) / INSERTS_PER_ROUND,
  );
}
await indexing(true);
const median = (xs: number[]) => summarize(xs).p50;

async function sizes() {
  if (PG_URL) {
    const r = await sql<{
      name: string;
      bytes: number;
    }>`select relname as name, pg_total_relation_size(oid) as bytes
      from pg_class where relnamespace = current_schema()::regnamespace and relkind = 'r'
        and relname in ('message_search', 'message_days', 'message_search_couples', 'messages')`.execute(
      db,
    );
    return r.rows;
  }
  const r = await sql<{ name: string; bytes: number }>`select name, sum(pgsize) as bytes from dbstat
    where name like 'message_search%' or name like 'message_days%' or name like 'messages%'
       or name = 'sqlite_autoindex_messages_1' group by name`.execute(db);
  return r.rows;
}
const stored = await sizes();
const sum = (filter: (n: string) => boolean) =>
  stored.filter((r) => filter(r.name)).reduce((s, r) => s + Number(r.bytes), 0);
const indexBytes = sum((n) => n.startsWith('message_search') || n.startsWith('message_days'));
const messageBytes = sum(
  (n) => n === 'messages' || n.startsWith('messages_') || n === 'sqlite_autoindex_messages_1',
);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const engine = PG_URL ? 'PostgreSQL' : 'SQLite (WAL, synchronous=NORMAL)';
console.log(`bench:search — Node ${process.version}, ${os.cpus().length} cores, ${engine}`);
console.log(
  `${MESSAGES} messages in one couple over 3 years, stored in ${generateSeconds.toFixed(1)} s (${(MESSAGES / generateSeconds).toFixed(0)} msg/s, index included)\n`,
);
for (const { name, search, baseline } of results) {
  console.log(
    `${name} p50=${search.p50.toFixed(2)} ms p95=${search.p95.toFixed(2)} ms speedup=${(baseline.p95 / search.p95).toFixed(0)}x (LIKE scan p50=${baseline.p50.toFixed(0)} ms p95=${baseline.p95.toFixed(0)} ms)`,
  );
}
console.log('');
for (const { name, search } of results) console.log(formatRow(`GET /api/search, ${name}`, search));
console.log(
  `\nindex size: ${mib(indexBytes)} (${(indexBytes / MESSAGES).toFixed(0)} B/message; the messages themselves: ${mib(messageBytes)})`,
);
for (const r of stored.sort((x, y) => Number(y.bytes) - Number(x.bytes)))
  console.log(`  ${r.name.padEnd(28)} ${mib(Number(r.bytes))}`);
const cost = (w: number[], wo: number[]) =>
  `${median(wo).toFixed(0)} µs → ${median(w).toFixed(0)} µs (${(((median(w) - median(wo)) / median(wo)) * 100).toFixed(1)}%)`;
console.log(
  `\ninsert cost per message, without → with the index (median of ${INSERT_ROUNDS} rounds × ${INSERTS_PER_ROUND}):`,
);
console.log(`  one at a time (own transaction): ${cost(perMessage.with, perMessage.without)}`);
console.log(
  `  ${INSERTS_PER_ROUND} at once (group commit):       ${cost(perMessage.withBatch, perMessage.withoutBatch)}`,
);
const twoSyllable = results.find((r) => r.name === '2-syllable');
console.log(
  `\ntargets: 2-syllable p95 ≤ 100 ms: ${(twoSyllable?.search.p95 ?? Infinity) <= 100}; ≥ 20× the scan: ${(twoSyllable ? twoSyllable.baseline.p95 / twoSyllable.search.p95 : 0) >= 20}; results agree with the scan: ${agree}; whole bench ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`,
);
await app.close();
if (sqliteDir) fs.rmSync(sqliteDir, { recursive: true, force: true });
if (PG_URL && schema) await adminQuery(`drop schema ${schema} cascade`);
if (!agree) process.exit(1);
