import { randomBytes } from 'node:crypto';
import { createWriteStream, type Dirent } from 'node:fs';
import {
  lstat,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  rmdir,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  assertKey,
  assertLength,
  assertPrefix,
  assertRange,
  type BlobStorage,
  type ByteRange,
  bodyStream,
  exactLength,
  isValidKey,
  type PutBody,
  RESERVED_TOP_SEGMENT,
  rangeNotSatisfiable,
  type StoredObject,
} from './storage.js';

/** Codes meaning "there is no object at this path". */
const ABSENT = new Set(['ENOENT', 'ENOTDIR']);

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function isAbsent(error: unknown): boolean {
  return ABSENT.has(errorCode(error) ?? '');
}

/**
 * Blobs as files under `root`, one file per key (`a/b/c` → `<root>/a/b/c`). Writes go to a
 * temporary file in `<root>/.tmp/` (same filesystem), are flushed, then renamed into place, so a
 * reader sees the old file or the complete new one. A key cannot be both an object and a prefix of
 * another object's key here (`a/b` and `a/b/c`); the server never builds keys like that.
 */
export class DiskStorage implements BlobStorage {
  readonly driver = 'disk' as const;
  readonly root: string;
  readonly tmpDir: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.tmpDir = path.join(this.root, RESERVED_TOP_SEGMENT);
  }

  private pathOf(key: string): string {
    assertKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, body: PutBody, length?: number): Promise<void> {
    const target = this.pathOf(key);
    const source = Buffer.isBuffer(body) ? undefined : bodyStream(body, length);
    if (Buffer.isBuffer(body) && length !== undefined) {
      assertLength(length);
      if (length !== body.length) {
        throw new Error(`put: length ${length} does not match the ${body.length}-byte buffer`);
      }
    }
    await mkdir(this.tmpDir, { recursive: true });
    const temporary = path.join(this.tmpDir, `${randomBytes(12).toString('hex')}.part`);
    try {
      if (source) {
        await pipeline(
          source,
          exactLength(length as number),
          createWriteStream(temporary, { flags: 'wx', flush: true }),
        );
      } else {
        await writeFile(temporary, body as Buffer, { flag: 'wx', flush: true });
      }
      await this.moveIntoPlace(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  /** A concurrent delete may prune the parent directory between mkdir and rename: retry then. */
  private async moveIntoPlace(temporary: string, target: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await mkdir(path.dirname(target), { recursive: true });
      try {
        await rename(temporary, target);
        return;
      } catch (error) {
        if (errorCode(error) !== 'ENOENT' || attempt >= 5) throw error;
      }
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable | undefined> {
    const file = this.pathOf(key);
    if (range) assertRange(range);
    // Opening first means a missing object is reported here, and the stream keeps reading the
    // object it opened even if a put replaces it or a delete removes it meanwhile.
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(file, 'r');
    } catch (error) {
      if (isAbsent(error)) return undefined;
      throw error;
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) {
        await handle.close();
        return undefined;
      }
      if (range && range.start >= info.size) {
        throw rangeNotSatisfiable(key, range, info.size);
      }
      return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async read(key: string): Promise<Buffer | undefined> {
    const file = this.pathOf(key);
    try {
      return await readFile(file);
    } catch (error) {
      if (isAbsent(error) || errorCode(error) === 'EISDIR') return undefined;
      throw error;
    }
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    const file = this.pathOf(key);
    try {
      const info = await stat(file);
      if (!info.isFile()) return undefined;
      return { key, size: info.size, modifiedAt: Math.floor(info.mtimeMs) };
    } catch (error) {
      if (isAbsent(error)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    try {
      await unlink(file);
    } catch (error) {
      // EISDIR/EPERM: the key names a "directory" of other objects, not an object.
      const code = errorCode(error);
      if (isAbsent(error) || code === 'EISDIR' || code === 'EPERM') return;
      throw error;
    }
    await this.pruneEmptyParents(path.dirname(file));
  }

  async deletePrefix(prefix: string): Promise<void> {
    assertPrefix(prefix, false);
    // A valid prefix ends with '/', so exactly the objects under this directory match it.
    const dir = path.join(this.root, ...prefix.slice(0, -1).split('/'));
    try {
      if (!(await lstat(dir)).isDirectory()) return;
    } catch (error) {
      if (isAbsent(error)) return;
      throw error;
    }
    await rm(dir, { recursive: true, force: true });
    await this.pruneEmptyParents(path.dirname(dir));
  }

  /** Removes now-empty directories from `dir` up to (not including) the root. Best effort. */
  private async pruneEmptyParents(dir: string): Promise<void> {
    let current = dir;
    while (current.startsWith(this.root + path.sep)) {
      try {
        await rmdir(current);
      } catch {
        return; // not empty (or already gone, or in use by a concurrent put): stop
      }
      current = path.dirname(current);
    }
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    assertPrefix(prefix, true);
    const segments = prefix === '' ? [] : prefix.slice(0, -1).split('/');
    yield* this.walk(path.join(this.root, ...segments), prefix);
  }

  private async *walk(dir: string, keyPrefix: string): AsyncGenerator<StoredObject> {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isAbsent(error)) return;
      throw error;
    }
    for (const entry of entries) {
      if (keyPrefix === '' && entry.name === RESERVED_TOP_SEGMENT) continue;
      const key = `${keyPrefix}${entry.name}`;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        yield* this.walk(full, `${key}/`);
      } else if (entry.isFile() && isValidKey(key)) {
        let info: Awaited<ReturnType<typeof stat>>;
        try {
          info = await stat(full);
        } catch (error) {
          if (isAbsent(error)) continue; // deleted while we walk
          throw error;
        }
        yield { key, size: info.size, modifiedAt: Math.floor(info.mtimeMs) };
      }
    }
  }

  /**
   * Removes temporary files older than `olderThanMs` (by modification time: a write in progress
   * keeps touching its file) that a crash or kill left behind. Returns how many it removed.
   */
  async sweepTemporary(olderThanMs: number): Promise<number> {
    if (!Number.isFinite(olderThanMs) || olderThanMs < 0) {
      throw new Error(`sweepTemporary: invalid age ${olderThanMs}`);
    }
    let names: string[];
    try {
      names = await readdir(this.tmpDir);
    } catch (error) {
      if (isAbsent(error)) return 0;
      throw error;
    }
    const cutoff = Date.now() - olderThanMs;
    let removed = 0;
    for (const name of names) {
      const full = path.join(this.tmpDir, name);
      try {
        const info = await lstat(full);
        if (info.mtimeMs >= cutoff) continue;
        await rm(full, { recursive: true, force: true });
        removed++;
      } catch (error) {
        if (!isAbsent(error)) throw error;
      }
    }
    return removed;
  }

  async close(): Promise<void> {}
}
