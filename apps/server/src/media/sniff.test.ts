import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { sniff } from './sniff.js';

const picture = (format: 'jpeg' | 'png' | 'gif' | 'webp' | 'avif') =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: '#36c' } })
    .toFormat(format)
    .toBuffer();

function box(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.length);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
}

/** An ISO BMFF file start: ftyp with the given brands, then an empty mdat. */
const isoFile = (major: string, ...compatible: string[]) =>
  Buffer.concat([
    box('ftyp', Buffer.from(`${major}\0\0\0\0${compatible.join('')}`, 'latin1')),
    box('mdat', Buffer.alloc(64)),
  ]);

const WEBM = Buffer.from(
  '1a45dfa39f4286810142f7810142f2810442f381084282847765626d42878102428581021853806701000000000000',
  'hex',
);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');
const SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n');

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
}

describe('sniff', () => {
  it('recognises the inline picture formats from their bytes', async () => {
    expect(await sniff(await picture('jpeg'), { name: 'a.jpg' })).toEqual({
      kind: 'image',
      mime: 'image/jpeg',
      ext: 'jpg',
    });
    expect(await sniff(await picture('png'), { name: 'a.png' })).toMatchObject({
      mime: 'image/png',
    });
    expect(await sniff(await picture('gif'), { name: 'a.gif' })).toMatchObject({
      mime: 'image/gif',
    });
    expect(await sniff(await picture('webp'), { name: 'a' })).toMatchObject({ mime: 'image/webp' });
    expect(await sniff(await picture('avif'), { name: 'a' })).toEqual({
      kind: 'image',
      mime: 'image/avif',
      ext: 'avif',
    });
    expect(await sniff(isoFile('heic', 'mif1', 'heic'), { name: 'IMG_0001.HEIC' })).toEqual({
      kind: 'image',
      mime: 'image/heic',
      ext: 'heic',
    });
  });

  it('recognises the inline video formats, an .m4v as MP4', async () => {
    expect(await sniff(isoFile('isom', 'isom', 'mp41'), { name: 'v.mp4' })).toEqual({
      kind: 'video',
      mime: 'video/mp4',
      ext: 'mp4',
    });
    expect(await sniff(isoFile('qt  ', 'qt  '), { name: 'v.mov' })).toEqual({
      kind: 'video',
      mime: 'video/quicktime',
      ext: 'mov',
    });
    expect(await sniff(isoFile('M4V ', 'M4V ', 'isom'), { name: 'v.m4v' })).toEqual({
      kind: 'video',
      mime: 'video/mp4',
      ext: 'mp4',
    });
    expect(await sniff(WEBM, { name: 'v.webm' })).toEqual({
      kind: 'video',
      mime: 'video/webm',
      ext: 'webm',
    });
  });

  it('trusts the content over the name: a PNG named .jpg is a PNG', async () => {
    expect(await sniff(await picture('png'), { name: 'cat.jpg', type: 'image/jpeg' })).toEqual({
      kind: 'image',
      mime: 'image/png',
      ext: 'png',
    });
  });

  it('offers everything else as a file with its sniffed type', async () => {
    expect(await sniff(PDF, { name: 'report.pdf', type: 'application/pdf' })).toEqual({
      kind: 'file',
      mime: 'application/pdf',
      ext: 'pdf',
    });
    expect(await sniff(HTML, { name: 'notes.html', type: 'text/html' })).toEqual({
      kind: 'file',
      mime: 'application/octet-stream',
      ext: 'bin',
    });
    expect(await sniff(Buffer.from('just some text\n'), { name: 'notes.txt' })).toMatchObject({
      kind: 'file',
      mime: 'application/octet-stream',
    });
    expect(await sniff(SVG, { name: 'logo.svg', type: 'image/svg+xml' })).toMatchObject({
      kind: 'file',
    });
    // Browsers call TypeScript sources MPEG transport streams; that is not a claim of video.
    expect(
      await sniff(Buffer.from('export const x = 1;\n'), { name: 'main.ts', type: 'video/mp2t' }),
    ).toMatchObject({ kind: 'file' });
  });

  it('offers pictures the chat does not show inline as files, without calling them a mismatch', async () => {
    const bmp = Buffer.alloc(58);
    bmp.write('BM', 0, 'latin1');
    bmp.writeUInt32LE(58, 2);
    bmp.writeUInt32LE(54, 10);
    bmp.writeUInt32LE(40, 14);
    bmp.writeInt32LE(1, 18);
    bmp.writeInt32LE(1, 22);
    bmp.writeUInt16LE(1, 26);
    bmp.writeUInt16LE(24, 28);
    expect(await sniff(bmp, { name: 'scan.bmp', type: 'image/bmp' })).toEqual({
      kind: 'file',
      mime: 'image/bmp',
      ext: 'bmp',
    });
  });

  it('refuses content that is not a photo or video but claims to be one', async () => {
    expect(await code(sniff(HTML, { name: 'cat.jpg' }))).toBe('file_type_mismatch');
    expect(await code(sniff(SVG, { name: 'cat.jpg' }))).toBe('file_type_mismatch');
    expect(await code(sniff(SVG, { name: 'CAT.JPEG ' }))).toBe('file_type_mismatch');
    expect(await code(sniff(PDF, { name: 'holiday.mov' }))).toBe('file_type_mismatch');
    expect(await code(sniff(HTML, { name: 'cat', type: 'image/jpeg' }))).toBe('file_type_mismatch');
    expect(await code(sniff(HTML, { name: 'clip', type: 'Video/MP4; codecs=avc1' }))).toBe(
      'file_type_mismatch',
    );
    expect(await code(sniff(Buffer.from('hello'), { name: 'dir.jpg/notes.txt' }))).toBe('resolved');
  });

  it('refuses an empty file', async () => {
    expect(await code(sniff(Buffer.alloc(0), { name: 'empty.txt' }))).toBe('file_empty');
  });
});
