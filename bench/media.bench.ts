// npm run bench:media — photos and files in the chat, each against a baseline measured in the same
// run:
// 1. processImage on a 12-megapixel phone JPEG (metadata-free original, 1600 px preview, 400 px
//    thumbnail, ThumbHash), against a bare sharp decode + one 400 px WebP thumbnail;
// 2. a 100 MB file (big.bin, random bytes) through tus over loopback HTTP into the real server on
//    the disk driver — in 8 MiB PATCHes like the web client, and in one PATCH — against a plain
//    stream copy of the same 100 MB between temporary files; then the same on s3rver, a test S3
//    server in this process, not a real S3 (BENCH_S3=0 skips it);
// 3. the server's event-loop delay (perf_hooks.monitorEventLoopDelay) while ten 12 MP photos are
//    uploaded and processed at once, against an equally long window with no uploads; the round
//    trip of a WebSocket ping frame in both windows; and where the loop's stalls come from (the
//    loop thread's own running time vs. waiting for a core, from Linux schedstat; GC pauses).
// The server runs in this process (startBenchApp), so the histogram sees its loop; the uploading
// client (fetch with Buffers) and the WebSocket pinger run in a child process (this file with the
// argument `client`), so their work does not count against the server's loop.
// BENCH_CPU_PROF=<dir> writes a CPU profile of the server's process during section 3's uploads.
// s3rver ships no types; the server's tests declare what they use.
/// <reference path="../apps/server/test/support/s3rver.d.ts" />
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { UPLOADS_PATH } from '@couple-chat/protocol';
import sharp from 'sharp';
import WebSocket from 'ws';
import { processImage } from '../apps/server/src/media/image.js';
import { formatRow, type Summary, summarize } from './stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const FILE_MB = Number(process.env.BENCH_FILE_MB ?? 100);
const UPLOAD_RUNS = Number(process.env.BENCH_UPLOAD_RUNS ?? 3);
const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 10);
const WITH_S3 = process.env.BENCH_S3 !== '0';
/** A directory: the server's process is CPU-profiled during section 3's upload window. */
const CPU_PROF = process.env.BENCH_CPU_PROF;
/** The web client's PATCH size (apps/web/src/features/files/tusTransfer.ts). */
const PIECE = 8 * 1024 * 1024;
const RESOLUTION_MS = 10;
const PING_EVERY_MS = 100; // the socket's frame budget is 20/s
const MAX_PIXELS = 100e6; // IMAGE_MAX_MEGAPIXELS' default

// ---------------------------------------------------------------------------------------------
// The client (child process): answers requests from the bench over IPC.

type ClientRequest =
  | {
      type: 'upload';
      base: string;
      cookie: string;
      file: string;
      name: string;
      piece: number;
      copies: number;
    }
  | { type: 'ping-start'; base: string; cookie: string }
  | { type: 'ping-take' }
  | { type: 'exit' };

interface UploadResult {
  wallMs: number;
  each: number[];
}

async function client() {
  const files = new Map<string, Buffer>();
  const read = (file: string) => {
    const bytes = files.get(file) ?? fs.readFileSync(file);
    files.set(file, bytes);
    return bytes;
  };
  let socket: WebSocket | undefined;
  let timer: NodeJS.Timeout | undefined;
  let rtts: number[] = [];
  const sentAt = new Map<string, number>();

  async function tusUpload(
    base: string,
    cookie: string,
    bytes: Buffer,
    name: string,
    piece: number,
  ) {
    const headers = { 'tus-resumable': '1.0.0', cookie };
    const created = await fetch(base + UPLOADS_PATH, {
      method: 'POST',
      headers: {
        ...headers,
        'upload-length': String(bytes.length),
        'upload-metadata': `filename ${Buffer.from(name).toString('base64')}`,
      },
    });
    await created.arrayBuffer();
    const location = created.headers.get('location');
    if (created.status !== 201 || !location) throw new Error(`POST: ${created.status}`);
    for (let at = 0; at < bytes.length; at += piece) {
      const res = await fetch(base + location, {
        method: 'PATCH',
        headers: {
          ...headers,
          'upload-offset': String(at),
          'content-type': 'application/offset+octet-stream',
        },
        body: bytes.subarray(at, at + piece),
      });
      const text = await res.text();
      if (res.status !== 204) throw new Error(`PATCH at ${at}: ${res.status} ${text}`);
    }
    return location;
  }

  async function handle(req: ClientRequest): Promise<unknown> {
    switch (req.type) {
      case 'upload': {
        const bytes = read(req.file);
        const each: number[] = [];
        const started = performance.now();
        const locations = await Promise.all(
          Array.from({ length: req.copies }, async () => {
            const t0 = performance.now();
            const location = await tusUpload(req.base, req.cookie, bytes, req.name, req.piece);
            each.push(performance.now() - t0);
            return location;
          }),
        );
        const result: UploadResult = { wallMs: performance.now() - started, each };
        // Not timed: tus termination, so the runs do not fill the disk (or the quota).
        for (const location of locations) {
          const res = await fetch(req.base + location, {
            method: 'DELETE',
            headers: { 'tus-resumable': '1.0.0', cookie: req.cookie },
          });
          await res.arrayBuffer();
        }
        return result;
      }
      case 'ping-start': {
        const ws = new WebSocket(`${req.base.replace('http', 'ws')}/ws`, {
          headers: { cookie: req.cookie },
          perMessageDeflate: false,
        });
        ws.on('message', (raw) => {
          const frame = JSON.parse(raw.toString()) as { type: string; id?: string };
          const at = frame.type === 'pong' && frame.id ? sentAt.get(frame.id) : undefined;
          if (at === undefined || !frame.id) return;
          sentAt.delete(frame.id);
          rtts.push(performance.now() - at);
        });
        await new Promise((resolve, reject) => {
          ws.once('open', resolve);
          ws.once('error', reject);
        });
        socket = ws;
        let n = 0;
        timer = setInterval(() => {
          const id = String(n++);
          sentAt.set(id, performance.now());
          ws.send(JSON.stringify({ type: 'ping', id }));
        }, PING_EVERY_MS);
        return null;
      }
      case 'ping-take': {
        // Pings still unanswered count with the time they have waited so far.
        const now = performance.now();
        const taken = [...rtts, ...[...sentAt.values()].map((at) => now - at)];
        rtts = [];
        sentAt.clear();
        return taken;
      }
      case 'exit': {
        clearInterval(timer);
        socket?.close();
        process.disconnect?.();
        return undefined;
      }
    }
  }

  process.on('message', (msg: { id: number; req: ClientRequest }) => {
    if (msg.req.type === 'exit') {
      void handle(msg.req);
      return;
    }
    handle(msg.req).then(
      (result) => process.send?.({ id: msg.id, result }),
      (error: Error) => process.send?.({ id: msg.id, error: error.stack ?? String(error) }),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// The bench (this process: the server).

function startClient() {
  const child: ChildProcess = fork(import.meta.filename, ['client'], {
    execArgv: ['--import', 'tsx', '--conditions=source'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const waiting = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  child.on('message', (msg: { id: number; result?: unknown; error?: string }) => {
    const w = waiting.get(msg.id);
    waiting.delete(msg.id);
    if (msg.error !== undefined) w?.reject(new Error(`client: ${msg.error}`));
    else w?.resolve(msg.result);
  });
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`client exited (${code})`));
  });
  return {
    ask<T>(req: ClientRequest): Promise<T> {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.send({ id, req });
      });
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ id: next++, req: { type: 'exit' } });
      await Promise.race([exited, sleep(2000)]);
      if (child.exitCode === null) child.kill();
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A photo as a phone takes it: 4000×3000, gradients and shapes with sensor noise (so it does not
 * compress to nothing: about 4–5 MB at quality 90), EXIF with the camera and GPS position.
 */
async function phoneJpeg(): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  const raw = Buffer.allocUnsafe(width * height * 3);
  let s = 42;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5; // xorshift32: the same photo every run
      const noise = (((s & 255) - 128) * 18) / 128;
      const shape = 40 * Math.sin(x / 170) + 30 * Math.cos(y / 130 + x / 400);
      const i = (y * width + x) * 3;
      raw[i] = Math.max(0, Math.min(255, 120 + x / 40 + shape + noise));
      raw[i + 1] = Math.max(0, Math.min(255, 90 + y / 30 - shape / 2 + noise));
      raw[i + 2] = Math.max(0, Math.min(255, 160 - x / 50 + y / 60 + noise));
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'BenchPhone', Model: 'BenchPhone 12', DateTime: '2026:11:25 12:00:00' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '37/1 33/1 59/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '126/1 58/1 41/1',
      },
    })
    .toBuffer();
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<Summary> {
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    durations.push(performance.now() - t0);
  }
  return summarize(durations);
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const mbps = (bytes: number, wallMs: number) => bytes / 1e6 / (wallMs / 1000);
const median = (xs: number[]) => summarize(xs).p50;

type Rate = { median: number; min: number; max: number };
type BenchApp = Awaited<ReturnType<typeof import('./in-process-app.js').startBenchApp>>;

/** A couple in the given server; returns the first partner's session cookie. */
async function coupleIn(app: BenchApp) {
  return (await app.couple('media')).a.cookie;
}

/** Event-loop delay in ms beyond the timer's own interval (the histogram records the interval). */
function loopDelay(h: ReturnType<typeof monitorEventLoopDelay>) {
  const over = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  return { p50: over(h.percentile(50)), p99: over(h.percentile(99)), max: over(h.max), n: h.count };
}

/**
 * Where a window's loop stalls come from: a 10 ms timer beside the histogram notes each tick more
 * than STALL_MS late, and splits the stall into the loop thread's own running time (JS, GC,
 * native code on that thread) and its time runnable but waiting for a core (Linux schedstat); GC
 * pauses come from the 'gc' performance entries.
 */
const STALL_MS = 20;
function stallWatch() {
  const file = `/proc/${process.pid}/task/${process.pid}/schedstat`;
  const sched = () => {
    try {
      const [run = 0, wait = 0] = fs.readFileSync(file, 'utf8').split(' ').map(Number);
      return { run: run / 1e6, wait: wait / 1e6 };
    } catch {
      return undefined; // not Linux
    }
  };
  const gc: number[] = [];
  let majors = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.push(entry.duration);
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const stalls = { n: 0, wall: 0, run: 0, wait: 0 };
  const first = sched();
  const started = performance.now();
  let last = { at: started, s: first };
  const timer = setInterval(() => {
    const now = { at: performance.now(), s: sched() };
    if (now.at - last.at - RESOLUTION_MS > STALL_MS && now.s && last.s) {
      stalls.n++;
      stalls.wall += now.at - last.at;
      stalls.run += now.s.run - last.s.run;
      stalls.wait += now.s.wait - last.s.wait;
    }
    last = now;
  }, RESOLUTION_MS);
  return {
    async stop() {
      clearInterval(timer);
      const wallMs = performance.now() - started;
      const end = sched();
      await sleep(50); // gc entries arrive asynchronously
      observer.disconnect();
      return {
        wallMs,
        run: first && end ? end.run - first.run : NaN,
        wait: first && end ? end.wait - first.wait : NaN,
        stalls,
        gc: {
          n: gc.length,
          majors,
          total: gc.reduce((a, b) => a + b, 0),
          max: Math.max(0, ...gc),
        },
      };
    },
  };
}
type Stalls = Awaited<ReturnType<ReturnType<typeof stallWatch>['stop']>>;

async function main() {
  const benchStarted = performance.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-bench-media-'));
  const vipsThreads = sharp.concurrency();
  console.log(
    `bench:media — Node ${process.version}, ${os.cpus().length} cores, sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips}, ${vipsThreads} libvips thread(s) per image), UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}`,
  );
  console.log(
    `The server runs in this process; the uploading client and the WebSocket pinger in a child process. Load average before: ${os.loadavg()[0]?.toFixed(2)}`,
  );

  // 1. Thumbnails ------------------------------------------------------------------------------
  let t0 = performance.now();
  const photo = await phoneJpeg();
  const photoFile = path.join(tmp, 'photo.jpg');
  fs.writeFileSync(photoFile, photo);
  const meta = await sharp(photo).metadata();
  console.log(
    `photo: ${meta.width}×${meta.height} JPEG q90 with EXIF (camera, GPS), ${(photo.length / 1e6).toFixed(2)} MB, generated in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );

  const bare = () => sharp(photo).resize(400).webp().toBuffer();
  const full = () => processImage(photo, { maxPixels: MAX_PIXELS });
  const check = await full();
  await bare();
  const bareStats = await timed(RUNS, bare);
  const fullStats = await timed(RUNS, full);
  const thumbRatio = fullStats.p50 / bareStats.p50;
  console.log('1. Thumbnails, in process, one photo at a time');
  console.log(formatRow('baseline: sharp decode + 400px WebP', bareStats));
  console.log(
    formatRow(
      'processImage 12MP (all renditions)',
      fullStats,
      `(${thumbRatio.toFixed(1)}× a bare sharp thumbnail)`,
    ),
  );
  console.log(
    `   renditions: original ${(check.original.length / 1e6).toFixed(2)} MB (metadata removed), preview ${(check.preview.length / 1e3).toFixed(0)} kB, thumb ${(check.thumb.length / 1e3).toFixed(0)} kB, ThumbHash ${check.placeholder.length} chars\n`,
  );

  // 2. Upload throughput -----------------------------------------------------------------------
  const { startBenchApp } = await import('./in-process-app.js');
  const bytes = FILE_MB * 1e6;
  const bigFile = path.join(tmp, 'big.bin');
  await pipeline(
    (function* () {
      for (let at = 0; at < bytes; at += 1 << 20) yield randomBytes(Math.min(1 << 20, bytes - at));
    })(),
    fs.createWriteStream(bigFile),
  );
  const copyTo = path.join(tmp, 'copy.bin');
  const streamCopies: number[] = [];
  const fileCopies: number[] = [];
  for (let i = 0; i < UPLOAD_RUNS; i++) {
    t0 = performance.now();
    await pipeline(fs.createReadStream(bigFile), fs.createWriteStream(copyTo));
    streamCopies.push(performance.now() - t0);
    fs.rmSync(copyTo);
    t0 = performance.now();
    await fs.promises.copyFile(bigFile, copyTo);
    fileCopies.push(performance.now() - t0);
    fs.rmSync(copyTo);
  }
  const asRate = (walls: number[]): Rate => {
    const r = walls.map((w) => mbps(bytes, w));
    return { median: median(r), min: Math.min(...r), max: Math.max(...r) };
  };
  const streamCopy = asRate(streamCopies);
  const fileCopy = asRate(fileCopies);

  const app = await startBenchApp();
  const cookie = await coupleIn(app);
  const client = startClient();
  const upload = (file: string, name: string, piece: number, copies = 1) =>
    client.ask<UploadResult>({ type: 'upload', base: app.base, cookie, file, name, piece, copies });

  /**
   * MB/s for each PATCH size: one untimed upload first (JIT, heap growth, the storage's
   * directories), then UPLOAD_RUNS rounds that alternate the sizes; the median and the range.
   */
  async function throughput(base: string, who: string, pieces: number[]) {
    const send = (piece: number) =>
      client.ask<UploadResult>({
        type: 'upload',
        base,
        cookie: who,
        file: bigFile,
        name: 'big.bin',
        piece,
        copies: 1,
      });
    await send(pieces[0] as number);
    const rates = pieces.map(() => [] as number[]);
    for (let i = 0; i < UPLOAD_RUNS; i++) {
      for (const [k, piece] of pieces.entries()) {
        rates[k]?.push(mbps(bytes, (await send(piece)).wallMs));
      }
    }
    return rates.map((r) => ({ median: median(r), min: Math.min(...r), max: Math.max(...r) }));
  }
  const [chunked, single] = (await throughput(app.base, cookie, [PIECE, bytes])) as [Rate, Rate];
  let s3: Rate | undefined;
  if (WITH_S3) {
    // The AWS SDK's notice that its 2027 releases need Node 22 is not what this bench is about.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const { startS3Server } = await import('../apps/server/test/support/s3.js');
    const s3rver = await startS3Server();
    const s3App = await startBenchApp(s3rver.env);
    [s3] = await throughput(s3App.base, await coupleIn(s3App), [PIECE]);
    await s3App.close();
    await s3rver.close();
  }
  const mb = `${FILE_MB} MB`;
  const rate = (v: number) => `${v.toFixed(0).padStart(5)} MB/s`;
  console.log(
    `2. Upload throughput: ${mb} big.bin (random bytes), tus over loopback HTTP, median of ${UPLOAD_RUNS} (range)`,
  );
  const row = (name: string, r: Rate, ratio = true) =>
    `${name.padEnd(52)} ${rate(r.median)} (${r.min.toFixed(0)}–${r.max.toFixed(0)})${ratio ? ` ${(r.median / streamCopy.median).toFixed(2)}× the stream copy` : ''}`;
  console.log(row('baseline: stream copy between temp files', streamCopy, false));
  console.log(row('reference: fs.copyFile (in-kernel copy)', fileCopy, false));
  console.log(row('tus, 8 MiB PATCHes, disk driver', chunked));
  console.log(row(`tus, one ${mb} PATCH, disk driver`, single));
  if (s3) console.log(row('tus, 8 MiB PATCHes, s3rver (a test server, not S3)', s3));
  console.log('');

  // 3. Event-loop delay while photos are processed ---------------------------------------------
  await client.ask({ type: 'ping-start', base: app.base, cookie });
  await sleep(500);
  await upload(photoFile, 'warm-up.jpg', PIECE);
  await sleep(300);
  await client.ask({ type: 'ping-take' });
  const profiler = CPU_PROF ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let watch = stallWatch();
  const burst = await upload(photoFile, 'photo.jpg', PIECE, PHOTOS);
  histogram.disable();
  const busyStalls = await watch.stop();
  if (profiler && CPU_PROF) {
    const { profile } = await profiler.post('Profiler.stop');
    fs.mkdirSync(CPU_PROF, { recursive: true });
    const file = path.join(CPU_PROF, `media-${Date.now()}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    profiler.disconnect();
    console.log(`(CPU profile of the upload window: ${file})`);
  }
  const busy = loopDelay(histogram);
  const busyPings = summarize(await client.ask<number[]>({ type: 'ping-take' }));
  await sleep(500); // the reaper's deletions and the terminations settle
  await client.ask({ type: 'ping-take' });
  histogram.reset();
  histogram.enable();
  watch = stallWatch();
  await sleep(burst.wallMs);
  histogram.disable();
  const idleStalls = await watch.stop();
  const idle = loopDelay(histogram);
  const idlePings = summarize(await client.ask<number[]>({ type: 'ping-take' }));
  await client.stop();
  await app.close();
  fs.rmSync(tmp, { recursive: true, force: true });

  const each = summarize(burst.each);
  const serial = PHOTOS * fullStats.p50;
  const loopRow = (name: string, d: ReturnType<typeof loopDelay>) =>
    `${name.padEnd(38)} n=${String(d.n).padStart(4)}  p50=${d.p50.toFixed(2).padStart(8)} ms  p99=${d.p99.toFixed(2).padStart(8)} ms  max=${d.max.toFixed(2).padStart(8)} ms`;
  console.log(
    `3. Event-loop delay of the server (monitorEventLoopDelay, ${RESOLUTION_MS} ms resolution, the interval itself subtracted), ${PHOTOS} photos uploaded at once in ${(burst.wallMs / 1000).toFixed(2)} s`,
  );
  console.log(loopRow('baseline: no uploads, same length', idle));
  console.log(loopRow(`${PHOTOS} photos uploaded + processed`, busy));
  const threadRow = (name: string, w: Stalls) =>
    `${name.padEnd(38)} ran ${ms(w.run)}, runnable but waiting for a core ${ms(w.wait)} (of ${ms(w.wallMs)}); GC ${w.gc.n} pauses (${w.gc.majors} mark-compact), ${ms(w.gc.total)}, longest ${ms(w.gc.max)}`;
  console.log(threadRow('  loop thread, no uploads', idleStalls));
  console.log(threadRow(`  loop thread, ${PHOTOS} photos`, busyStalls));
  const { stalls } = busyStalls;
  console.log(
    `${`  loop stalls > ${STALL_MS} ms, ${PHOTOS} photos`.padEnd(38)} ${stalls.n} stalls, ${ms(stalls.wall)} in all: the loop thread ran ${ms(stalls.run)} (JS, GC), waited for a core ${ms(stalls.wait)}`,
  );
  console.log(formatRow('baseline: ws ping → pong, no uploads', idlePings));
  console.log(formatRow(`ws ping → pong, ${PHOTOS} photos`, busyPings));
  console.log(
    formatRow(
      'each photo: POST + PATCH (processed)',
      each,
      `(all ${PHOTOS}: ${ms(burst.wallMs)}; ${PHOTOS} × processImage p50 in series: ${ms(serial)})`,
    ),
  );

  console.log('\nSummary');
  console.log(
    `- thumbnails: processImage on a 12 MP JPEG p50 ${ms(fullStats.p50)}, p95 ${ms(fullStats.p95)} — ${thumbRatio.toFixed(1)}× a bare sharp thumbnail (${ms(bareStats.p50)})`,
  );
  console.log(
    `- uploads of ${mb}: ${chunked.median.toFixed(0)} MB/s in 8 MiB PATCHes, ${single.median.toFixed(0)} MB/s in one PATCH — ${(chunked.median / streamCopy.median).toFixed(2)}× / ${(single.median / streamCopy.median).toFixed(2)}× a stream copy (${streamCopy.median.toFixed(0)} MB/s)${s3 === undefined ? '' : `; ${s3.median.toFixed(0)} MB/s on s3rver (a test server, not S3)`}`,
  );
  console.log(
    `- ${PHOTOS} photos at once: all processed in ${(burst.wallMs / 1000).toFixed(2)} s; event-loop delay p50 ${ms(busy.p50)}, p99 ${ms(busy.p99)}, max ${ms(busy.max)} (no uploads: p99 ${ms(idle.p99)}); issue target p99 < 50 ms: ${busy.p99 < 50 ? 'met' : 'missed'}; ws ping p99 ${ms(busyPings.p99)} (no uploads: ${ms(idlePings.p99)})`,
  );
  console.log(
    `(bench took ${((performance.now() - benchStarted) / 1000).toFixed(0)} s; load average after: ${os.loadavg()[0]?.toFixed(2)})`,
  );
}

if (process.argv[2] === 'client') await client();
else await main();
