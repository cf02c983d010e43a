import crypto, { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import S3rver, { type S3rverFilesystemStore, type S3rverObject } from 's3rver';

export const TEST_BUCKET = 'couple-chat-test';

export interface S3Server {
  /** The S3_* settings that point the server at this instance. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * A real S3-compatible server (s3rver) on an ephemeral port, with one empty bucket, in a fresh
 * temporary directory that close() removes.
 */
export async function startS3Server(): Promise<S3Server> {
  provideSingleDes();
  const directory = await mkdtemp(path.join(os.tmpdir(), 'couple-chat-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: TEST_BUCKET }],
  });
  makePutObjectAtomic(server.store);
  let port: number;
  try {
    ({ port } = await server.run());
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    env: {
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_BUCKET: TEST_BUCKET,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
    async close() {
      // Keep-alive sockets of SDK clients would otherwise hold close() open.
      server.httpServer?.closeAllConnections();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * S3 stores an object only once its whole body has arrived, and swaps it in atomically. s3rver
 * writes the request body straight into the object's file: a request the client aborts leaves a
 * truncated object behind (and s3rver never even notices the abort), a reader can see a
 * half-written one, and it answers before the file is complete. This replaces its putObject with
 * one that keeps S3's guarantee: stage the body beside the object, check it is complete, rename.
 */
function makePutObjectAtomic(store: S3rverFilesystemStore): void {
  store.putObject = async (object: S3rverObject) => {
    const objectPath = store.getResourcePath(object.bucket, object.key, 'object');
    await mkdir(path.dirname(objectPath), { recursive: true });
    // s3rver only lists files ending in "._S3rver_object", so the staged file stays invisible.
    const staged = `${objectPath}.${randomBytes(8).toString('hex')}.staged`;
    const md5 = createHash('md5');
    let size = 0;
    const content = Buffer.isBuffer(object.content)
      ? Readable.from([object.content])
      : object.content;
    try {
      await pipeline(
        content,
        new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            md5.update(chunk);
            size += chunk.length;
            callback(null, chunk);
          },
        }),
        createWriteStream(staged, { flags: 'wx' }),
      );
      // A PUT's body is the request itself (multipart uploads assemble parts instead).
      const declared = object.metadata['content-length'];
      if (
        object.content instanceof IncomingMessage &&
        declared !== undefined &&
        Number(declared) !== size
      ) {
        throw new Error(`incomplete body: ${size} of ${declared} bytes`);
      }
      const digest = md5.digest('hex');
      await store.putMetadata(object.bucket, object.key, object.metadata, digest);
      await rename(staged, objectPath);
      return { size, md5: digest };
    } catch (error) {
      await rm(staged, { force: true });
      throw error;
    }
  };
}

/**
 * s3rver encrypts ListObjectsV2 continuation tokens with single DES, which OpenSSL 3 (Node >= 17)
 * only has in its legacy provider: every truncated listing fails with InternalError. Two-key triple
 * DES with both halves equal is single DES, and the default provider still has that.
 */
function provideSingleDes(): void {
  try {
    crypto.createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
    return; // available (legacy provider loaded), or already provided
  } catch {}
  type Factory = (algorithm: string, key: Buffer, iv: Buffer, ...rest: unknown[]) => unknown;
  const cipher = crypto.createCipheriv as unknown as Factory;
  const decipher = crypto.createDecipheriv as unknown as Factory;
  const asDesEde =
    (create: Factory): Factory =>
    (algorithm, key, iv, ...rest) =>
      algorithm.toLowerCase() === 'des'
        ? create('des-ede-cbc', Buffer.concat([key, key]), iv)
        : create(algorithm, key, iv, ...rest);
  Object.assign(crypto, {
    createCipheriv: asDesEde(cipher),
    createDecipheriv: asDesEde(decipher),
  });
}
