import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server } from '../../test/support/s3.js';
import { loadConfig } from '../config/config.js';
import { DiskStorage } from './disk-storage.js';
import { S3Storage } from './s3-storage.js';
import { type BlobStorage, createStorage, type StoredObject } from './storage.js';

interface Harness {
  storage: BlobStorage;
  /** The disk driver's root; undefined for S3. */
  root?: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

async function startDisk(): Promise<Harness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'couple-chat-storage-'));
  const storage = createStorage(loadConfig({ DATA_DIR: dataDir }));
  return {
    storage,
    root: path.join(dataDir, 'files'),
    env: { DATA_DIR: dataDir },
    async close() {
      await storage.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function startS3(): Promise<Harness> {
  const s3 = await startS3Server();
  const storage = createStorage(loadConfig(s3.env));
  return {
    storage,
    env: s3.env,
    async close() {
      await storage.close();
      await s3.close();
    },
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

function byKey(objects: StoredObject[]): StoredObject[] {
  return [...objects].sort((a, b) => a.key.localeCompare(b.key));
}

/** Yields `chunks` chunks of `chunkSize` bytes, then fails with `error`. */
function failingStream(chunks: number, chunkSize: number, error: Error): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent < chunks) {
        sent++;
        this.push(Buffer.alloc(chunkSize, sent));
      } else {
        setTimeout(() => this.destroy(error), 10);
      }
    },
  });
}

function chunked(data: Buffer, chunkSize: number): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += chunkSize) chunks.push(data.subarray(i, i + chunkSize));
  return Readable.from(chunks);
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

let prefixCounter = 0;
/** Each test writes under its own prefix, so tests sharing one store do not see each other. */
const freshPrefix = () => `t${++prefixCounter}-${randomBytes(3).toString('hex')}/`;

const drivers = [
  { driver: 'disk' as const, start: startDisk },
  { driver: 's3' as const, start: startS3 },
];

describe.each(drivers)('$driver storage', ({ driver, start }) => {
  let h: Harness;
  let storage: BlobStorage;

  beforeAll(async () => {
    h = await start();
    storage = h.storage;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('is the driver the configuration selects', () => {
    expect(storage.driver).toBe(driver);
    expect(storage).toBeInstanceOf(driver === 'disk' ? DiskStorage : S3Storage);
  });

  it('round-trips a Buffer through put, get, read and stat', async () => {
    const key = `${freshPrefix()}couple/file.bin`;
    const data = randomBytes(3000);
    const before = Date.now();
    await storage.put(key, data);
    const after = Date.now();

    expect(await storage.read(key)).toEqual(data);
    const stream = await storage.get(key);
    expect(stream).toBeDefined();
    expect(await buffer(stream!)).toEqual(data);
    const info = await storage.stat(key);
    expect(info).toMatchObject({ key, size: 3000 });
    // S3 keeps whole seconds.
    expect(info!.modifiedAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 - 1000);
    expect(info!.modifiedAt).toBeLessThanOrEqual(after + 1000);
  });

  it('round-trips a stream body with its length', async () => {
    const key = `${freshPrefix()}streamed`;
    const data = randomBytes(100_000);
    await storage.put(key, chunked(data, 7_000), data.length);
    expect(await storage.read(key)).toEqual(data);
    expect((await storage.stat(key))?.size).toBe(data.length);
  });

  it('stores an empty object', async () => {
    const key = `${freshPrefix()}empty`;
    await storage.put(key, Buffer.alloc(0));
    expect(await storage.read(key)).toEqual(Buffer.alloc(0));
    expect((await storage.stat(key))?.size).toBe(0);
  });

  it('serves inclusive byte ranges: first byte, middle, last byte, clamped end', async () => {
    const key = `${freshPrefix()}ranged`;
    const data = Buffer.from('0123456789abcdefghij');
    await storage.put(key, data);
    const range = async (start: number, end: number) =>
      (await buffer((await storage.get(key, { start, end }))!)).toString();

    expect(await range(0, 0)).toBe('0');
    expect(await range(5, 9)).toBe('56789');
    expect(await range(19, 19)).toBe('j');
    expect(await range(15, 1000)).toBe('fghij');
    expect(await range(0, 19)).toBe(data.toString());
  });

  it('rejects unsatisfiable and malformed ranges', async () => {
    const key = `${freshPrefix()}ranged`;
    await storage.put(key, Buffer.from('0123456789'));
    await expect(storage.get(key, { start: 10, end: 12 })).rejects.toThrow(RangeError);
    await expect(storage.get(key, { start: 5, end: 4 })).rejects.toThrow(RangeError);
    await expect(storage.get(key, { start: -1, end: 4 })).rejects.toThrow(RangeError);
    await expect(storage.get(key, { start: 1.5, end: 4 })).rejects.toThrow(RangeError);
    // A missing object is still just missing.
    expect(await storage.get(`${key}-missing`, { start: 0, end: 0 })).toBeUndefined();
  });

  it('overwrites an object with a new one of another size', async () => {
    const key = `${freshPrefix()}overwritten`;
    await storage.put(key, Buffer.from('the first version, rather long'));
    await storage.put(key, chunked(Buffer.from('second'), 2), 6);
    expect((await storage.read(key))?.toString()).toBe('second');
    expect((await storage.stat(key))?.size).toBe(6);
    expect(await collect(storage.list(key.slice(0, key.lastIndexOf('/') + 1)))).toHaveLength(1);
  });

  it('answers undefined for a missing object from get, stat and read', async () => {
    const prefix = freshPrefix();
    await storage.put(`${prefix}present`, Buffer.from('x'));
    for (const key of [`${prefix}absent`, `${prefix}present/below`, `${prefix}nowhere/deep/key`]) {
      expect(await storage.get(key)).toBeUndefined();
      expect(await storage.stat(key)).toBeUndefined();
      expect(await storage.read(key)).toBeUndefined();
    }
    // A "directory" of other objects is not an object either.
    await storage.put(`${prefix}dir/inner`, Buffer.from('y'));
    expect(await storage.stat(`${prefix}dir`)).toBeUndefined();
    expect(await storage.get(`${prefix}dir`)).toBeUndefined();
    expect(await storage.read(`${prefix}dir`)).toBeUndefined();
  });

  it('deletes idempotently and only the named object', async () => {
    const prefix = freshPrefix();
    await storage.put(`${prefix}a`, Buffer.from('a'));
    await storage.put(`${prefix}b`, Buffer.from('b'));
    await storage.delete(`${prefix}a`);
    expect(await storage.stat(`${prefix}a`)).toBeUndefined();
    await expect(storage.delete(`${prefix}a`)).resolves.toBeUndefined();
    await expect(storage.delete(`${prefix}never/was`)).resolves.toBeUndefined();
    expect((await storage.read(`${prefix}b`))?.toString()).toBe('b');
    // Deleting a "directory" key deletes nothing.
    await storage.put(`${prefix}dir/inner`, Buffer.from('c'));
    await storage.delete(`${prefix}dir`);
    expect((await storage.read(`${prefix}dir/inner`))?.toString()).toBe('c');
  });

  it('deletePrefix removes everything under the prefix and nothing else', async () => {
    const prefix = freshPrefix();
    const keep = [`${prefix}ab/4`, `${prefix}b/5`, `${prefix}a-sibling`];
    const gone = [`${prefix}a/1`, `${prefix}a/2`, `${prefix}a/sub/3`, `${prefix}a/sub/deeper/6`];
    for (const key of [...keep, ...gone]) await storage.put(key, Buffer.from(key));

    await storage.deletePrefix(`${prefix}a/`);
    for (const key of gone) expect(await storage.stat(key)).toBeUndefined();
    for (const key of keep) expect((await storage.read(key))?.toString()).toBe(key);
    expect((await collect(storage.list(prefix))).map((o) => o.key).sort()).toEqual(
      [...keep].sort(),
    );

    await expect(storage.deletePrefix(`${prefix}a/`)).resolves.toBeUndefined();
    await expect(storage.deletePrefix(`${prefix}never/`)).resolves.toBeUndefined();
    // A prefix that names an object (not a "directory") matches nothing below it.
    await storage.deletePrefix(`${prefix}a-sibling/`);
    expect(await storage.stat(`${prefix}a-sibling`)).toBeDefined();
    await storage.deletePrefix(prefix);
    expect(await collect(storage.list(prefix))).toEqual([]);
  });

  it('deletePrefix refuses a prefix without a trailing slash or an empty one', async () => {
    const prefix = freshPrefix();
    await storage.put(`${prefix}x`, Buffer.from('x'));
    await expect(storage.deletePrefix(prefix.slice(0, -1))).rejects.toThrow(/must end with/);
    await expect(storage.deletePrefix('')).rejects.toThrow(/empty/);
    expect(await storage.stat(`${prefix}x`)).toBeDefined();
  });

  it('lists nested keys with their sizes', async () => {
    const prefix = freshPrefix();
    await storage.put(`${prefix}one`, Buffer.alloc(1));
    await storage.put(`${prefix}d/two`, Buffer.alloc(2));
    await storage.put(`${prefix}d/e/three`, Buffer.alloc(3));
    await storage.put(`${prefix}d-e/four`, Buffer.alloc(4));

    const all = byKey(await collect(storage.list(prefix)));
    expect(all.map(({ key, size }) => ({ key, size }))).toEqual([
      { key: `${prefix}d-e/four`, size: 4 },
      { key: `${prefix}d/e/three`, size: 3 },
      { key: `${prefix}d/two`, size: 2 },
      { key: `${prefix}one`, size: 1 },
    ]);
    for (const object of all) expect(object.modifiedAt).toBeGreaterThan(Date.UTC(2020, 0, 1));

    expect(byKey(await collect(storage.list(`${prefix}d/`))).map((o) => o.key)).toEqual([
      `${prefix}d/e/three`,
      `${prefix}d/two`,
    ]);
    expect(await collect(storage.list(`${prefix}missing/`))).toEqual([]);
    // An object's own key followed by '/' is not a prefix of anything.
    expect(await collect(storage.list(`${prefix}one/`))).toEqual([]);

    const everything = (await collect(storage.list(''))).map((o) => o.key);
    expect(everything).toEqual(expect.arrayContaining(all.map((o) => o.key)));
    expect(everything.every((key) => !key.startsWith('.tmp'))).toBe(true);
  });

  it('rejects a put whose body stream fails midway and leaves no object', async () => {
    const prefix = freshPrefix();
    const key = `${prefix}broken`;
    const boom = new Error('the upload broke');
    await expect(storage.put(key, failingStream(4, 64 * 1024, boom), 1024 * 1024)).rejects.toBe(
      boom,
    );
    expect(await storage.stat(key)).toBeUndefined();
    expect(await storage.read(key)).toBeUndefined();
    expect(await collect(storage.list(prefix))).toEqual([]);
    if (h.root) expect(await readdir(path.join(h.root, '.tmp'))).toEqual([]);
  });

  it('stores nothing when the body stream fails after yielding every declared byte', async () => {
    const key = `${freshPrefix()}late-failure`;
    const boom = new Error('failed at the very end');
    // 4 × 10 000 bytes, exactly the declared length, then an error instead of the end.
    await expect(storage.put(key, failingStream(4, 10_000, boom), 40_000)).rejects.toBe(boom);
    expect(await storage.stat(key)).toBeUndefined();
  });

  it('keeps the old object when an overwrite fails midway', async () => {
    const key = `${freshPrefix()}kept`;
    await storage.put(key, Buffer.from('old and complete'));
    const boom = new Error('the replacement broke');
    await expect(storage.put(key, failingStream(3, 50_000, boom), 500_000)).rejects.toBe(boom);
    expect((await storage.read(key))?.toString()).toBe('old and complete');
  });

  it('shows the old object until a streamed overwrite is complete', async () => {
    const key = `${freshPrefix()}swapped`;
    await storage.put(key, Buffer.from('old'));
    const body = new PassThrough();
    const next = randomBytes(200_000);
    const putting = storage.put(key, body, next.length);
    body.write(next.subarray(0, 150_000));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await storage.read(key))?.toString()).toBe('old');
    expect((await storage.stat(key))?.size).toBe(3);
    body.end(next.subarray(150_000));
    await putting;
    expect(await storage.read(key)).toEqual(next);
  });

  it('rejects a stream body of another length than declared, or without one', async () => {
    const prefix = freshPrefix();
    await expect(storage.put(`${prefix}short`, chunked(Buffer.alloc(10), 3), 11)).rejects.toThrow(
      /10 bytes, not the declared 11/,
    );
    await expect(storage.put(`${prefix}long`, chunked(Buffer.alloc(10), 3), 9)).rejects.toThrow(
      /longer than the declared 9/,
    );
    await expect(storage.put(`${prefix}unsized`, chunked(Buffer.alloc(10), 3))).rejects.toThrow(
      /length is required/,
    );
    await expect(storage.put(`${prefix}buffer`, Buffer.alloc(10), 9)).rejects.toThrow(
      /does not match/,
    );
    expect(await collect(storage.list(prefix))).toEqual([]);
  });

  it('rejects bad keys and prefixes in every method', async () => {
    const badKeys = [
      '../x',
      '/abs',
      'a//b',
      'a/./b',
      'a/../b',
      '.',
      'a/',
      'a\u0000b',
      'a\nb',
      'a b',
      'caf\u00e9',
      'a\\b',
      '',
      'x'.repeat(513),
      `a/${'x'.repeat(256)}`,
      '.tmp/x',
    ];
    for (const key of badKeys) {
      await expect(storage.put(key, Buffer.from('x')), key).rejects.toThrow(/Invalid storage key/);
      await expect(storage.get(key), key).rejects.toThrow(/Invalid storage key/);
      await expect(storage.read(key), key).rejects.toThrow(/Invalid storage key/);
      await expect(storage.stat(key), key).rejects.toThrow(/Invalid storage key/);
      await expect(storage.delete(key), key).rejects.toThrow(/Invalid storage key/);
    }
    for (const prefix of ['../', '/abs/', 'a//', 'a/./', 'a', '\u0007/', '.tmp/']) {
      await expect(storage.deletePrefix(prefix), prefix).rejects.toThrow(/Invalid storage prefix/);
      await expect(collect(storage.list(prefix)), prefix).rejects.toThrow(/Invalid storage prefix/);
    }
    // The longest allowed key works.
    const start = `${freshPrefix()}${'k'.repeat(200)}/${'k'.repeat(200)}/`;
    const longest = start + 'z'.repeat(512 - start.length);
    expect(longest).toHaveLength(512);
    await storage.put(longest, Buffer.from('ok'));
    expect((await storage.read(longest))?.toString()).toBe('ok');
  });

  it('stores a 5 MiB stream and serves a range near its end', async () => {
    const key = `${freshPrefix()}large.bin`;
    const data = randomBytes(5 * 1024 * 1024);
    await storage.put(key, chunked(data, 64 * 1024), data.length);
    expect((await storage.stat(key))?.size).toBe(data.length);
    expect(sha256((await storage.read(key))!)).toBe(sha256(data));
    const tail = await buffer((await storage.get(key, { start: data.length - 100, end: 1e9 }))!);
    expect(tail).toEqual(data.subarray(data.length - 100));
  });
});

describe('disk storage', () => {
  let h: Harness;
  let disk: DiskStorage;

  beforeAll(async () => {
    h = await startDisk();
    disk = h.storage as DiskStorage;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('keeps files under <dataDir>/files, one file per key', async () => {
    await disk.put('couples/c1/blob', Buffer.from('on disk'));
    expect(disk.root).toBe(h.root);
    const onDisk = await stat(path.join(h.root!, 'couples', 'c1', 'blob'));
    expect(onDisk.size).toBe(7);
  });

  it('prunes directories that deletes leave empty', async () => {
    await disk.put('prune/a/b/c', Buffer.from('x'));
    await disk.put('prune/keep', Buffer.from('y'));
    await disk.delete('prune/a/b/c');
    await expect(stat(path.join(h.root!, 'prune', 'a'))).rejects.toMatchObject({ code: 'ENOENT' });
    await disk.put('prune/d/e/f', Buffer.from('z'));
    await disk.deletePrefix('prune/d/');
    await expect(stat(path.join(h.root!, 'prune', 'd'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await disk.read('prune/keep'))?.toString()).toBe('y');
  });

  it('sweepTemporary removes old temporary files and keeps fresh ones', async () => {
    const tmp = path.join(h.root!, '.tmp');
    await mkdir(tmp, { recursive: true });
    const stale = path.join(tmp, 'stale.part');
    const fresh = path.join(tmp, 'fresh.part');
    await writeFile(stale, 'left by a crash');
    await writeFile(fresh, 'being written');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(stale, twoHoursAgo, twoHoursAgo);

    expect((await collect(disk.list(''))).map((o) => o.key)).not.toContain('.tmp/stale.part');
    expect(await disk.sweepTemporary(60 * 60 * 1000)).toBe(1);
    expect((await readdir(tmp)).sort()).toEqual(['fresh.part']);
    expect(await disk.sweepTemporary(60 * 60 * 1000)).toBe(0);
    expect(await disk.sweepTemporary(0)).toBe(1);
    expect(await readdir(tmp)).toEqual([]);
  });

  it('sweepTemporary is fine before anything was ever written', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'couple-chat-storage-empty-'));
    try {
      expect(await new DiskStorage(dir).sweepTemporary(0)).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('s3 storage', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startS3();
  });
  afterAll(async () => {
    await h?.close();
  });

  function s3WithPageSize(pageSize: number): S3Storage {
    return new S3Storage({
      bucket: h.env.S3_BUCKET!,
      endpoint: h.env.S3_ENDPOINT,
      region: h.env.S3_REGION!,
      accessKeyId: h.env.S3_ACCESS_KEY_ID,
      secretAccessKey: h.env.S3_SECRET_ACCESS_KEY,
      forcePathStyle: true,
      pageSize,
    });
  }

  it('lists and deletes by prefix across several ListObjectsV2 pages', async () => {
    const storage = s3WithPageSize(2);
    try {
      const keys = ['pages/1', 'pages/2', 'pages/3/a', 'pages/4', 'pages/5'];
      for (const key of keys) await storage.put(key, Buffer.from(key));
      await storage.put('pages-other/x', Buffer.from('x'));
      expect((await collect(storage.list('pages/'))).map((o) => o.key).sort()).toEqual(keys);
      await storage.deletePrefix('pages/');
      expect(await collect(storage.list('pages/'))).toEqual([]);
      expect(await storage.stat('pages-other/x')).toBeDefined();
    } finally {
      await storage.close();
    }
  });

  it('falls back to one DeleteObject per key where DeleteObjects is not implemented', async () => {
    const storage = s3WithPageSize(1000);
    const multiDeletes: number[] = [];
    storage.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'DeleteObjectsCommand') {
          multiDeletes.push(1);
          throw Object.assign(
            new Error('A header you provided implies functionality that is not implemented'),
            {
              name: 'NotImplemented',
              $metadata: { httpStatusCode: 501 },
            },
          );
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    try {
      for (const key of ['single/1', 'single/2', 'single/3/x']) {
        await storage.put(key, Buffer.from(key));
      }
      await storage.deletePrefix('single/');
      expect(await collect(storage.list('single/'))).toEqual([]);
      await storage.put('single/again', Buffer.from('again'));
      await storage.deletePrefix('single/');
      expect(await collect(storage.list('single/'))).toEqual([]);
      // Tried once, then remembered.
      expect(multiDeletes).toHaveLength(1);
    } finally {
      await storage.close();
    }
  });

  it('requires both access key settings or neither', () => {
    expect(
      () =>
        new S3Storage({
          bucket: 'b-bucket',
          region: 'us-east-1',
          accessKeyId: 'only-this',
          forcePathStyle: false,
        }),
    ).toThrow(/together/);
  });
});
