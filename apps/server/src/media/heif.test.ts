import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { hasGpsValues, PHONE_EXIF, XMP_WITH_GPS } from '../../test/support/media-fixtures.js';
import { DomainError } from '../errors.js';
import { stripHeif } from './heif.js';

/** A portrait AVIF (stored landscape, turned by its irot box) with EXIF GPS and XMP. */
async function phoneAvif(): Promise<Buffer> {
  const left = await sharp({ create: { width: 30, height: 40, channels: 3, background: 'red' } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 60, height: 40, channels: 3, background: 'blue' } })
    .composite([{ input: left, left: 0, top: 0 }])
    .withMetadata({ orientation: 6 })
    .withExif(PHONE_EXIF)
    .withXmp(XMP_WITH_GPS)
    .avif({ effort: 0 })
    .toBuffer();
}

describe('stripHeif', () => {
  it('neutralises EXIF and XMP items in place, leaving the picture and its rotation alone', async () => {
    const input = await phoneAvif();
    const before = await sharp(input).metadata();
    expect(before.exif && hasGpsValues(before.exif)).toBe(true);
    expect(before.xmp).toBeDefined();
    expect(input.includes('GPSLatitude')).toBe(true);

    const output = await stripHeif(input);
    expect(output.length).toBe(input.length);
    const after = await sharp(output).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(hasGpsValues(output)).toBe(false);
    expect(output.includes('GPSLatitude')).toBe(false);
    expect(output.includes('PhoneMaker')).toBe(false);
    expect({ width: after.width, height: after.height }).toEqual({ width: 40, height: 60 });
    const pixels = async (image: Buffer) =>
      (await sharp(image).raw().toBuffer()).toString('base64');
    expect(await pixels(output)).toBe(await pixels(input));
    expect(hasGpsValues(input)).toBe(true); // the caller's buffer is left as it was
  });

  it('cleans a HEIC even though this build cannot decode it', async () => {
    // An HEVC-coded HEIC as far as every box says; the pixels are never looked at.
    const avif = await phoneAvif();
    const heic = Buffer.from(avif);
    const swap = (from: string, to: string) => {
      for (let at = heic.indexOf(from); at !== -1; at = heic.indexOf(from, at + 4)) {
        heic.write(to, at, 'latin1');
      }
    };
    swap('avif', 'heic');
    swap('av01', 'hvc1');
    swap('av1C', 'hvcC');
    expect(hasGpsValues(heic)).toBe(true);
    const output = await stripHeif(heic);
    expect(output.length).toBe(heic.length);
    expect(hasGpsValues(output)).toBe(false);
    expect(output.includes('GPSLatitude')).toBe(false);
    expect(output.includes('hvc1')).toBe(true);
  });

  it('refuses a file that is not a HEIF', async () => {
    const error = await stripHeif(Buffer.from('\0\0\0\u0010ftypheic\0\0\0\0', 'latin1')).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('file_unreadable');
  });
});
