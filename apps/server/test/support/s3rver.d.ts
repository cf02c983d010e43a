// s3rver ships no types; this declares only what the tests use.
declare module 's3rver' {
  import type { Server } from 'node:http';
  import type { AddressInfo } from 'node:net';
  import type { Readable } from 'node:stream';

  export interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }

  /** The object s3rver's store receives for a PUT: the request itself as content. */
  export interface S3rverObject {
    bucket: string;
    key: string;
    content: Buffer | Readable;
    metadata: Record<string, string>;
  }

  /** The parts of s3rver's FilesystemStore (lib/stores/filesystem.js) the tests touch. */
  export interface S3rverFilesystemStore {
    getResourcePath(bucket: string, key: string | undefined, resource: string): string;
    putMetadata(
      bucket: string,
      key: string,
      metadata: Record<string, string>,
      md5?: string,
    ): Promise<void>;
    putObject(object: S3rverObject): Promise<{ size: number; md5: string }>;
  }

  export default class S3rver {
    constructor(options?: S3rverOptions);
    readonly store: S3rverFilesystemStore;
    httpServer?: Server;
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}
