import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { stripHeif } from './heif.js';

const GPS = {
  IFD0: { Make: 'PhoneMaker' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '37/1 33/1 59/1' },
};
const XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="37,33.98N"/></rdf:RDF></x:xmpmeta>';

function hasGpsValues(bytes: Buffer): boolean {
  const values = [37, 1, 33, 1, 59, 1];
  const be = Buffer.alloc(24);
  const le = Buffer.alloc(24);
  values.forEach((value, i) => {
    be.writeUInt32BE(value, i * 4);
    le.writeUInt32LE(value, i * 4);
  });
  return bytes.includes(be) || bytes.includes(le);
}

/** A portrait AVIF (stored landscape, turned by its irot box) with EXIF GPS and XMP. */
async function phoneAvif(): Promise<Buffer> {
  const left = await sharp({ create: { width: 30, height: 40, channels: 3, background: 'red' } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 60, height: 40, channels: 3, background: 'blue' } })
    .composite([{ input: left, left: 0, top: 0 }])
    .withMetadata({ orientation: 6 })
    .withExif(GPS)
    .withXmp(XMP)
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
