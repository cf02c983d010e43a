// npm run bench:words — tokenize throughput on a ~1 MB chat corpus built deterministically from the
// labelled lines (a seeded PRNG picks and shuffles them), compared in the same run with a naive baseline
// (split on whitespace + lower-case, what the first version of the product did).
import fs from 'node:fs';
import path from 'node:path';

const TARGET_BYTES = 1 << 20;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

const loadStarted = performance.now();
const { tokenize } = await import('@couple-chat/words');
const loadMs = performance.now() - loadStarted;

/** mulberry32: a small, fast, seeded PRNG, so every run tokenizes the same corpus. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dir = path.resolve(import.meta.dirname, '../packages/words/test/labelled');
const lines = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.jsonl'))
  .sort()
  .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean))
  .map((l) => (JSON.parse(l) as { text: string }).text);
const random = prng(20_260_101);
const corpus: string[] = [];
let bytes = 0;
while (bytes < TARGET_BYTES) {
  const text = lines[Math.floor(random() * lines.length)] ?? '';
  corpus.push(text);
  bytes += Buffer.byteLength(text, 'utf8') + 1;
}
const inputWords = corpus.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0);

const naive = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);

function run(fn: (text: string) => string[]): { ms: number; out: number } {
  const started = performance.now();
  let out = 0;
  for (const text of corpus) out += fn(text).length;
  return { ms: performance.now() - started, out };
}

function measure(fn: (text: string) => string[]) {
  run(fn); // warm-up: JIT, inline caches
  run(fn);
  const times: number[] = [];
  let out = 0;
  for (let i = 0; i < RUNS; i++) {
    const r = run(fn);
    times.push(r.ms);
    out = r.out;
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)] ?? NaN;
  return {
    ms,
    out,
    wordsPerSec: inputWords / (ms / 1000),
    mbPerSec: bytes / 2 ** 20 / (ms / 1000),
  };
}

const words = measure(tokenize);
const baseline = measure(naive);

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const row = (name: string, r: ReturnType<typeof measure>) =>
  `${name.padEnd(34)} ${r.ms.toFixed(1).padStart(8)} ms  ${fmt(r.wordsPerSec).padStart(12)} words/s  ${r.mbPerSec.toFixed(2).padStart(7)} MB/s  ${fmt(r.out).padStart(8)} words out`;

console.log(`
bench:words — node ${process.version}, ${RUNS} runs after 2 warm-up runs, median
corpus: ${fmt(corpus.length)} messages, ${(bytes / 2 ** 20).toFixed(2)} MB, ${fmt(inputWords)} space-separated words (seeded PRNG over ${lines.length} labelled lines)
${row('tokenize (@couple-chat/words)', words)}
${row('baseline: split on spaces + lower', baseline)}
ratio: tokenize takes ${(words.ms / baseline.ms).toFixed(1)}x the baseline's time; ${fmt(corpus.length / (words.ms / 1000))} messages/s
lexicon load (first import, incl. tsx transpile): ${loadMs.toFixed(0)} ms
`);
