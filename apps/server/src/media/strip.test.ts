import zlib from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  hasGpsValues,
  jpegSegment,
  PHONE_EXIF,
  XMP_WITH_GPS,
} from '../../test/support/media-fixtures.js';
import { DomainError } from '../errors.js';
import { isLosslessWebp, stripGif, stripJpeg, stripPng, stripWebp } from './strip.js';

function pngChunk(type: string, data: Buffer | string): Buffer {
  const body = Buffer.concat([
    Buffer.from(type, 'latin1'),
    typeof data === 'string' ? Buffer.from(data, 'latin1') : data,
  ]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length - 4);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

function pngChunkTypes(png: Buffer): string[] {
  const types: string[] = [];
  for (let pos = 8; pos < png.length; pos += 12 + png.readUInt32BE(pos)) {
    types.push(png.toString('latin1', pos + 4, pos + 8));
  }
  return types;
}

function riffChunkTypes(webp: Buffer, start = 12, end = webp.length): string[] {
  const types: string[] = [];
  for (let pos = start; pos + 8 <= end; ) {
    const size = webp.readUInt32LE(pos + 4);
    types.push(webp.toString('latin1', pos, pos + 4));
    pos += 8 + size + (size % 2);
  }
  return types;
}

const pixels = async (image: Buffer) => (await sharp(image).raw().toBuffer()).toString('base64');

describe('stripJpeg', () => {
  it('drops EXIF, XMP, IPTC, comments, MPF and trailing data but keeps the scans untouched', async () => {
    const base = await sharp({
      create: { width: 64, height: 48, channels: 3, background: '#c84' },
    })
      .withExif(PHONE_EXIF)
      .withXmp(XMP_WITH_GPS)
      .withIccProfile('p3')
      .jpeg({ quality: 90 })
      .toBuffer();
    const iptc = jpegSegment(
      0xed,
      'Photoshop 3.0\x008BIM\u0004\u0004\0\0\0\0\0\u000b\u001c\u0002\u0078\0\u0005Seoul\0',
    );
    const comment = jpegSegment(0xfe, 'shot at home, Seoul');
    const mpf = jpegSegment(0xe2, 'MPF\0II*\0secondary image index');
    const jfxx = jpegSegment(0xe0, 'JFXX\0\u0010thumbnail');
    // Phones append a second JPEG (with its own EXIF) after the first one's end.
    const trailer = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      jpegSegment(0xe1, 'Exif\0\0GPS secret'),
    ]);
    const input = Buffer.concat([
      base.subarray(0, 2),
      iptc,
      comment,
      mpf,
      jfxx,
      base.subarray(2),
      trailer,
    ]);
    const before = await sharp(input).metadata();
    expect(before.exif && hasGpsValues(before.exif)).toBe(true);
    expect(before.xmp).toBeDefined();
    expect(before.iptc).toBeDefined();

    const output = stripJpeg(input);
    const after = await sharp(output).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.hasProfile).toBe(true); // the ICC profile stays
    expect(hasGpsValues(output)).toBe(false);
    for (const text of ['Seoul', 'PhoneMaker', 'MPF', 'JFXX', 'secret', 'xmpmeta']) {
      expect(output.includes(text)).toBe(false);
    }
    expect(output.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    expect(await pixels(output)).toBe(await pixels(input));
  });

  it('keeps JFIF density but not its embedded thumbnail', () => {
    const thumb = Buffer.concat([
      Buffer.from('JFIF\0\u0001\u0002\u0001\u0000\u0048\u0000\u0048\u0002\u0001', 'latin1'),
      Buffer.from('RGBRGB', 'latin1'),
    ]);
    const input = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      jpegSegment(0xe0, thumb),
      Buffer.from([0xff, 0xd9]),
    ]);
    const output = stripJpeg(input);
    expect(output).toEqual(
      Buffer.concat([
        Buffer.from([0xff, 0xd8]),
        jpegSegment(
          0xe0,
          Buffer.from('JFIF\0\u0001\u0002\u0001\u0000\u0048\u0000\u0048\0\0', 'latin1'),
        ),
        Buffer.from([0xff, 0xd9]),
      ]),
    );
  });

  it('keeps a progressive JPEG decodable, every scan included', async () => {
    const input = await sharp({
      create: {
        width: 120,
        height: 80,
        channels: 3,
        background: '#888',
        noise: { type: 'gaussian', mean: 128, sigma: 40 },
      },
    })
      .withExif(PHONE_EXIF)
      .jpeg({ progressive: true })
      .toBuffer();
    const output = stripJpeg(input);
    expect(await pixels(output)).toBe(await pixels(input));
    expect(hasGpsValues(output)).toBe(false);
  });

  it('refuses what is not a whole JPEG', () => {
    expect(() => stripJpeg(Buffer.from('not a jpeg'))).toThrow(DomainError);
    const cut = Buffer.concat([Buffer.from([0xff, 0xd8]), jpegSegment(0xdb, Buffer.alloc(10))]);
    expect(() => stripJpeg(cut.subarray(0, cut.length - 3))).toThrow(/damaged/);
    expect(() => stripJpeg(cut)).toThrow(/damaged/); // no end of image
  });
});

describe('stripPng', () => {
  it('drops text, EXIF and time chunks, keeps the colour profile, and ends at IEND', async () => {
    const base = await sharp({
      create: { width: 16, height: 16, channels: 4, background: '#0a0c' },
    })
      .withExif(PHONE_EXIF)
      .withXmp(XMP_WITH_GPS)
      .withIccProfile('p3')
      .png()
      .toBuffer();
    const iend = base.length - 12;
    const input = Buffer.concat([
      base.subarray(0, 33), // signature + IHDR
      pngChunk('tEXt', 'Location\u000037.5665,126.9780'),
      pngChunk('iTXt', 'Comment\0\0\0ko\0\0서울'),
      pngChunk('tIME', Buffer.from([0x07, 0xe9, 1, 2, 3, 4, 5])),
      pngChunk('prVt', 'private data'),
      base.subarray(33, iend),
      base.subarray(iend),
      Buffer.from('appended after the end'),
    ]);
    expect(pngChunkTypes(base)).toContain('eXIf');
    expect((await sharp(input).metadata()).comments?.length).toBeGreaterThan(0);

    const output = stripPng(input);
    expect(pngChunkTypes(output)).toEqual(['IHDR', 'iCCP', 'pHYs', 'IDAT', 'IEND']);
    const after = await sharp(output).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.comments).toBeUndefined();
    expect(after.hasProfile).toBe(true);
    expect(hasGpsValues(output)).toBe(false);
    expect(output.includes('37.5665')).toBe(false);
    expect(output.includes('appended')).toBe(false);
    expect(await pixels(output)).toBe(await pixels(input));
  });

  it('refuses a PNG whose chunk runs past the end', () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', Buffer.alloc(13)),
    ]);
    png.writeUInt32BE(1000, 8);
    expect(() => stripPng(png)).toThrow(/damaged/);
  });
});

describe('stripGif', () => {
  async function animation(): Promise<Buffer> {
    const frames = Buffer.alloc(16 * 48 * 3);
    for (let i = 0; i < frames.length; i += 3) frames[i + Math.floor(i / 3 / 256)] = 255;
    return sharp(frames, { raw: { width: 16, height: 48, channels: 3, pageHeight: 16 } })
      .gif({ loop: 0, delay: [120, 120, 120] })
      .toBuffer();
  }

  it('drops comments and foreign application data, keeps every frame, timing and the loop', async () => {
    const base = await animation();
    const screenEnd = 13 + 3 * (1 << (((base[10] as number) & 7) + 1));
    const comment = Buffer.concat([
      Buffer.from([0x21, 0xfe, 12]),
      Buffer.from('taken: Seoul'),
      Buffer.from([0]),
    ]);
    const xmp = Buffer.concat([
      Buffer.from([0x21, 0xff, 11]),
      Buffer.from('XMP DataXMP'),
      Buffer.from([9]),
      Buffer.from('<x:xmpme>'),
      Buffer.from([0]),
    ]);
    const input = Buffer.concat([
      base.subarray(0, screenEnd),
      comment,
      xmp,
      base.subarray(screenEnd),
      Buffer.from('after the trailer'),
    ]);
    const output = stripGif(input);
    for (const text of ['Seoul', 'XMP', 'after the trailer']) {
      expect(input.includes(text)).toBe(true);
      expect(output.includes(text)).toBe(false);
    }
    expect(output.includes('NETSCAPE2.0')).toBe(true);
    const meta = await sharp(output).metadata();
    expect(meta.pages).toBe(3);
    expect(meta.loop).toBe(0);
    expect(meta.delay).toEqual([120, 120, 120]);
    const frames = async (gif: Buffer) =>
      (await sharp(gif, { animated: true }).raw().toBuffer()).toString('base64');
    expect(await frames(output)).toBe(await frames(input));
  });

  it('refuses a GIF cut inside its image data', async () => {
    const gif = await animation();
    expect(() => stripGif(gif.subarray(0, gif.length - 20))).toThrow(/damaged/);
  });
});

describe('stripWebp', () => {
  it('drops EXIF and XMP chunks and their flags, keeps the colour profile and pixels', async () => {
    const input = await sharp({
      create: { width: 24, height: 24, channels: 4, background: '#f80a' },
    })
      .withExif(PHONE_EXIF)
      .withXmp(XMP_WITH_GPS)
      .withIccProfile('p3')
      .webp({ lossless: true })
      .toBuffer();
    expect(riffChunkTypes(input)).toEqual(expect.arrayContaining(['EXIF', 'XMP ']));
    expect(isLosslessWebp(input)).toBe(true);

    const output = stripWebp(input);
    expect(riffChunkTypes(output)).toEqual(['VP8X', 'ICCP', 'VP8L']);
    expect((output[20] as number) & 0x0c).toBe(0); // no EXIF or XMP flag left in VP8X
    expect(output.readUInt32LE(4)).toBe(output.length - 8);
    const after = await sharp(output).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.hasProfile).toBe(true);
    expect(hasGpsValues(output)).toBe(false);
    expect(await pixels(output)).toBe(await pixels(input));
  });

  it('keeps an animation and drops unknown chunks inside its frames', async () => {
    const frames = Buffer.alloc(16 * 32 * 3, 90);
    frames.fill(200, frames.length / 2); // two different frames, or the encoder merges them
    const base = await sharp(frames, {
      raw: { width: 16, height: 32, channels: 3, pageHeight: 16 },
    })
      .withExif(PHONE_EXIF)
      .webp({ loop: 0, delay: [50, 70] })
      .toBuffer();
    // Put an unknown chunk inside the first frame.
    const anmf = base.indexOf('ANMF');
    const size = base.readUInt32LE(anmf + 4);
    const extra = Buffer.concat([Buffer.from('JUNK\u0004\0\0\0GPS!', 'latin1')]);
    const frame = Buffer.concat([base.subarray(anmf + 8, anmf + 8 + size), extra]);
    const frameHeader = Buffer.from('ANMF\0\0\0\0', 'latin1');
    frameHeader.writeUInt32LE(frame.length, 4);
    const body = Buffer.concat([
      base.subarray(8, anmf),
      frameHeader,
      frame,
      base.subarray(anmf + 8 + size),
    ]);
    const input = Buffer.concat([Buffer.from('RIFF\0\0\0\0', 'latin1'), body]);
    input.writeUInt32LE(body.length, 4);
    expect((await sharp(input).metadata()).pages).toBe(2);

    const output = stripWebp(input);
    expect(output.includes('GPS!')).toBe(false);
    expect(hasGpsValues(output)).toBe(false);
    expect(riffChunkTypes(output)).toEqual(['VP8X', 'ANIM', 'ANMF', 'ANMF']);
    const meta = await sharp(output).metadata();
    expect(meta.pages).toBe(2);
    expect(meta.delay).toEqual([50, 70]);
    expect(meta.exif).toBeUndefined();
  });

  it('refuses a WebP cut short', async () => {
    const webp = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } })
      .webp()
      .toBuffer();
    expect(() => stripWebp(webp.subarray(0, webp.length - 4))).toThrow(/damaged/);
  });
});
