import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import type { Config } from '../config/config.js';
import { DiskStorage } from './disk-storage.js';
import { S3Storage } from './s3-storage.js';

export interface StoredObject {
  key: string;
  size: number;
  /** Epoch milliseconds. */
  modifiedAt: number;
}

/** An inclusive byte range; `end` past the last byte is clamped to it. */
export interface ByteRange {
  start: number;
  end: number;
}

export type PutBody = Buffer | NodeJS.ReadableStream | Readable;

/**
 * Where the blobs of the chat's files live: local disk by default, any S3-compatible service when
 * S3_BUCKET is set. Keys are built by the server from opaque ids, never from user input.
 */
export interface BlobStorage {
  readonly driver: 'disk' | 's3';
  /**
   * Stores the whole body under key atomically: a reader sees the old object or the complete new
   * one, never a partial one; a body stream that errors leaves nothing behind. `length` is required
   * when body is a stream (S3 needs it); a stream that yields a different number of bytes fails.
   */
  put(key: string, body: PutBody, length?: number): Promise<void>;
  /**
   * The object, or an inclusive byte range of it; undefined when missing. A range that starts past
   * the last byte rejects with a RangeError.
   */
  get(key: string, range?: ByteRange): Promise<Readable | undefined>;
  /** Convenience: whole object into memory (small objects only); undefined when missing. */
  read(key: string): Promise<Buffer | undefined>;
  stat(key: string): Promise<StoredObject | undefined>;
  /** Missing is fine (idempotent). */
  delete(key: string): Promise<void>;
  /** Removes every object whose key starts with `prefix` (which must end with '/'). Idempotent. */
  deletePrefix(prefix: string): Promise<void>;
  /** Every object under prefix (must end with '/' or be ''), any order. */
  list(prefix: string): AsyncIterable<StoredObject>;
  close(): Promise<void>;
}

export type StorageConfig = Pick<
  Config,
  | 'dataDir'
  | 'S3_BUCKET'
  | 'S3_ENDPOINT'
  | 'S3_REGION'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
  | 'S3_FORCE_PATH_STYLE'
>;

/** S3 when S3_BUCKET is set; otherwise the disk under `<dataDir>/files`. */
export function createStorage(config: StorageConfig): BlobStorage {
  if (config.S3_BUCKET) {
    return new S3Storage({
      bucket: config.S3_BUCKET,
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
  }
  return new DiskStorage(path.join(config.dataDir, 'files'));
}

export const MAX_KEY_LENGTH = 512;
/** Filesystems allow 255 bytes per name; the same limit on S3 keeps the drivers interchangeable. */
export const MAX_SEGMENT_LENGTH = 255;
const SEGMENT = /^[A-Za-z0-9._-]+$/;
/** The disk driver's temporary files live under this top-level name, so no key may use it. */
export const RESERVED_TOP_SEGMENT = '.tmp';

function invalid(what: string, value: unknown, why: string): Error {
  return new Error(`Invalid storage ${what} ${JSON.stringify(value)}: ${why}`);
}

function checkSegments(what: string, value: string, body: string): void {
  const segments = body.split('/');
  for (const segment of segments) {
    if (segment === '') throw invalid(what, value, 'empty segment');
    if (segment === '.' || segment === '..') throw invalid(what, value, `"${segment}" segment`);
    if (!SEGMENT.test(segment)) throw invalid(what, value, 'characters outside [A-Za-z0-9._-]');
    if (segment.length > MAX_SEGMENT_LENGTH) {
      throw invalid(what, value, `a segment longer than ${MAX_SEGMENT_LENGTH}`);
    }
  }
  if (segments[0] === RESERVED_TOP_SEGMENT) throw invalid(what, value, 'reserved name');
}

/**
 * `/`-separated segments of [A-Za-z0-9._-], none empty, "." or ".." or longer than 255, at most
 * 512 characters, not under the reserved ".tmp/". Keys never come from user input; this is
 * defence in depth.
 */
export function assertKey(key: string): void {
  if (typeof key !== 'string') throw invalid('key', key, 'not a string');
  if (key.length === 0) throw invalid('key', key, 'empty');
  if (key.length > MAX_KEY_LENGTH) throw invalid('key', key, `longer than ${MAX_KEY_LENGTH}`);
  checkSegments('key', key, key);
}

/** A key followed by '/', or '' (everything) when `allowEmpty`. */
export function assertPrefix(prefix: string, allowEmpty: boolean): void {
  if (typeof prefix !== 'string') throw invalid('prefix', prefix, 'not a string');
  if (prefix === '') {
    if (allowEmpty) return;
    throw invalid('prefix', prefix, 'empty');
  }
  if (prefix.length > MAX_KEY_LENGTH)
    throw invalid('prefix', prefix, `longer than ${MAX_KEY_LENGTH}`);
  if (!prefix.endsWith('/')) throw invalid('prefix', prefix, "must end with '/'");
  checkSegments('prefix', prefix, prefix.slice(0, -1));
}

export function isValidKey(key: string): boolean {
  try {
    assertKey(key);
    return true;
  } catch {
    return false;
  }
}

export function assertRange(range: ByteRange): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`Invalid byte range ${start}-${end}`);
  }
}

export function rangeNotSatisfiable(key: string, range: ByteRange, size: number): RangeError {
  return new RangeError(
    `Byte range ${range.start}-${range.end} is not satisfiable for ${key} (${size} bytes)`,
  );
}

/** Checks `length` and turns any body into a Node Readable. */
export function bodyStream(body: Exclude<PutBody, Buffer>, length: number | undefined): Readable {
  if (length === undefined) throw new Error('put: length is required when the body is a stream');
  assertLength(length);
  return body instanceof Readable ? body : new Readable().wrap(body);
}

export function assertLength(length: number): void {
  if (!Number.isSafeInteger(length) || length < 0) throw new Error(`put: invalid length ${length}`);
}

/**
 * Passes exactly `length` bytes through and fails otherwise. It holds back the latest chunk until
 * the source has ended cleanly, so whoever reads it never sees the complete body of a source that
 * errors (or turns out too long or too short): an S3 PutObject then never completes.
 */
export function exactLength(length: number): Transform {
  let seen = 0;
  let held: Buffer | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > length) {
        callback(new Error(`put: the body is longer than the declared ${length} bytes`));
        return;
      }
      const previous = held;
      held = chunk;
      callback(null, previous);
    },
    flush(callback) {
      if (seen !== length) {
        callback(new Error(`put: the body has ${seen} bytes, not the declared ${length}`));
        return;
      }
      callback(null, held);
    },
  });
}
