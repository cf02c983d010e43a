import sharp from 'sharp';
import { thumbHashToRGBA } from 'thumbhash';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { processPoster } from './poster.js';

const LIMIT = { maxPixels: 100e6 };

const frame = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#2a6' } });

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
}

describe('processPoster', () => {
  it('turns a browser-drawn frame into a metadata-free WebP of at most 1280', async () => {
    const input = await frame(1920, 1080)
      .withExif({
        IFD0: { Make: 'PhoneMaker' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '37/1 33/1 59/1' },
      })
      .jpeg()
      .toBuffer();
    expect((await sharp(input).metadata()).exif).toBeDefined();

    const result = await processPoster(input, LIMIT);
    expect({ width: result.width, height: result.height }).toEqual({ width: 1920, height: 1080 });
    const poster = await sharp(result.poster).metadata();
    expect(poster).toMatchObject({ format: 'webp', width: 1280, height: 720 });
    expect(poster.exif).toBeUndefined();
    expect(result.poster.includes('PhoneMaker')).toBe(false);
    const placeholder = thumbHashToRGBA(Buffer.from(result.placeholder, 'base64'));
    expect(placeholder.w).toBeGreaterThan(placeholder.h);
    // The placeholder is green, like the frame.
    expect(placeholder.rgba[1]).toBeGreaterThan(placeholder.rgba[0] as number);
  });

  it('accepts PNG and WebP and never enlarges', async () => {
    for (const format of ['png', 'webp'] as const) {
      const result = await processPoster(await frame(320, 240).toFormat(format).toBuffer(), LIMIT);
      expect(await sharp(result.poster).metadata()).toMatchObject({ width: 320, height: 240 });
    }
  });

  it('refuses anything a browser canvas does not export', async () => {
    for (const format of ['gif', 'avif'] as const) {
      const input = await frame(16, 16).toFormat(format).toBuffer();
      expect(await code(processPoster(input, LIMIT))).toBe('file_type_mismatch');
    }
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    expect(await code(processPoster(svg, LIMIT))).toBe('file_type_mismatch');
    expect(await code(processPoster(Buffer.alloc(0), LIMIT))).toBe('file_empty');
  });

  it('refuses frames over the pixel limit and damaged ones', async () => {
    const input = await frame(1920, 1080).png().toBuffer();
    expect(await code(processPoster(input, { maxPixels: 1e6 }))).toBe('image_too_large');
    expect(await code(processPoster(input.subarray(0, input.length - 30), LIMIT))).toBe(
      'file_unreadable',
    );
  });
});
