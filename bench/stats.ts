/** Latency statistics over a list of durations in milliseconds. */
export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    n: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted.at(-1) ?? NaN,
  };
}

export type Summary = ReturnType<typeof summarize>;

export function formatRow(name: string, s: Summary, extra = ''): string {
  const f = (v: number) => v.toFixed(2).padStart(8);
  return `${name.padEnd(38)} n=${String(s.n).padStart(4)}  p50=${f(s.p50)} ms  p95=${f(s.p95)} ms  p99=${f(s.p99)} ms ${extra}`;
}

/** Runs `task` `count` times with `concurrency` in flight; returns each duration and the wall time. */
export async function measure(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
) {
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      await task(i);
      durations.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - started;
  return { durations, wallMs, perSecond: (count / wallMs) * 1000 };
}
