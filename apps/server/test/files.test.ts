import http from 'node:http';
import { type AttachmentDto, attachmentUrl, UPLOADS_PATH } from '@couple-chat/protocol';
import sharp from 'sharp';
import * as tusClient from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../src/lib/clock.js';
import { couplePrefix } from '../src/storage/blob-keys.js';
import { coupleRows } from './support/couple-rows.js';
import { createCouple, signUp, type TestCouple } from './support/factories.js';
import {
  animatedGif,
  EXIF_MARKER,
  jpegWithGps,
  mp4WithGps,
  pdf,
  png,
} from './support/media-fixtures.js';
import { eventsThrough, sendOk } from './support/messages.js';
import { chattingCouple, realtimeApp, twoInstances } from './support/realtime.js';
import type { TestApp } from './support/test-app.js';
import {
  createUpload,
  fetchFile,
  fileVariants,
  sendFiles,
  storageFor,
  tus,
  upload,
  uploadOk,
} from './support/uploads.js';
import { waitFor } from './support/wait.js';
import type { WsClient } from './support/ws-client.js';

/** Small limits, so every limit can be reached with small files. */
const LIMITS = {
  UPLOAD_MAX_FILE_MB: '1',
  UPLOAD_MAX_FILES_PER_MESSAGE: '3',
  COUPLE_STORAGE_QUOTA_MB: '2',
  IMAGE_MAX_MEGAPIXELS: '1',
};
const MB = 1024 * 1024;

describe.each(fileVariants())('files in the chat on $name', (variant) => {
  const rt = realtimeApp(variant, { env: storageFor(variant, LIMITS) });
  let t: TestApp;
  beforeAll(() => {
    t = rt.t();
  });

  /** The blobs stored under the couple's prefix, whichever the driver. */
  const blobsOf = async (coupleId: string) => {
    const keys: string[] = [];
    for await (const o of t.storage.list(couplePrefix(coupleId))) keys.push(o.key);
    return keys.sort();
  };
  const rowsOf = (c: TestCouple) => coupleRows(t.database.db, c.coupleId);
  /** The message.created event the partner's socket got for this message. */
  const receivedBy = async (ws: WsClient, seq: number) => {
    const events = await eventsThrough(ws, seq);
    const event = events.find((e) => e.seq === seq)?.event;
    if (event?.type !== 'message.created') throw new Error(`no message at ${seq}`);
    return event.message;
  };
  const storageUsed = async (c: TestCouple) =>
    (await c.a.client.get('/api/storage')).body.usedBytes;

  it('sends a photo: B sees it live, served without any EXIF or GPS, with a thumbnail and a placeholder', async () => {
    const { c, a, b } = await chat();
    const photo = await jpegWithGps(640, 480);
    expect((await sharp(photo).metadata()).exif?.includes(Buffer.from(EXIF_MARKER))).toBe(true);
    const id = await uploadOk(c.a, photo, 'IMG_0001.JPG', { filetype: 'image/jpeg', piece: 3000 });
    const ack = await sendOkFiles(a, [id], '오늘 사진');

    const message = await receivedBy(b, ack.seq);
    expect(message.body).toBe('오늘 사진');
    const [shown] = message.attachments as [AttachmentDto];
    expect(shown).toMatchObject({
      id,
      kind: 'image',
      name: 'IMG_0001.JPG',
      mime: 'image/jpeg',
      width: 640,
      height: 480,
      animated: false,
      durationMs: null,
    });
    expect(shown.variants.sort()).toEqual(['preview', 'thumb']);
    expect(shown.placeholder).toMatch(/^[A-Za-z0-9+/=]{10,}$/);

    const original = await fetchFile(c.b, attachmentUrl(id));
    expect(original.status).toBe(200);
    expect(original.headers.get('content-type')).toBe('image/jpeg');
    expect(original.bytes.length).toBe(shown.size);
    const meta = await sharp(original.bytes).metadata();
    expect([meta.width, meta.height, meta.exif, meta.xmp, meta.iptc]).toEqual([
      640,
      480,
      undefined,
      undefined,
      undefined,
    ]);
    expect(original.bytes.includes(Buffer.from(EXIF_MARKER))).toBe(false);
    expect(original.headers.get('cache-control')).toBe('private, no-cache');
    expect(original.headers.get('x-content-type-options')).toBe('nosniff');
    expect(original.headers.get('content-security-policy')).toContain('sandbox');
    expect(original.headers.get('content-disposition')).toMatch(/^inline;/);

    for (const variant of ['thumb', 'preview'] as const) {
      const res = await fetchFile(c.b, attachmentUrl(id, variant));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/webp');
      const m = await sharp(res.bytes).metadata();
      expect(m.exif).toBeUndefined();
      expect(Math.max(m.width ?? 0, m.height ?? 0)).toBeLessThanOrEqual(
        variant === 'thumb' ? 400 : 1600,
      );
    }
    // Unchanged bytes are not sent again.
    const etag = original.headers.get('etag') as string;
    expect((await fetchFile(c.b, attachmentUrl(id), { 'if-none-match': etag })).status).toBe(304);
    // The history carries the same attachments as the live event.
    const history = await c.b.client.get('/api/messages?limit=10');
    expect(history.body.messages.at(-1).attachments).toEqual([shown]);
  });

  it('applies the EXIF orientation, so a portrait photo stays portrait', async () => {
    const { c, a } = await chat();
    const rotated = await jpegWithGps(600, 400, { orientation: 6 });
    expect((await sharp(rotated).metadata()).orientation).toBe(6);
    const id = await uploadOk(c.a, rotated, 'p.jpg');
    await sendOkFiles(a, [id]);
    const res = await fetchFile(c.b, attachmentUrl(id));
    const meta = await sharp(res.bytes).metadata();
    expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([400, 600, 1]);
  });

  it('keeps an animated GIF animated', async () => {
    const { c, a, b } = await chat();
    const id = await uploadOk(c.a, await animatedGif(), 'dance.gif');
    const ack = await sendOkFiles(a, [id]);
    expect((await receivedBy(b, ack.seq)).attachments[0]).toMatchObject({
      mime: 'image/gif',
      animated: true,
      width: 40,
      height: 30,
    });
    for (const v of ['original', 'preview'] as const) {
      const res = await fetchFile(c.b, attachmentUrl(id, v));
      expect((await sharp(res.bytes, { animated: true }).metadata()).pages, v).toBe(2);
    }
  });

  it('sends a bundle of photos and a PDF with a Korean name, downloaded under that name', async () => {
    const { c, a, b } = await chat();
    const ids = [
      await uploadOk(c.a, await png(300, 200), 'a.png'),
      await uploadOk(c.a, await png(200, 300), 'b.png'),
      await uploadOk(c.a, pdf(), '여행 계획 (최종).pdf', { filetype: 'application/pdf' }),
    ];
    const ack = await sendOkFiles(a, ids);
    const message = await receivedBy(b, ack.seq);
    expect(message.attachments.map((x) => [x.id, x.kind])).toEqual([
      [ids[0], 'image'],
      [ids[1], 'image'],
      [ids[2], 'file'],
    ]);
    const file = await fetchFile(c.b, attachmentUrl(ids[2] as string));
    expect(file.status).toBe(200);
    expect(file.bytes.equals(pdf())).toBe(true);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    const disposition = file.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe('여행 계획 (최종).pdf');
    // A photo asked for as a download comes as an attachment too.
    const asDownload = await fetchFile(
      c.b,
      attachmentUrl(ids[0] as string, 'original', { download: true }),
    );
    expect(asDownload.headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it('sends a video: metadata boxes (the location) removed, duration read, seekable by range, poster kept', async () => {
    const { c, a, b } = await chat();
    const video = mp4WithGps();
    expect(video.includes(Buffer.from('\u00a9xyz', 'latin1'))).toBe(true);
    const id = await uploadOk(c.a, video, 'clip.mp4', { filetype: 'video/mp4' });
    const poster = await sharp({
      create: { width: 320, height: 180, channels: 3, background: '#222' },
    })
      .jpeg()
      .toBuffer();
    const put = await c.a.client.put(`/api/attachments/${id}/poster`, poster, {
      'content-type': 'image/jpeg',
    });
    expect(put.status, JSON.stringify(put.body)).toBe(204);
    const ack = await sendOkFiles(a, [id]);
    const [shown] = (await receivedBy(b, ack.seq)).attachments as [AttachmentDto];
    expect(shown).toMatchObject({
      kind: 'video',
      mime: 'video/mp4',
      durationMs: 2500,
      width: 1280,
      height: 720,
    });
    expect(shown.variants).toEqual(['poster']);

    const served = await fetchFile(c.b, attachmentUrl(id));
    expect(served.bytes.length).toBe(video.length);
    expect(served.bytes.includes(Buffer.from('+37.5665+126.9780'))).toBe(false);
    expect(served.bytes.includes(Buffer.from('\u00a9xyz', 'latin1'))).toBe(false);
    expect(served.bytes.subarray(-100).equals(video.subarray(-100))).toBe(true);

    const part = await fetchFile(c.b, attachmentUrl(id), { range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${video.length}`);
    expect(part.bytes.equals(served.bytes.subarray(100, 200))).toBe(true);
    const tail = await fetchFile(c.b, attachmentUrl(id), { range: 'bytes=-10' });
    expect(tail.bytes.equals(video.subarray(-10))).toBe(true);
    const beyond = await fetchFile(c.b, attachmentUrl(id), { range: `bytes=${video.length}-` });
    expect(beyond.status).toBe(416);

    const posterRes = await fetchFile(c.b, attachmentUrl(id, 'poster'));
    expect(posterRes.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(posterRes.bytes).metadata()).width).toBe(320);
  });

  it('resumes an upload cut off mid-request from the last stored byte', async () => {
    const { c, a } = await chat();
    const bytes = Buffer.concat([pdf(), Buffer.alloc(600_000, 3)]);
    const created = await createUpload(c.a, bytes.length, { filename: 'big.pdf' });
    expect(created.status).toBe(201);
    const url = `${UPLOADS_PATH}/${created.id}`;
    // Half the bytes, then the connection drops.
    await cutOffPatch(c.a.client.sessionCookie as string, url, bytes.subarray(0, 300_000));
    const head = await waitForOffset(c, url, 300_000);
    expect(head.headers.get('upload-length')).toBe(String(bytes.length));
    const rest = await tus(
      c.a,
      'PATCH',
      url,
      { 'upload-offset': '300000' },
      bytes.subarray(300_000),
    );
    expect(rest.status).toBe(204);
    expect(rest.headers.get('upload-offset')).toBe(String(bytes.length));
    await sendOkFiles(a, [created.id as string]);
    expect((await fetchFile(c.b, attachmentUrl(created.id as string))).bytes.equals(bytes)).toBe(
      true,
    );
  });

  it('refuses, before any byte is sent, an empty file, a file over the limit and one over the quota', async () => {
    const { c } = await chat();
    const empty = await createUpload(c.a, 0, { filename: 'empty.txt' });
    expect([empty.status, empty.body.error.code]).toEqual([400, 'file_empty']);
    const big = await createUpload(c.a, MB + 1, { filename: 'big.bin' });
    expect([big.status, big.body.error.code]).toEqual([413, 'file_too_large']);
    // The quota (2 MB) holds what uploads in progress announced.
    const first = await createUpload(c.a, MB, { filename: 'one.bin' });
    const second = await createUpload(c.b, MB, { filename: 'two.bin' });
    expect([first.status, second.status]).toEqual([201, 201]);
    const third = await createUpload(c.a, 10, { filename: 'three.bin' });
    expect([third.status, third.body.error.code]).toEqual([413, 'storage_quota_exceeded']);
    expect(await c.a.client.get('/api/storage')).toMatchObject({
      status: 200,
      body: { usedBytes: 2 * MB, quotaBytes: 2 * MB, maxFileBytes: MB, maxFilesPerMessage: 3 },
    });
    // Cancelling gives the quota back and removes what was stored.
    await tus(
      c.a,
      'PATCH',
      `${UPLOADS_PATH}/${first.id}`,
      { 'upload-offset': '0' },
      Buffer.alloc(1000),
    );
    expect((await tus(c.a, 'DELETE', `${UPLOADS_PATH}/${first.id}`)).status).toBe(204);
    expect((await tus(c.b, 'DELETE', `${UPLOADS_PATH}/${second.id}`)).status).toBe(204);
    expect(await storageUsed(c)).toBe(0);
    expect(await blobsOf(c.coupleId)).toEqual([]);
    expect((await rowsOf(c)).attachments).toEqual([]);
  });

  it.each([
    [
      'HTML named .jpg',
      () => Buffer.from('<!doctype html><script>alert(1)</script>'),
      'cat.jpg',
      415,
      'file_type_mismatch',
    ],
    [
      'SVG with a script named .jpg',
      () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'cat.jpg',
      415,
      'file_type_mismatch',
    ],
    [
      'a GIF/JavaScript polyglot',
      () => Buffer.from('GIF89a/*\x00\x00\x00\x00*/=1;alert(document.cookie)//'),
      'x.gif',
      'refused',
      '',
    ],
    [
      'a truncated JPEG',
      async () => (await jpegWithGps(640, 480)).subarray(0, 900),
      'cut.jpg',
      422,
      'file_unreadable',
    ],
    ['a pixel bomb', () => png(1200, 1000), 'bomb.png', 422, 'image_too_large'],
  ] as const)(
    'refuses %s with a clear error and stores nothing',
    async (_label, make, name, status, code) => {
      const { c } = await chat();
      const res = await upload(c.a, await make(), name);
      if (status === 'refused') expect(res.status).toBeGreaterThanOrEqual(400);
      else expect([res.status, res.body?.error?.code]).toEqual([status, code]);
      expect(res.body?.error?.message).toEqual(expect.any(String));
      expect((await rowsOf(c)).attachments).toEqual([]);
      expect(await blobsOf(c.coupleId)).toEqual([]);
      expect(await storageUsed(c)).toBe(0);
    },
  );

  it('keeps an HTML or SVG file sent as a file a download, never a page', async () => {
    const { c, a } = await chat();
    const html = Buffer.from('<!doctype html><script>alert(1)</script>');
    const id = await uploadOk(c.a, html, 'notes.html');
    await sendOkFiles(a, [id]);
    const res = await fetchFile(c.b, attachmentUrl(id));
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(res.headers.get('content-type')).not.toMatch(/html|svg/);
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('keeps a name with ../ and control characters for display only', async () => {
    const { c, a, b } = await chat();
    const id = await uploadOk(c.a, pdf(), '../../etc/\u0000pass\u202Ewd\r\n.pdf');
    const ack = await sendOkFiles(a, [id]);
    const [shown] = (await receivedBy(b, ack.seq)).attachments as [AttachmentDto];
    // Path and controls gone; the line break reads as a space.
    expect(shown.name).toBe('passwd .pdf');
    expect(
      (await blobsOf(c.coupleId)).every((k) => k.startsWith(couplePrefix(c.coupleId) + id)),
    ).toBe(true);
  });

  it('speaks tus precisely: offsets, versions, content types, metadata and more bytes than announced', async () => {
    const { c } = await chat();
    const created = await createUpload(c.a, 100, { filename: 'x.bin' });
    const url = `${UPLOADS_PATH}/${created.id}`;
    const wrongOffset = await tus(c.a, 'PATCH', url, { 'upload-offset': '50' }, Buffer.alloc(10));
    expect([
      wrongOffset.status,
      wrongOffset.body.error.code,
      wrongOffset.headers.get('upload-offset'),
    ]).toEqual([409, 'upload_offset_mismatch', '0']);
    const noVersion = await tus(c.a, 'HEAD', url, { 'tus-resumable': '0.2.2' });
    expect(noVersion.status).toBe(400);
    const wrongType = await tus(
      c.a,
      'PATCH',
      url,
      { 'upload-offset': '0', 'content-type': 'application/json' },
      Buffer.from('{}'),
    );
    expect(wrongType.status).toBe(415);
    const noName = await tus(c.a, 'POST', UPLOADS_PATH, { 'upload-length': '10' });
    expect([noName.status, noName.body.error.code]).toEqual([400, 'validation_failed']);
    const tooMany = await tus(c.a, 'PATCH', url, { 'upload-offset': '0' }, Buffer.alloc(150));
    expect([tooMany.status, tooMany.body.error.code]).toEqual([413, 'payload_too_large']);
    const options = await tus(c.a, 'OPTIONS', UPLOADS_PATH);
    expect(options.headers.get('tus-extension')).toBe('creation,termination');
    expect(options.headers.get('tus-max-size')).toBe(String(MB));
  });

  it('sends only complete uploads of the sender, each in one message, at most the configured number', async () => {
    const { c, a, b } = await chat();
    const done = await uploadOk(c.a, await png(), 'done.png');
    const halfway = await createUpload(c.a, 1000, { filename: 'half.bin' });
    await tus(
      c.a,
      'PATCH',
      `${UPLOADS_PATH}/${halfway.id}`,
      { 'upload-offset': '0' },
      Buffer.alloc(10),
    );
    const partners = await uploadOk(c.b, await png(), 'partner.png');
    const before = await rowsOf(c);
    for (const ids of [
      [halfway.id as string],
      [partners],
      [done, '0193a0d6-0000-7000-8000-000000000000'],
    ]) {
      const refused = await sendFiles(a, ids);
      expect(refused.type === 'error' && refused.code).toBe('attachment_not_ready');
    }
    const four = await sendFiles(
      a,
      [done, done, done, done].map((x, i) => (i === 0 ? x : `${x.slice(0, -1)}${i}`)),
    );
    expect(four.type === 'error' && four.code).toBe('too_many_files');
    expect((await rowsOf(c)).messages).toEqual(before.messages);
    // Sent once; a resend of the same message is the same message; another message can't take it.
    const first = await sendOkFiles(a, [done]);
    const resent = await sendFiles(a, [done], '', first.messageId);
    expect(resent).toMatchObject({ type: 'message.ack', seq: first.seq });
    const again = await sendFiles(a, [done]);
    expect(again.type === 'error' && again.code).toBe('attachment_not_ready');
    // The partner's unsent upload is theirs alone.
    expect((await fetchFile(c.a, attachmentUrl(partners))).status).toBe(404);
    expect((await tus(c.a, 'HEAD', `${UPLOADS_PATH}/${partners}`)).status).toBe(404);
    expect((await fetchFile(c.b, attachmentUrl(partners))).status).toBe(200);
    await eventsThrough(b, first.seq);
  });

  it('deletes the files with their message, for both partners and from storage', async () => {
    const { c, a, b } = await chat();
    const id = await uploadOk(c.a, await jpegWithGps(), 'bye.jpg');
    const ack = await sendOkFiles(a, [id]);
    expect(await storageUsed(c)).toBeGreaterThan(0);
    expect((await blobsOf(c.coupleId)).length).toBe(3);
    a.send({ type: 'message.delete', messageId: ack.messageId });
    const deleted = await b.next('event', (f) => f.event.type === 'message.deleted');
    expect(deleted.event).toMatchObject({ id: ack.messageId });
    for (const who of [c.a, c.b]) {
      for (const v of ['original', 'thumb', 'preview'] as const)
        expect((await fetchFile(who, attachmentUrl(id, v))).status).toBe(404);
    }
    // The rows go in the delete's transaction; the blobs right after it.
    await waitFor(async () => (await blobsOf(c.coupleId)).length === 0, 'the blobs to go');
    expect(await storageUsed(c)).toBe(0);
    const history = await c.b.client.get('/api/messages?limit=10');
    expect(history.body.messages.at(-1)).toMatchObject({ body: null, attachments: [] });
  });

  it('lists photos & videos, files and links in the drawer, newest first, by cursor', async () => {
    const { c, a } = await chat();
    const p1 = await uploadOk(c.a, await png(), '1.png');
    const p2 = await uploadOk(c.a, await png(), '2.png');
    const doc = await uploadOk(c.a, pdf(), 'doc.pdf');
    const v = await uploadOk(c.a, mp4WithGps(), 'v.mp4');
    await sendOkFiles(a, [p1, p2]);
    await sendOkFiles(a, [doc], '자료 https://example.com/a.');
    await sendOk(a, '여기 봐 https://map.example.org/place?id=7 그리고 http://b.example.com');
    await sendOkFiles(a, [v]);

    const page1 = (await c.b.client.get('/api/drawer?tab=media&limit=2')).body;
    expect(page1.items.map((i: { attachment: AttachmentDto }) => i.attachment.id)).toEqual([v, p2]);
    const page2 = (await c.b.client.get(`/api/drawer?tab=media&limit=2&before=${page1.next}`)).body;
    expect(page2.items.map((i: { attachment: AttachmentDto }) => i.attachment.id)).toEqual([p1]);
    expect(page2.next).toBeNull();
    const files = (await c.b.client.get('/api/drawer?tab=files')).body;
    expect(files.items.map((i: { attachment: AttachmentDto }) => i.attachment.id)).toEqual([doc]);
    expect(files.items[0]).toMatchObject({ senderId: c.a.user.id, createdAt: expect.any(String) });
    const links = (await c.b.client.get('/api/drawer?tab=links')).body;
    expect(links.items.map((i: { url: string }) => i.url)).toEqual([
      'http://b.example.com',
      'https://map.example.org/place?id=7',
      'https://example.com/a',
    ]);
    const bad = await c.b.client.get('/api/drawer?tab=secrets');
    expect(bad.status).toBe(400);
    expect((await c.b.client.get('/api/drawer?tab=media&before=1;drop')).status).toBe(400);
  });

  it('shows nothing to another couple or to a signed-out visitor', async () => {
    const { c, a } = await chat();
    const id = await uploadOk(c.a, await jpegWithGps(), 'ours.jpg');
    const unsent = await uploadOk(c.a, pdf(), 'unsent.pdf');
    await sendOkFiles(a, [id]);
    const other = await createCouple(t.baseUrl);
    const before = await rowsOf(c);
    for (const v of ['original', 'thumb', 'preview'] as const) {
      expect((await fetchFile(other.a, attachmentUrl(id, v))).status).toBe(404);
      expect(
        (await fetchFile({ client: { baseUrl: t.baseUrl } }, attachmentUrl(id, v))).status,
      ).toBe(404);
    }
    for (const method of ['HEAD', 'DELETE'] as const)
      expect((await tus(other.a, method, `${UPLOADS_PATH}/${unsent}`)).status).toBe(404);
    const patch = await tus(
      other.a,
      'PATCH',
      `${UPLOADS_PATH}/${unsent}`,
      { 'upload-offset': '0' },
      Buffer.alloc(5),
    );
    expect(patch.status).toBe(404);
    const poster = await other.a.client.put(`/api/attachments/${unsent}/poster`, await png(), {
      'content-type': 'image/png',
    });
    expect(poster.status).toBe(404);
    const ws = (await rt.socket(other.a)).ws;
    const refused = await sendFiles(ws, [unsent]);
    expect(refused.type === 'error' && refused.code).toBe('attachment_not_ready');
    const drawer = await other.a.client.get('/api/drawer?tab=media');
    expect(drawer.body.items).toEqual([]);
    expect(await rowsOf(c)).toEqual(before);
    // Someone without a partner is told only that.
    const single = await signUp(t.baseUrl);
    const lonely = await fetchFile(single, attachmentUrl(id));
    expect([lonely.status, JSON.parse(lonely.bytes.toString()).error.code]).toEqual([
      409,
      'not_in_couple',
    ]);
  });

  it('removes abandoned uploads after a day, and every file when the couple ends', async () => {
    const { c, a } = await chat();
    const sent = await uploadOk(c.a, await png(), 'kept.png');
    await sendOkFiles(a, [sent]);
    const abandoned = await createUpload(c.a, 5000, { filename: 'left.bin' });
    await tus(
      c.a,
      'PATCH',
      `${UPLOADS_PATH}/${abandoned.id}`,
      { 'upload-offset': '0' },
      Buffer.alloc(2000),
    );
    const finishedButUnsent = await uploadOk(c.b, pdf(), 'forgot.pdf');
    t.clock.advance(DAY - 60_000);
    expect(await t.services.uploads.sweepAbandoned(DAY)).toBe(0);
    t.clock.advance(120_000);
    expect(await t.services.uploads.sweepAbandoned(DAY)).toBeGreaterThanOrEqual(2);
    const left = (await rowsOf(c)).attachments.map((r) => r.id);
    expect(left).toEqual([sent]);
    expect(left).not.toContain(finishedButUnsent);
    expect((await blobsOf(c.coupleId)).every((k) => k.includes(sent))).toBe(true);

    expect((await c.a.client.post('/api/couple/ending')).status).toBe(200);
    t.clock.advance(8 * DAY);
    await t.services.couples.endDueCouples();
    expect(await blobsOf(c.coupleId)).toEqual([]);
    const rows = await rowsOf(c);
    expect([rows.attachments, rows.links]).toEqual([[], []]);
  });

  async function chat() {
    return chattingCouple(rt);
  }

  async function sendOkFiles(ws: WsClient, ids: string[], body = '') {
    const reply = await sendFiles(ws, ids, body);
    if (reply.type !== 'message.ack')
      throw new Error(`expected an ack, got ${JSON.stringify(reply)}`);
    return reply;
  }

  /** HEAD until the server has stored what arrived before the cut (it stores it on the abort). */
  async function waitForOffset(c: TestCouple, url: string, atLeast: number) {
    for (let i = 0; i < 50; i++) {
      const head = await tus(c.a, 'HEAD', url);
      if (Number(head.headers.get('upload-offset')) >= atLeast) return head;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the bytes sent before the cut were not kept');
  }

  /** A PATCH announcing more bytes than it sends, then the connection drops. */
  function cutOffPatch(session: string, url: string, bytes: Buffer): Promise<void> {
    return new Promise((resolve) => {
      const req = http.request(`${t.baseUrl}${url}`, {
        method: 'PATCH',
        headers: {
          'tus-resumable': '1.0.0',
          'upload-offset': '0',
          'content-type': 'application/offset+octet-stream',
          'content-length': String(bytes.length * 2),
          cookie: `cc_session=${session}`,
        },
      });
      req.on('error', () => resolve());
      req.write(bytes, () =>
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 200),
      );
    });
  }
});

describe.each(fileVariants())('uploads with a real tus client on $name', (variant) => {
  const rt = realtimeApp(variant, { env: storageFor(variant) });
  // tus-js-client uses Node's global agent; its kept-alive sockets (one from the aborted upload
  // among them) must not hold the server's close open. Runs before the app closes (hooks unwind).
  afterAll(() => http.globalAgent.destroy());
  const rowsOf = (coupleId: string) => coupleRows(rt.t().database.db, coupleId);

  /** tus-js-client as the web app uses it, in pieces of `chunkSize`, authenticated by cookie. */
  const tusUpload = (
    session: string,
    bytes: Buffer,
    /** Return true to stop the upload there (it resolves with 'aborted'). */
    options: { uploadUrl?: string; stopAfter?: (offset: number) => boolean } = {},
  ) =>
    new Promise<string>((resolve, reject) => {
      const upload: tusClient.Upload = new tusClient.Upload(bytes, {
        endpoint: `${rt.t().baseUrl}${UPLOADS_PATH}`,
        ...(options.uploadUrl ? { uploadUrl: options.uploadUrl } : {}),
        chunkSize: 64 * 1024,
        metadata: { filename: '동영상 원본.bin', filetype: 'application/octet-stream' },
        headers: { cookie: `cc_session=${session}` },
        retryDelays: [],
        onChunkComplete: (_size, sent) => {
          if (!options.stopAfter?.(sent)) return;
          void upload.abort();
          resolve('aborted');
        },
        onSuccess: () => resolve(upload.url as string),
        onError: reject,
      });
      upload.start();
    });

  it('uploads in pieces, and resumes from where an aborted upload stopped', async () => {
    const { c, a } = await chattingCouple(rt);
    const bytes = Buffer.concat([pdf(), Buffer.alloc(400_000, 9)]);
    const session = c.a.client.sessionCookie as string;
    // The first attempt stops after two pieces (a closed laptop, a lost connection).
    let firstUrl = '';
    const stopped = await tusUpload(session, bytes, {
      stopAfter: (sent) => sent >= 128 * 1024,
    });
    expect(stopped).toBe('aborted');
    const ids = (await rowsOf(c.coupleId)).attachments.map((r) => r.id);
    expect(ids).toHaveLength(1);
    firstUrl = `${rt.t().baseUrl}${UPLOADS_PATH}/${ids[0]}`;
    const id = firstUrl.split('/').at(-1) as string;
    const head = await tus(c.a, 'HEAD', `${UPLOADS_PATH}/${id}`);
    const resumedFrom = Number(head.headers.get('upload-offset'));
    expect(resumedFrom).toBeGreaterThanOrEqual(128 * 1024);
    expect(resumedFrom).toBeLessThan(bytes.length);
    // The second attempt continues the same upload rather than starting over.
    const url = await tusUpload(session, bytes, { uploadUrl: firstUrl });
    expect(url).toBe(firstUrl);
    const ack = await sendFiles(a, [id]);
    expect(ack.type).toBe('message.ack');
    const served = await fetchFile(c.b, attachmentUrl(id));
    expect(served.bytes.equals(bytes)).toBe(true);
  });
});

// Instances reach each other's sockets through Redis, so this runs where Redis is configured.
describe.each(fileVariants().filter((v) => v.storage === 's3' && v.redisUrl))(
  'two instances sharing S3 on $name',
  (variant) => {
    const { apps, sockets } = twoInstances(variant, 'files', storageFor(variant));

    it('resumes an upload on the other instance and serves the file from both', async () => {
      const [one, two] = apps as [TestApp, TestApp];
      const c = await createCouple(one.baseUrl);
      const onTwo = { client: { baseUrl: two.baseUrl, sessionCookie: c.a.client.sessionCookie } };
      const bytes = Buffer.concat([pdf(), Buffer.alloc(200_000, 5)]);
      const created = await createUpload(c.a, bytes.length, { filename: 'shared.pdf' });
      const url = `${UPLOADS_PATH}/${created.id}`;
      const half = await tus(
        c.a,
        'PATCH',
        url,
        { 'upload-offset': '0' },
        bytes.subarray(0, 100_000),
      );
      expect(half.status).toBe(204);
      expect((await tus(onTwo, 'HEAD', url)).headers.get('upload-offset')).toBe('100000');
      const rest = await tus(
        onTwo,
        'PATCH',
        url,
        { 'upload-offset': '100000' },
        bytes.subarray(100_000),
      );
      expect(rest.status).toBe(204);
      const a = (await sockets.of(two, c.a)).ws;
      const b = (await sockets.of(one, c.b)).ws;
      for (const ws of [a, b]) await syncFrom(ws);
      const ack = await sendFiles(a, [created.id as string]);
      expect(ack.type).toBe('message.ack');
      const seen = await b.next('event', (f) => f.event.type === 'message.created');
      expect(seen.event.type === 'message.created' && seen.event.message.attachments[0]?.id).toBe(
        created.id,
      );
      for (const app of [one, two]) {
        const viaB = { client: { baseUrl: app.baseUrl, sessionCookie: c.b.client.sessionCookie } };
        expect(
          (await fetchFile(viaB, attachmentUrl(created.id as string))).bytes.equals(bytes),
        ).toBe(true);
      }
    });
  },
);

async function syncFrom(ws: WsClient) {
  ws.send({ type: 'sync', id: 'files', afterSeq: 0 });
  await ws.next('synced', (f) => f.id === 'files');
}
