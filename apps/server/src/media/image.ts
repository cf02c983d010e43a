/**
 * Photos sent in the chat: a metadata-free original, a WebP preview and thumbnail, and a
 * ThumbHash placeholder. All pixel work happens in sharp (libvips on libuv's thread pool), never
 * on the event loop. sharp decodes many formats, SVG and PDF among them, so it only ever sees
 * bytes sniffed as one of the raster formats below.
 */
import sharp, { type Metadata, type Sharp, type SharpOptions } from 'sharp';
import { rgbaToThumbHash } from 'thumbhash';
import { DomainError } from '../errors.js';
import { stripHeif } from './heif.js';
import { SNIFF_BYTES, sniff } from './sniff.js';
import { isLosslessWebp, stripGif, stripJpeg, stripPng, stripWebp } from './strip.js';

export interface ProcessedImage {
  mime: string;
  ext: string;
  /** Displayed size: after EXIF orientation; one frame of an animation. */
  width: number;
  height: number;
  /** Preview and thumbnail are animated too. */
  animated: boolean;
  /** The picture without any metadata (an ICC colour profile may stay). */
  original: Buffer;
  /** WebP, longest side at most 1600. */
  preview: Buffer;
  /** WebP, longest side at most 400. */
  thumb: Buffer;
  /** ThumbHash, base64. */
  placeholder: string;
}

/** sharp's name for each decoder this module lets it use. */
export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'heif';

const FORMAT_OF_MIME: Record<string, ImageFormat> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'heif',
  'image/heic': 'heif',
  'image/heif': 'heif',
};
const INLINE_FORMATS: readonly ImageFormat[] = ['jpeg', 'png', 'gif', 'webp', 'heif'];

const PREVIEW_MAX = 1600;
const THUMB_MAX = 400;
const PLACEHOLDER_MAX = 100; // ThumbHash takes at most 100×100
const WEBP_QUALITY = 80;
const JPEG_QUALITY = 92;
const WEBP_ORIGINAL_QUALITY = 90;
/** A safety net for pathological inputs (e.g. progressive JPEGs with thousands of scans). */
const TIMEOUT_SECONDS = 60;

/**
 * Checks a photo (type from its bytes, no markup, pixel limit read from the header) and makes
 * its renditions. Refuses with file_type_mismatch, image_too_large, file_unreadable or file_empty.
 */
export async function processImage(
  input: Buffer,
  options: { maxPixels: number },
): Promise<ProcessedImage> {
  refuseScriptable(input);
  const type = await identify(input, INLINE_FORMATS);
  const header = await readHeader(input, type.format, options.maxPixels, { allFrames: true });
  try {
    const [original, renditions] = await Promise.all([
      metadataFreeOriginal(input, type.format, header, options.maxPixels),
      header.animated
        ? animatedRenditions(input, options.maxPixels)
        : stillRenditions(input, options.maxPixels, [PREVIEW_MAX, THUMB_MAX]).then(
            ({ webps: [preview, thumb], placeholder }) => ({
              preview: preview as Buffer,
              thumb: thumb as Buffer,
              placeholder,
            }),
          ),
    ]);
    return {
      mime: type.mime,
      ext: type.ext,
      width: header.width,
      height: header.height,
      animated: header.animated,
      original,
      ...renditions,
    };
  } catch (error) {
    throw asDomainError(error);
  }
}

/**
 * Whether this build of sharp can decode the picture. Prebuilt sharp decodes AVIF but not
 * HEVC-coded HEIC (the usual iPhone photo); the caller then offers the file as a download,
 * cleaned with stripHeif() from heif.ts, since its EXIF holds the GPS position too.
 */
export async function canDecode(input: Buffer): Promise<boolean> {
  try {
    const type = await identify(input, INLINE_FORMATS);
    const meta = await sharp(input, { limitInputPixels: false }).metadata();
    if (meta.format !== type.format) return false;
    if (meta.format === 'heif' && meta.compression !== 'av1') {
      // Only an attempt tells; without an HEVC decoder it fails before any pixel work.
      await sharp(input, { failOn: 'error' }).resize(8, 8, { fit: 'inside' }).raw().toBuffer();
    }
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers shared with poster.ts.

/**
 * Refuses pictures that are also web pages or scripts (polyglots): markup anywhere in the bytes,
 * or a GIF whose header opens a JavaScript comment or assignment (`GIF89a/*…*\/=alert(1)`).
 * A tag only counts when followed by a space, `/` or `>` as in HTML; without that, `<svg`
 * alone would turn up by chance in about one of fifty 10 MB photos.
 */
export function refuseScriptable(input: Buffer): void {
  if (containsMarkup(input) || gifHeaderIsScript(input)) {
    throw new DomainError(
      'file_type_mismatch',
      'The picture also contains web page or script code, so it is not accepted.',
    );
  }
}

const MARKUP = ['<script', '<html', '<svg', '<?php', '<!doctype'].map((tag) =>
  Buffer.from(tag, 'latin1'),
);
const TAG_END = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x2f, 0x3e]);

function containsMarkup(bytes: Buffer): boolean {
  for (let at = bytes.indexOf(0x3c); at !== -1; at = bytes.indexOf(0x3c, at + 1)) {
    for (const tag of MARKUP) {
      if (matchesTag(bytes, at, tag)) return true;
    }
  }
  return false;
}

function matchesTag(bytes: Buffer, at: number, tag: Buffer): boolean {
  for (let i = 1; i < tag.length; i++) {
    const byte = bytes[at + i];
    if (byte === undefined) return false;
    const lower = byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
    if (lower !== tag[i]) return false;
  }
  return TAG_END.has(bytes[at + tag.length] ?? -1);
}

/**
 * Script can only follow "GIF89a" if the size bytes after it are text reaching a comment or an
 * assignment; real GIFs have such sizes only above 2300 pixels wide, and rarely then.
 */
function gifHeaderIsScript(bytes: Buffer): boolean {
  if (!/^GIF8[79]a$/.test(bytes.toString('latin1', 0, 6))) return false;
  return /^[\t-\r -~]*?(?:\/\*|\/\/|=[\t-\r -~])/.test(bytes.toString('latin1', 6, 13));
}

export interface ImageType {
  format: ImageFormat;
  mime: string;
  ext: string;
}

/** The picture's type from its bytes, refused unless it is one of `allowed`. */
export async function identify(input: Buffer, allowed: readonly ImageFormat[]): Promise<ImageType> {
  const sniffed = await sniff(input.subarray(0, SNIFF_BYTES), { name: '' });
  const format = FORMAT_OF_MIME[sniffed.mime];
  if (!format || !allowed.includes(format)) {
    throw new DomainError('file_type_mismatch', 'This kind of picture is not accepted here.');
  }
  return { format, mime: sniffed.mime, ext: sniffed.ext };
}

export interface ImageHeader {
  width: number;
  height: number;
  orientation: number;
  animated: boolean;
}

/**
 * Reads the header only (no pixels are decoded) and refuses pictures over `maxPixels`, so a
 * small file claiming a huge size (a decompression bomb) is refused before any allocation.
 * With `allFrames`, every frame of an animation counts, since each one will be decoded.
 */
export async function readHeader(
  input: Buffer,
  format: ImageFormat,
  maxPixels: number,
  options: { allFrames: boolean },
): Promise<ImageHeader> {
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw asDomainError(error);
  }
  if (meta.format !== format) {
    throw new DomainError('file_type_mismatch', 'The picture is not what its content first says.');
  }
  const animated = (format === 'gif' || format === 'webp') && (meta.pages ?? 1) > 1;
  const frames = animated && options.allFrames ? (meta.pages ?? 1) : 1;
  if (!(meta.width > 0 && meta.height > 0)) throw unreadable();
  if (meta.width * meta.height * frames > maxPixels) {
    throw new DomainError(
      'image_too_large',
      `The picture has more than ${Math.floor(maxPixels / 1e6)} megapixels.`,
    );
  }
  return {
    width: meta.autoOrient?.width ?? meta.width,
    height: meta.autoOrient?.height ?? meta.height,
    orientation: meta.orientation ?? 1,
    animated,
  };
}

/**
 * Decodes once (at the largest size wanted, which lets JPEG decode at a fraction of its size),
 * keeps those pixels in memory, and encodes every WebP and the placeholder from them.
 */
export async function stillRenditions(
  input: Buffer,
  maxPixels: number,
  sizes: readonly number[],
): Promise<{ webps: Buffer[]; placeholder: string }> {
  try {
    const largest = Math.max(...sizes);
    const { data, info } = await decoder(input, maxPixels)
      .autoOrient()
      .resize(inside(largest))
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixels = () =>
      sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
    const [placeholder, ...webps] = await Promise.all([
      thumbHash(pixels()),
      ...sizes.map((size) =>
        pixels().resize(inside(size)).webp({ quality: WEBP_QUALITY }).toBuffer(),
      ),
    ]);
    return { webps, placeholder };
  } catch (error) {
    throw asDomainError(error);
  }
}

/** sharp errors as the API's: a picture over the pixel limit, or one that does not decode. */
export function asDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof Error && /pixel limit/i.test(error.message)) {
    return new DomainError('image_too_large', 'The picture has too many pixels.');
  }
  return unreadable();
}

// ---------------------------------------------------------------------------------------------

function unreadable(): DomainError {
  return new DomainError('file_unreadable', 'The picture is damaged or incomplete.');
}

/** Every decode refuses truncated or corrupt data and pictures over the pixel limit. */
function decoder(input: Buffer, maxPixels: number, options: SharpOptions = {}): Sharp {
  return sharp(input, {
    failOn: 'error',
    limitInputPixels: Math.max(1, Math.floor(maxPixels)),
    ...options,
  }).timeout({ seconds: TIMEOUT_SECONDS });
}

function inside(size: number) {
  return { width: size, height: size, fit: 'inside' as const, withoutEnlargement: true };
}

async function thumbHash(pipeline: Sharp): Promise<string> {
  const { data, info } = await pipeline
    .resize(inside(PLACEHOLDER_MAX))
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return Buffer.from(rgbaToThumbHash(info.width, info.height, data)).toString('base64');
}

/** Animations stay animations: every frame is resized; the placeholder shows the first. */
async function animatedRenditions(input: Buffer, maxPixels: number) {
  const animation = (size: number) =>
    decoder(input, maxPixels, { animated: true })
      .resize(inside(size))
      .webp({ quality: WEBP_QUALITY })
      .toBuffer();
  const [preview, thumb, placeholder] = await Promise.all([
    animation(PREVIEW_MAX),
    animation(THUMB_MAX),
    thumbHash(decoder(input, maxPixels)),
  ]);
  return { preview, thumb, placeholder };
}

/**
 * Lossless where the container allows (the stored pixels stay exactly as sent); a picture that
 * needs an EXIF rotation is re-encoded upright instead, since dropping the EXIF would drop its
 * orientation too. HEIF keeps its rotation in its own boxes, so it is always lossless.
 */
async function metadataFreeOriginal(
  input: Buffer,
  format: ImageFormat,
  header: ImageHeader,
  maxPixels: number,
): Promise<Buffer> {
  if (format === 'heif') return stripHeif(input);
  if (header.orientation === 1) {
    if (format === 'jpeg') return stripJpeg(input);
    if (format === 'png') return stripPng(input);
    if (format === 'gif') return stripGif(input);
    return stripWebp(input);
  }
  // sharp writes no EXIF, XMP or IPTC unless asked; the colour profile is kept on purpose.
  const upright = decoder(input, maxPixels, { animated: header.animated })
    .autoOrient()
    .keepIccProfile();
  if (format === 'jpeg') return upright.jpeg({ quality: JPEG_QUALITY }).toBuffer();
  if (format === 'png') return upright.png().toBuffer();
  if (format === 'gif') return upright.gif().toBuffer();
  return upright
    .webp(isLosslessWebp(input) ? { lossless: true } : { quality: WEBP_ORIGINAL_QUALITY })
    .toBuffer();
}
