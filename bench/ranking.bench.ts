// npm run bench:ranking — the 7-day word ranking (GET /api/word-ranking over real HTTP) with
// BENCH_MESSAGES (default 100,000) messages in the window, against the same-run baseline of
// recounting the window's raw messages (read every body, tokenize, count, sort).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays, todayIn } from '@couple-chat/dates';
import { tokenize } from '@couple-chat/words';
import { DAY, HOUR } from '../apps/server/src/lib/clock.js';
import { startBenchApp } from './in-process-app.js';
import { formatRow, summarize } from './stats.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? 10);
const root = path.resolve(import.meta.dirname, '..');

// The labelled chat lines of packages/words, plus a made-up rarer word in a fifth of the messages,
// so the vocabulary is closer to a real week's than a few hundred lines would give.
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
let seed = 42;
const random = () => {
  // mulberry32: deterministic, so every run stores the same week.
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};
const syllables = [...'가나다라마바사아자차카타파하고노도로모보소오조초코토포호구누두루무부수우주'];
const rareWord = () =>
  Array.from({ length: 2 }, () => syllables[Math.floor(random() ** 2 * syllables.length)]).join('');
const message = () => {
  const line = lines[Math.floor(random() * lines.length)] as string;
  return random() < 0.2 ? `${line} ${rareWord()}이` : line;
};

const {
  database,
  services,
  clock,
  must: call,
  couple,
  close,
} = await startBenchApp({
  // The lines talk about food, films, … : questions would stop the chat this bench replays.
  QUESTION_BANK_FILE: path.join(root, 'apps/server/test/support/no-questions.json'),
});
clock.set(Date.parse('2026-11-18T15:30:00Z'));

const { coupleId, a, b } = await couple('rank', 'Asia/Seoul');
const members = [a.id, b.id];

// A week of chat: the messages spread evenly over 7 days, both partners, stored through the real
// send path (group commit, word counts in the same transaction).
const seedStarted = performance.now();
const perDay = Math.ceil(MESSAGES / 7);
let stored = 0;
for (let day = 0; day < 7; day++) {
  for (let i = 0; i < perDay && stored < MESSAGES; i += 500) {
    clock.set(Date.parse('2026-11-18T15:30:00Z') + day * DAY + (i / perDay) * 20 * HOUR);
    const batch = Array.from({ length: Math.min(500, perDay - i, MESSAGES - stored) }, (_, n) =>
      services.messages.send(
        { userId: members[n % 2] as string, coupleId },
        crypto.randomUUID(),
        message(),
      ),
    );
    stored += (await Promise.all(batch)).length;
  }
}
const seedSeconds = (performance.now() - seedStarted) / 1000;
const today = todayIn('Asia/Seoul', clock.now());
const from = addDays(today, -6);

/** Times `work` `runs` times; work may return the part of its time that counts. */
async function timed(runs: number, work: () => Promise<unknown>) {
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const own = await work();
    durations.push(typeof own === 'number' ? own : performance.now() - t0);
  }
  return summarize(durations);
}

// Incremental: the real route over HTTP, after a warm-up.
let ranking: { me: { word: string; count: number }[] } = { me: [] };
await timed(10, async () => {
  ranking = (await call('GET', '/api/word-ranking?top=10', a.cookie)).body;
});
const incremental = await timed(RUNS, () => call('GET', '/api/word-ranking?top=10', a.cookie));

// While chatting: a message is stored (its words counted) before each read.
const whileChatting = await timed(RUNS, async () => {
  await services.messages.send(
    { userId: members[0] as string, coupleId },
    crypto.randomUUID(),
    message(),
  );
  const t0 = performance.now();
  await call('GET', '/api/word-ranking?top=10', a.cookie);
  return performance.now() - t0;
});

// Baseline: recount the window's raw messages (no word counts), as the first version did.
async function recount() {
  const rows = await database.db
    .selectFrom('messages')
    .select(['sender_id', 'body'])
    .where('couple_id', '=', coupleId)
    .where('day', '>=', from)
    .where('day', '<=', today)
    .where('deleted_at', 'is', null)
    .execute();
  const counts = new Map<string, number>();
  for (const r of rows) {
    if (r.sender_id !== members[0] || r.body === null) continue;
    for (const w of tokenize(r.body)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts].sort((x, y) => y[1] - x[1]).slice(0, 10);
}
ranking = (await call('GET', '/api/word-ranking?top=10', a.cookie)).body;
const recounted = await recount();
const baseline = await timed(BASELINE_RUNS, recount);

// Both paths must agree, or the comparison means nothing.
const same =
  JSON.stringify(ranking.me.map((w) => w.count)) === JSON.stringify(recounted.map(([, n]) => n));
const vocabulary = await database.db
  .selectFrom('word_counts')
  .select((eb) => eb.fn.count<number>('word').distinct().as('n'))
  .where('couple_id', '=', coupleId)
  .executeTakeFirstOrThrow();
const rows = await database.db
  .selectFrom('word_counts')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('couple_id', '=', coupleId)
  .executeTakeFirstOrThrow();

// The first read of each new day moves the window: a day's rows leave the sums. Last, since it
// empties the window day by day.
const newDay = await timed(6, async () => {
  clock.advance(DAY);
  const t0 = performance.now();
  await call('GET', '/api/word-ranking?top=10', a.cookie);
  return performance.now() - t0;
});

console.log(`bench:ranking — Node ${process.version}, ${os.cpus().length} cores, SQLite (WAL)`);
console.log(
  `${stored} messages over 7 days (${from} … ${today}, Asia/Seoul), stored in ${seedSeconds.toFixed(1)} s (${(stored / seedSeconds).toFixed(0)} msg/s with word counting); ${Number(vocabulary.n)} distinct words, ${Number(rows.n)} word_counts rows\n`,
);
console.log(formatRow('baseline: recount raw messages', baseline));
console.log(formatRow('GET /api/word-ranking (incremental)', incremental));
console.log(formatRow('  … right after a message is stored', whileChatting));
console.log(formatRow('  … first read of a new day', newDay));
console.log(
  `\np50 speed-up: ${(baseline.p50 / incremental.p50).toFixed(0)}×; incremental p95 ${incremental.p95.toFixed(2)} ms (target ≤ 10 ms); results agree: ${same}`,
);
await close();
if (!same) process.exit(1);
