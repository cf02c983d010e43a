import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
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
  rangeNotSatisfiable,
  type StoredObject,
} from './storage.js';

export interface S3StorageOptions {
  bucket: string;
  /** Any S3-compatible service; AWS itself when omitted. */
  endpoint?: string | undefined;
  region: string;
  /** Both or neither; without them the SDK's default credential chain applies. */
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  forcePathStyle: boolean;
  /** Keys per ListObjectsV2 page, 1..1000 (S3's maximum and default). */
  pageSize?: number;
}

/** The largest batch DeleteObjects accepts. */
const DELETE_BATCH = 1000;
/** Parallel DeleteObject calls when the service has no DeleteObjects. */
const SINGLE_DELETE_CONCURRENCY = 8;

interface ServiceError {
  name?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

function serviceError(error: unknown): ServiceError {
  return typeof error === 'object' && error !== null ? (error as ServiceError) : {};
}

function isMissing(error: unknown): boolean {
  const e = serviceError(error);
  if (e.name === 'NoSuchBucket') return false; // misconfiguration, not a missing object
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}

function isInvalidRange(error: unknown): boolean {
  const e = serviceError(error);
  return e.name === 'InvalidRange' || e.$metadata?.httpStatusCode === 416;
}

function isNotImplemented(error: unknown): boolean {
  const e = serviceError(error);
  return e.name === 'NotImplemented' || e.$metadata?.httpStatusCode === 501;
}

/** `bytes 0-9/100` → { start: 0, end: 9 }. */
function parseContentRange(header: string | undefined): { start: number; end: number } | undefined {
  const match = header ? /^bytes (\d+)-(\d+)\/(?:\d+|\*)$/.exec(header.trim()) : null;
  if (!match) return undefined;
  return { start: Number(match[1]), end: Number(match[2]) };
}

/** Bytes [skip, skip + take) of `source`; stops reading (and destroys the source) once done. */
function slice(source: Readable, skip: number, take: number): Readable {
  async function* bytes(): AsyncGenerator<Buffer> {
    let toSkip = skip;
    let toTake = take;
    if (toTake <= 0) return;
    for await (const raw of source) {
      let chunk = raw as Buffer;
      if (toSkip > 0) {
        if (chunk.length <= toSkip) {
          toSkip -= chunk.length;
          continue;
        }
        chunk = chunk.subarray(toSkip);
        toSkip = 0;
      }
      if (chunk.length >= toTake) {
        yield chunk.subarray(0, toTake);
        return;
      }
      toTake -= chunk.length;
      yield chunk;
    }
  }
  return Readable.from(bytes(), { objectMode: false });
}

/**
 * Blobs as objects in one bucket of any S3-compatible service, keys unchanged. PutObject is atomic
 * on S3: an object appears only once its whole declared length has arrived.
 */
export class S3Storage implements BlobStorage {
  readonly driver = 's3' as const;
  readonly client: S3Client;
  readonly bucket: string;
  private readonly pageSize: number;
  /** Cleared when the service answers DeleteObjects with NotImplemented (e.g. GCS's XML API). */
  private multiDelete = true;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.pageSize = Math.min(1000, Math.max(1, Math.floor(options.pageSize ?? 1000)));
    if (Boolean(options.accessKeyId) !== Boolean(options.secretAccessKey)) {
      throw new Error('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together');
    }
    const config: S3ClientConfig = {
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      // Checksums only where S3 requires them: many S3-compatible services reject or mis-store the
      // aws-chunked trailing-checksum bodies the SDK would otherwise send for PutObject.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    };
    if (options.endpoint) config.endpoint = options.endpoint;
    if (options.accessKeyId && options.secretAccessKey) {
      config.credentials = {
        accessKeyId: options.accessKeyId,
        secretAccessKey: options.secretAccessKey,
      };
    }
    this.client = new S3Client(config);
  }

  async put(key: string, body: PutBody, length?: number): Promise<void> {
    assertKey(key);
    if (Buffer.isBuffer(body)) {
      if (length !== undefined) {
        assertLength(length);
        if (length !== body.length) {
          throw new Error(`put: length ${length} does not match the ${body.length}-byte buffer`);
        }
      }
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentLength: body.length,
        }),
      );
      return;
    }
    const source = bodyStream(body, length);
    const declared = length as number;
    // The SDK pipes the body into the request and ignores its errors (the request would just hang),
    // so a failing body aborts the request; exactLength() holds the last bytes back until the
    // source has ended cleanly, so S3 never receives a complete body from a failing source.
    const gated = exactLength(declared);
    const abort = new AbortController();
    let bodyError: unknown;
    pipeline(source, gated).catch((error: unknown) => {
      bodyError ??= error;
      abort.abort(error);
    });
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: gated,
          ContentLength: declared,
        }),
        { abortSignal: abort.signal },
      );
    } catch (error) {
      gated.destroy();
      throw bodyError ?? error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable | undefined> {
    assertKey(key);
    if (range) assertRange(range);
    let response: GetObjectCommandOutput;
    try {
      response = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Range: range ? `bytes=${range.start}-${range.end}` : undefined,
        }),
      );
    } catch (error) {
      if (isMissing(error)) return undefined;
      if (range && isInvalidRange(error)) {
        const size = (await this.stat(key))?.size ?? 0;
        throw rangeNotSatisfiable(key, range, size);
      }
      throw error;
    }
    const body: unknown = response.Body;
    if (!(body instanceof Readable)) throw new Error('S3 GetObject returned no Node stream');
    if (!range) return body;
    // Some S3-compatible services ignore or widen a range (s3rver answers bytes=0-0 with the whole
    // object): trim whatever came back to the range that was asked for.
    const served = parseContentRange(response.ContentRange) ?? { start: 0, end: Number.NaN };
    const wantedEnd = Number.isNaN(served.end) ? range.end : Math.min(range.end, served.end);
    if (served.start === range.start && served.end === wantedEnd) return body;
    if (served.start > range.start) {
      body.destroy();
      throw new Error(`S3 served bytes from ${served.start}, not ${range.start}, for ${key}`);
    }
    return slice(body, range.start - served.start, wantedEnd - range.start + 1);
  }

  async read(key: string): Promise<Buffer | undefined> {
    const stream = await this.get(key);
    return stream ? buffer(stream) : undefined;
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    assertKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        key,
        size: head.ContentLength ?? 0,
        modifiedAt: head.LastModified?.getTime() ?? 0,
      };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    assertPrefix(prefix, false);
    // Every key under the prefix, including ones this module would not have written.
    for await (const keys of this.pages(prefix)) {
      for (let i = 0; i < keys.length; i += DELETE_BATCH) {
        await this.deleteKeys(keys.slice(i, i + DELETE_BATCH));
      }
    }
  }

  private async deleteKeys(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    if (this.multiDelete) {
      try {
        const result = await this.client.send(
          new DeleteObjectsCommand({
            Bucket: this.bucket,
            Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
          }),
        );
        const failures = (result.Errors ?? []).filter((e) => e.Code !== 'NoSuchKey');
        if (failures.length > 0) {
          const first = failures[0];
          throw new Error(
            `S3 DeleteObjects failed for ${failures.length} key(s), e.g. ${first?.Key}: ${first?.Code} ${first?.Message}`,
          );
        }
        return;
      } catch (error) {
        if (!isNotImplemented(error)) throw error;
        this.multiDelete = false;
      }
    }
    for (let i = 0; i < keys.length; i += SINGLE_DELETE_CONCURRENCY) {
      await Promise.all(
        keys.slice(i, i + SINGLE_DELETE_CONCURRENCY).map(async (Key) => {
          try {
            await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key }));
          } catch (error) {
            if (!isMissing(error)) throw error;
          }
        }),
      );
    }
  }

  /** ListObjectsV2 pages under prefix ('' = the whole bucket), as raw objects. */
  private async *listPages(prefix: string) {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix === '' ? undefined : prefix,
          ContinuationToken: token,
          MaxKeys: this.pageSize,
        }),
      );
      yield page.Contents ?? [];
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  private async *pages(prefix: string): AsyncGenerator<string[]> {
    for await (const contents of this.listPages(prefix)) {
      yield contents.flatMap((o) => (o.Key ? [o.Key] : []));
    }
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    assertPrefix(prefix, true);
    for await (const contents of this.listPages(prefix)) {
      for (const object of contents) {
        // Skip what this module never writes (e.g. "folder/" markers made by consoles).
        if (!object.Key || !isValidKey(object.Key)) continue;
        yield {
          key: object.Key,
          size: object.Size ?? 0,
          modifiedAt: object.LastModified?.getTime() ?? 0,
        };
      }
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
