import zlib from 'node:zlib';
import sharp, { type Sharp } from 'sharp';
import { thumbHashToRGBA } from 'thumbhash';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  hasGpsValues,
  jpegSegment,
  PHONE_EXIF,
  XMP_WITH_GPS,
} from '../../test/support/media-fixtures.js';
import { DomainError } from '../errors.js';
import { canDecode, processImage } from './image.js';

const LIMIT = { maxPixels: 100e6 };

/** Inserts JPEG segments right after SOI. */
const withSegments = (jpeg: Buffer, ...segments: Buffer[]) =>
  Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);

function pngChunk(type: string, data: Buffer | string): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), Buffer.from(data as string, 'latin1')]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length - 4);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG built by hand: its header says what we like, its data is whatever is given. */
function png(
  width: number,
  height: number,
  format: { bitDepth: number; colourType?: number },
  idat: Buffer,
): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([format.bitDepth, format.colourType ?? 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', idat),
    pngChunk('IEND', ''),
  ]);
}

/** A GIF comment extension. */
const gifComment = (text: string) =>
  Buffer.concat([
    Buffer.from([0x21, 0xfe, text.length]),
    Buffer.from(text, 'latin1'),
    Buffer.from([0]),
  ]);

/** Inserts PNG chunks right after IHDR. */
const withChunks = (png: Buffer, ...chunks: Buffer[]) =>
  Buffer.concat([png.subarray(0, 33), ...chunks, png.subarray(33)]);

const noisy = (width: number, height: number) =>
  sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#777',
      noise: { type: 'gaussian', mean: 128, sigma: 50 },
    },
  });

/** 600×400, red on the left half and blue on the right. */
async function halves(): Promise<Sharp> {
  const blue = await sharp({ create: { width: 300, height: 400, channels: 3, background: 'blue' } })
    .png()
    .toBuffer();
  const base = await sharp({ create: { width: 600, height: 400, channels: 3, background: 'red' } })
    .composite([{ input: blue, left: 300, top: 0 }])
    .png()
    .toBuffer();
  return sharp(base);
}

/** Three 32×32 frames: red, green, blue. */
function frames(): Sharp {
  const raw = Buffer.alloc(32 * 96 * 3);
  for (let i = 0; i < raw.length; i += 3) raw[i + Math.floor(i / 3 / 1024)] = 255;
  return sharp(raw, { raw: { width: 32, height: 96, channels: 3, pageHeight: 32 } });
}

async function colourAt(image: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [...data.subarray(at, at + 3)];
}

const isRed = ([r, g, b]: number[]) =>
  (r as number) > 200 && (g as number) < 60 && (b as number) < 60;
const isBlue = ([r, g, b]: number[]) =>
  (r as number) < 60 && (g as number) < 60 && (b as number) > 200;

async function expectMetadataFree(image: Buffer): Promise<void> {
  const meta = await sharp(image).metadata();
  expect(meta.exif).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(meta.iptc).toBeUndefined();
  expect(meta.comments).toBeUndefined();
  expect(hasGpsValues(image)).toBe(false);
  expect(image.includes('PhoneMaker')).toBe(false);
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('processImage', () => {
  it('strips EXIF GPS, XMP, IPTC and comments from a JPEG without touching its pixels', async () => {
    const camera = await noisy(640, 480)
      .withExif(PHONE_EXIF)
      .withXmp(XMP_WITH_GPS)
      .jpeg({ quality: 90 })
      .toBuffer();
    const input = withSegments(
      camera,
      jpegSegment(
        0xed,
        'Photoshop 3.0\u00008BIM\u0004\u0004\0\0\0\0\0\u0008\u001c\u0002\u005a\0\u0003Seo',
      ),
      jpegSegment(0xfe, 'Taken in Seoul by PhoneMaker'),
    );
    const before = await sharp(input).metadata();
    expect(before.exif && hasGpsValues(before.exif)).toBe(true);
    expect(before.xmp && before.iptc).toBeDefined();

    const result = await processImage(input, LIMIT);
    expect(result).toMatchObject({
      mime: 'image/jpeg',
      ext: 'jpg',
      width: 640,
      height: 480,
      animated: false,
    });
    for (const output of [result.original, result.preview, result.thumb]) {
      await expectMetadataFree(output);
    }
    expect(result.original.includes('Seoul')).toBe(false);
    // Lossless: the same scans, so exactly the same pixels.
    const decoded = async (image: Buffer) =>
      (await sharp(image).raw().toBuffer()).toString('base64');
    expect(await decoded(result.original)).toBe(await decoded(input));
    expect(result.original.length).toBeLessThan(input.length);

    const preview = await sharp(result.preview).metadata();
    expect({ format: preview.format, width: preview.width, height: preview.height }).toEqual({
      format: 'webp',
      width: 640,
      height: 480,
    });
    const thumb = await sharp(result.thumb).metadata();
    expect({ format: thumb.format, width: thumb.width, height: thumb.height }).toEqual({
      format: 'webp',
      width: 400,
      height: 300,
    });
    const placeholder = thumbHashToRGBA(Buffer.from(result.placeholder, 'base64'));
    expect(placeholder.w / placeholder.h).toBeCloseTo(4 / 3, 0);
  });

  it('turns a photo with EXIF orientation 6 upright: portrait size and rotated pixels', async () => {
    const input = await (await halves())
      .withMetadata({ orientation: 6 })
      .withExif(PHONE_EXIF)
      .jpeg()
      .toBuffer();
    const stored = await sharp(input).metadata();
    expect({ orientation: stored.orientation, width: stored.width, height: stored.height }).toEqual(
      {
        orientation: 6,
        width: 600,
        height: 400,
      },
    );

    const result = await processImage(input, LIMIT);
    expect({ width: result.width, height: result.height }).toEqual({ width: 400, height: 600 });
    for (const output of [result.original, result.preview, result.thumb]) {
      await expectMetadataFree(output);
      const meta = await sharp(output).metadata();
      expect(meta.orientation ?? 1).toBe(1);
      expect(meta.height).toBeGreaterThan(meta.width);
      // Turned a quarter clockwise, the left (red) half is now on top.
      expect(isRed(await colourAt(output, Math.floor(meta.width / 2), 5))).toBe(true);
      expect(isBlue(await colourAt(output, Math.floor(meta.width / 2), meta.height - 5))).toBe(
        true,
      );
    }
    expect((await sharp(result.original).metadata()).format).toBe('jpeg');
  });

  it('never enlarges, and fits large pictures in 1600 and 400', async () => {
    const small = await processImage(await noisy(50, 30).png().toBuffer(), LIMIT);
    expect(await sharp(small.preview).metadata()).toMatchObject({ width: 50, height: 30 });
    expect(await sharp(small.thumb).metadata()).toMatchObject({ width: 50, height: 30 });

    const tall = await processImage(await noisy(1000, 3000).jpeg().toBuffer(), LIMIT);
    expect(await sharp(tall.preview).metadata()).toMatchObject({ width: 533, height: 1600 });
    expect(await sharp(tall.thumb).metadata()).toMatchObject({ width: 133, height: 400 });
    expect({ width: tall.width, height: tall.height }).toEqual({ width: 1000, height: 3000 });
  });

  it('drops PNG text, EXIF and time chunks losslessly', async () => {
    const base = await noisy(64, 64).withExif(PHONE_EXIF).withXmp(XMP_WITH_GPS).png().toBuffer();
    const input = withChunks(
      base,
      pngChunk('tEXt', 'Location\u000037.5665,126.9780'),
      pngChunk('tIME', Buffer.from([0x07, 0xe9, 5, 1, 12, 0, 0])),
    );
    const before = await sharp(input).metadata();
    expect(before.exif && hasGpsValues(before.exif)).toBe(true);
    expect(before.comments?.some((comment) => comment.text.includes('37.5665'))).toBe(true);

    const result = await processImage(input, LIMIT);
    expect(result.mime).toBe('image/png');
    await expectMetadataFree(result.original);
    expect(result.original.includes('37.5665')).toBe(false);
    expect(result.original.includes('tIME')).toBe(false);
    const decoded = async (image: Buffer) =>
      (await sharp(image).raw().toBuffer()).toString('base64');
    expect(await decoded(result.original)).toBe(await decoded(input));
  });

  it('keeps a GIF animated in the original, preview and thumbnail', async () => {
    const gif = await frames()
      .gif({ loop: 0, delay: [100, 200, 300] })
      .toBuffer();
    const comment = gifComment('PhoneMaker Seoul');
    const screenEnd = 13 + 3 * (1 << (((gif[10] as number) & 7) + 1));
    const input = Buffer.concat([gif.subarray(0, screenEnd), comment, gif.subarray(screenEnd)]);

    const result = await processImage(input, LIMIT);
    expect(result).toMatchObject({ mime: 'image/gif', animated: true, width: 32, height: 32 });
    expect(result.original.includes('PhoneMaker')).toBe(false);
    const original = await sharp(result.original).metadata();
    expect({ format: original.format, pages: original.pages, delay: original.delay }).toEqual({
      format: 'gif',
      pages: 3,
      delay: [100, 200, 300],
    });
    for (const rendition of [result.preview, result.thumb]) {
      const meta = await sharp(rendition).metadata();
      expect({ format: meta.format, pages: meta.pages, loop: meta.loop }).toEqual({
        format: 'webp',
        pages: 3,
        loop: 0,
      });
    }
    // The placeholder shows the first (red) frame.
    const { rgba } = thumbHashToRGBA(Buffer.from(result.placeholder, 'base64'));
    expect(rgba[0]).toBeGreaterThan(150);
    expect(rgba[2]).toBeLessThan(100);
  });

  it('keeps an animated WebP animated and drops its EXIF', async () => {
    const input = await frames()
      .withExif(PHONE_EXIF)
      .webp({ loop: 0, delay: [80, 80, 80] })
      .toBuffer();
    expect(hasGpsValues(input)).toBe(true);
    const result = await processImage(input, LIMIT);
    expect(result.animated).toBe(true);
    await expectMetadataFree(result.original);
    expect((await sharp(result.original).metadata()).pages).toBe(3);
    expect((await sharp(result.preview).metadata()).pages).toBe(3);
  });

  it('strips a still WebP losslessly', async () => {
    const input = await noisy(80, 60)
      .withExif(PHONE_EXIF)
      .withXmp(XMP_WITH_GPS)
      .webp({ quality: 70 })
      .toBuffer();
    const result = await processImage(input, LIMIT);
    expect(result).toMatchObject({ mime: 'image/webp', ext: 'webp', width: 80, height: 60 });
    await expectMetadataFree(result.original);
    const decoded = async (image: Buffer) =>
      (await sharp(image).raw().toBuffer()).toString('base64');
    expect(await decoded(result.original)).toBe(await decoded(input));
  });

  it('strips an AVIF in place, keeping its rotation', async () => {
    const input = await (await halves())
      .withMetadata({ orientation: 6 })
      .withExif(PHONE_EXIF)
      .withXmp(XMP_WITH_GPS)
      .avif({ effort: 0 })
      .toBuffer();
    expect(hasGpsValues(input)).toBe(true);
    const result = await processImage(input, LIMIT);
    expect(result).toMatchObject({ mime: 'image/avif', ext: 'avif', width: 400, height: 600 });
    expect(result.original.length).toBe(input.length);
    await expectMetadataFree(result.original);
    expect(isRed(await colourAt(result.original, 200, 5))).toBe(true);
    expect(isRed(await colourAt(result.preview, 200, 5))).toBe(true);
  });

  it('draws 16-bit and CMYK pictures in the right colours', async () => {
    const deep = await sharp({
      create: { width: 40, height: 40, channels: 3, background: '#c86432' },
    })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    expect((await sharp(deep).metadata()).depth).toBe('ushort');
    const [r, g, b] = await colourAt((await processImage(deep, LIMIT)).preview, 20, 20);
    expect(Math.abs((r as number) - 0xc8)).toBeLessThan(8);
    expect(Math.abs((g as number) - 0x64)).toBeLessThan(8);
    expect(Math.abs((b as number) - 0x32)).toBeLessThan(8);

    const cmyk = await sharp({ create: { width: 40, height: 40, channels: 3, background: 'red' } })
      .toColourspace('cmyk')
      .jpeg()
      .toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    expect(isRed(await colourAt((await processImage(cmyk, LIMIT)).preview, 20, 20))).toBe(true);
  });

  describe('refuses pictures over the pixel limit before decoding them', () => {
    it('a 12000×12000 one-colour PNG', async () => {
      // 1-bit greyscale keeps the fixture quick to build; it is a complete, valid picture.
      const input = png(
        12_000,
        12_000,
        { bitDepth: 1 },
        zlib.deflateSync(Buffer.alloc(12_000 * 1501)),
      );
      expect(await sharp(input, { limitInputPixels: false }).metadata()).toMatchObject({
        width: 12_000,
        height: 12_000,
      });
      const decode = vi.spyOn(sharp.prototype, 'toBuffer');
      expect(await code(processImage(input, LIMIT))).toBe('image_too_large');
      expect(decode).not.toHaveBeenCalled();
    });

    it('a tiny PNG and JPEG that claim a huge size', async () => {
      const tiny = png(
        100_000,
        100_000,
        { bitDepth: 8, colourType: 2 },
        zlib.deflateSync(Buffer.alloc(1000)),
      );
      expect(tiny.length).toBeLessThan(200);

      // A real JPEG whose frame header says 30000×30000.
      const jpeg = await sharp({
        create: { width: 16, height: 16, channels: 3, background: 'red' },
      })
        .jpeg()
        .toBuffer();
      const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
      jpeg.writeUInt16BE(30_000, sof + 5);
      jpeg.writeUInt16BE(30_000, sof + 7);
      expect(await sharp(jpeg, { limitInputPixels: false }).metadata()).toMatchObject({
        width: 30_000,
        height: 30_000,
      });

      const decode = vi.spyOn(sharp.prototype, 'toBuffer');
      expect(await code(processImage(tiny, LIMIT))).toBe('image_too_large');
      expect(await code(processImage(jpeg, LIMIT))).toBe('image_too_large');
      expect(decode).not.toHaveBeenCalled();
    });

    it('an animation whose frames together are too many pixels', async () => {
      const gif = await frames().gif().toBuffer();
      expect(await code(processImage(gif, { maxPixels: 32 * 32 * 2 }))).toBe('image_too_large');
      expect((await processImage(gif, { maxPixels: 32 * 32 * 3 })).animated).toBe(true);
    });
  });

  it('refuses damaged pictures', async () => {
    const jpeg = await noisy(400, 300).jpeg().toBuffer();
    expect(await code(processImage(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), LIMIT))).toBe(
      'file_unreadable',
    );
    const png = await noisy(100, 100).png().toBuffer();
    expect(await code(processImage(png.subarray(0, png.length - 200), LIMIT))).toBe(
      'file_unreadable',
    );
    const garbage = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
      Buffer.alloc(3000, 0x41),
    ]);
    expect(await code(processImage(garbage, LIMIT))).toBe('file_unreadable');
    expect(await code(processImage(Buffer.alloc(0), LIMIT))).toBe('file_empty');
  });

  it('refuses what is not a picture sharp should ever see', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    );
    const plainSvg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>');
    const html = Buffer.from('<!doctype html><title>x</title>');
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    for (const input of [svg, plainSvg, html, pdf]) {
      expect(await code(processImage(input, LIMIT))).toBe('file_type_mismatch');
    }
  });

  describe('refuses polyglots', () => {
    it('a JPEG or PNG that carries markup', async () => {
      const jpeg = await noisy(32, 32).jpeg().toBuffer();
      const scripted = withSegments(jpeg, jpegSegment(0xfe, '<SCRIPT>alert(1)</SCRIPT>'));
      expect(await code(processImage(scripted, LIMIT))).toBe('file_type_mismatch');
      const php = withSegments(jpeg, jpegSegment(0xfe, '<?php system($_GET["c"]); ?>'));
      expect(await code(processImage(php, LIMIT))).toBe('file_type_mismatch');
      const png = withChunks(
        await noisy(32, 32).png().toBuffer(),
        pngChunk('tEXt', 'c\0<html><body>'),
      );
      expect(await code(processImage(png, LIMIT))).toBe('file_type_mismatch');
      // "<svgz" is not a tag: bytes like it turn up by chance in compressed data.
      const chance = withSegments(jpeg, jpegSegment(0xfe, 'x<svgz<htmlx'));
      expect(await code(processImage(chance, LIMIT))).toBe('resolved');
    });

    it('a GIF whose header opens a script', async () => {
      const classic = Buffer.from('GIF89a/*\u0000\u0000\u0000\u0000\u0000*/=alert(1)//;', 'latin1');
      expect(await code(processImage(classic, LIMIT))).toBe('file_type_mismatch');

      // A GIF that decodes fine: its width bytes are "/*" (10799 pixels) and a comment closes it.
      const body = await sharp({ create: { width: 1, height: 1, channels: 3, background: 'red' } })
        .gif()
        .toBuffer();
      const decodable = Buffer.from(body);
      decodable.write('/*', 6, 'latin1');
      const withScript = Buffer.concat([
        decodable.subarray(0, -1),
        gifComment('*/=alert(1)'),
        Buffer.from([0x3b]),
      ]);
      expect((await sharp(withScript).raw().toBuffer()).length).toBeGreaterThan(0);
      expect(await code(processImage(withScript, LIMIT))).toBe('file_type_mismatch');
    });

    it('neutralises script in a GIF comment when the header cannot start one', async () => {
      const gif = await frames().gif().toBuffer();
      const input = Buffer.concat([
        gif.subarray(0, -1),
        gifComment('*/=alert(1)//'),
        Buffer.from([0x3b]),
      ]);
      const result = await processImage(input, LIMIT);
      expect(input.includes('alert(1)')).toBe(true);
      expect(result.original.includes('alert(1)')).toBe(false);
    });
  });
});

describe('canDecode', () => {
  it('tells which pictures this build of sharp can decode', async () => {
    const avif = await noisy(16, 16).avif({ effort: 0 }).toBuffer();
    // What an iPhone HEIC looks like to the box parser: HEVC-coded.
    const heic = Buffer.from(avif);
    for (const [from, to] of [
      ['avif', 'heic'],
      ['av01', 'hvc1'],
      ['av1C', 'hvcC'],
    ] as const) {
      for (let at = heic.indexOf(from); at !== -1; at = heic.indexOf(from, at + 4)) {
        heic.write(to, at, 'latin1');
      }
    }
    expect(await canDecode(await noisy(16, 16).jpeg().toBuffer())).toBe(true);
    expect(await canDecode(avif)).toBe(true);
    expect(await canDecode(heic)).toBe(false);
    expect(await canDecode(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe(false);
    expect(await canDecode(Buffer.from('not a picture'))).toBe(false);
    expect(await code(processImage(heic, LIMIT))).toBe('file_unreadable');
  });
});
