import { randomUUID } from 'node:crypto';
import { UPLOADS_PATH } from '@couple-chat/protocol';
import { afterAll, beforeAll, expect } from 'vitest';
import { testDatabases } from './databases.js';
import { replyTo } from './messages.js';
import type { RealtimeVariant } from './realtime.js';
import { startS3Server } from './s3.js';
import type { WsClient } from './ws-client.js';

/** A device's HTTP client, as far as uploads need it. */
export interface Device {
  client: { baseUrl: string; sessionCookie?: string };
}

export interface FileVariant extends RealtimeVariant {
  storage: 'disk' | 's3';
}

/**
 * Every database on both storage drivers (PostgreSQL fanning out through Redis when
 * TEST_REDIS_URL is set): the disk under DATA_DIR and a real S3-compatible server (s3rver).
 */
export function fileVariants(): FileVariant[] {
  const redisUrl = process.env.TEST_REDIS_URL;
  return testDatabases().flatMap((database) => {
    const base: RealtimeVariant =
      database.name === 'postgres' && redisUrl
        ? { name: 'postgres + redis', database, redisUrl }
        : { name: database.name, database };
    return (['disk', 's3'] as const).map((storage) => ({
      ...base,
      name: `${base.name}, ${storage}`,
      storage,
    }));
  });
}

/**
 * The variant's storage for the enclosing `describe`: s3rver is started before the app (its S3_*
 * settings land in the returned env, which the app reads as it starts) and stopped after it.
 */
export function storageFor(
  variant: FileVariant,
  base: Record<string, string> = {},
): Record<string, string> {
  const env = { ...base };
  let stop = async () => {};
  beforeAll(async () => {
    const started = await storageEnv(variant);
    Object.assign(env, started.env);
    stop = started.stop;
  });
  afterAll(() => stop());
  return env;
}

/** Starts s3rver for an S3 variant; returns the env for the app and a stop function. */
export async function storageEnv(variant: FileVariant) {
  if (variant.storage === 'disk') return { env: {}, stop: async () => {} };
  const s3 = await startS3Server();
  return { env: s3.env, stop: () => s3.close() };
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** A raw tus request from a device (fetch, so the test controls every header and byte). */
export async function tus(
  device: Device,
  method: 'POST' | 'HEAD' | 'PATCH' | 'DELETE' | 'OPTIONS',
  url: string,
  headers: Record<string, string> = {},
  body?: Buffer,
) {
  const res = await fetch(device.client.baseUrl + url, {
    method,
    headers: {
      'tus-resumable': '1.0.0',
      ...(device.client.sessionCookie
        ? { cookie: `cc_session=${device.client.sessionCookie}` }
        : {}),
      ...(body ? { 'content-type': 'application/offset+octet-stream' } : {}),
      ...headers,
    },
    body: body ? new Uint8Array(body) : undefined,
  });
  const text = method === 'HEAD' ? '' : await res.text();
  const json =
    res.headers.get('content-type')?.includes('application/json') && text
      ? JSON.parse(text)
      : undefined;
  return { status: res.status, headers: res.headers, body: json as any };
}

/** tus creation: the response, and the new upload's id when it was created. */
export async function createUpload(
  device: Device,
  length: number,
  metadata: { filename?: string; filetype?: string } = { filename: 'file.bin' },
) {
  const pairs = Object.entries(metadata).map(([k, v]) => `${k} ${b64(v ?? '')}`);
  const res = await tus(device, 'POST', UPLOADS_PATH, {
    'upload-length': String(length),
    ...(pairs.length > 0 ? { 'upload-metadata': pairs.join(',') } : {}),
  });
  const location = res.headers.get('location');
  return { ...res, id: location?.split('/').at(-1) };
}

/** Uploads a whole file in PATCHes of `piece` bytes; returns the last response and the id. */
export async function upload(
  device: Device,
  bytes: Buffer,
  filename: string,
  options: { filetype?: string; piece?: number } = {},
) {
  const created = await createUpload(device, bytes.length, {
    filename,
    ...(options.filetype ? { filetype: options.filetype } : {}),
  });
  if (created.status !== 201 || !created.id) return { ...created, id: undefined };
  const piece = options.piece ?? bytes.length;
  let last = created;
  for (let at = 0; at < bytes.length; at += piece) {
    const res = await tus(
      device,
      'PATCH',
      `${UPLOADS_PATH}/${created.id}`,
      { 'upload-offset': String(at) },
      bytes.subarray(at, at + piece),
    );
    last = { ...res, id: created.id };
    if (res.status !== 204) return last;
  }
  return last;
}

/** Uploads a file that must be accepted; returns its attachment id. */
export async function uploadOk(
  device: Device,
  bytes: Buffer,
  filename: string,
  options: { filetype?: string; piece?: number } = {},
): Promise<string> {
  const res = await upload(device, bytes, filename, options);
  expect(res.status, JSON.stringify(res.body)).toBe(204);
  expect(res.headers.get('upload-offset')).toBe(String(bytes.length));
  return res.id as string;
}

/** Sends `message.send.files` and returns the server's answer (an ack or an error). */
export function sendFiles(
  ws: WsClient,
  attachmentIds: string[],
  body = '',
  messageId: string = randomUUID(),
) {
  const from = ws.frames.length;
  ws.send({ type: 'message.send.files', messageId, body, attachmentIds });
  return replyTo(ws, messageId, from);
}

/** GET of a rendition, with the bytes. */
export async function fetchFile(device: Device, url: string, headers: Record<string, string> = {}) {
  const res = await fetch(device.client.baseUrl + url, {
    headers: {
      ...(device.client.sessionCookie
        ? { cookie: `cc_session=${device.client.sessionCookie}` }
        : {}),
      ...headers,
    },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}
