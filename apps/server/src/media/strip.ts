/**
 * Lossless metadata removal: each walker copies the container's structure and keeps only what
 * draws the picture (plus the colour profile), so the photo reaches the partner bit-for-bit
 * without EXIF/GPS, XMP, IPTC, comments, embedded thumbnails or data hidden after the end.
 * Metadata is dropped by allow-list: an application segment, chunk or extension is kept only if
 * it is known to be needed for drawing (JPEG tables, frame and scan headers are all structure).
 * The caller only uses these for pictures sharp has decoded and that need no rotation.
 */
import { DomainError } from '../errors.js';

function unreadable(): DomainError {
  return new DomainError('file_unreadable', 'The picture is damaged or incomplete.');
}

// ---------------------------------------------------------------------------------------------
// JPEG: markers and segments up to each scan, entropy-coded data copied as it is.

const JPEG_SOI = Buffer.from([0xff, 0xd8]);
const JPEG_EOI = Buffer.from([0xff, 0xd9]);

export function stripJpeg(input: Buffer): Buffer {
  if (input.length < 4 || input[0] !== 0xff || input[1] !== 0xd8) throw unreadable();
  const out: Buffer[] = [JPEG_SOI];
  let pos = 2;
  for (;;) {
    if (pos >= input.length || input[pos] !== 0xff) throw unreadable();
    // Any number of 0xFF fill bytes may precede a marker.
    let at = pos + 1;
    while (at < input.length && input[at] === 0xff) at++;
    const marker = input[at];
    if (marker === undefined) throw unreadable();
    if (marker === 0xd9) {
      // End of image. Phones append more after it (MPF secondary images with their own EXIF,
      // Samsung trailers); none of that is part of the picture, so it all stays behind.
      out.push(JPEG_EOI);
      return Buffer.concat(out);
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(Buffer.from([0xff, marker])); // standalone markers carry no length
      pos = at + 1;
      continue;
    }
    if (marker === 0xd8 || marker === 0x00 || at + 3 > input.length) throw unreadable();
    const length = input.readUInt16BE(at + 1);
    const end = at + 1 + length;
    if (length < 2 || end > input.length) throw unreadable();
    const segment = input.subarray(at + 1, end); // length bytes and payload
    const kept = keepJpegSegment(marker, segment.subarray(2));
    if (kept === true) out.push(Buffer.from([0xff, marker]), segment);
    else if (kept) out.push(kept);
    pos = end;
    if (marker === 0xda) {
      // Start of scan: entropy-coded data runs to the next marker that is not a stuffed 0xFF00
      // or a restart marker.
      let scan = end;
      for (;;) {
        scan = input.indexOf(0xff, scan);
        if (scan === -1 || scan + 1 >= input.length) throw unreadable();
        const next = input[scan + 1] as number;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) scan += 2;
        else if (next === 0xff) scan += 1;
        else break;
      }
      out.push(input.subarray(end, scan));
      pos = scan;
    }
  }
}

/** true keeps the segment as it is, a Buffer replaces it, false drops it. */
function keepJpegSegment(marker: number, payload: Buffer): boolean | Buffer {
  if (marker === 0xe0) return canonicalJfif(payload);
  if (marker === 0xe2) return startsWith(payload, 'ICC_PROFILE\0'); // not MPF, FlashPix
  if (marker === 0xee) return startsWith(payload, 'Adobe'); // colour transform of the scans
  // APP1 (EXIF, XMP), APP3–APP13 (IPTC lives in APP13), APP15 and comments: metadata.
  if ((marker >= 0xe1 && marker <= 0xef) || marker === 0xfe) return false;
  return true; // tables, frame and scan headers, restart interval: the picture itself
}

/** JFIF keeps its density, but never its embedded thumbnail (an uncropped copy, say). */
function canonicalJfif(payload: Buffer): Buffer | false {
  if (payload.length < 14 || !startsWith(payload, 'JFIF\0')) return false;
  const segment = Buffer.alloc(18);
  segment.writeUInt16BE(0xffe0, 0);
  segment.writeUInt16BE(16, 2);
  payload.copy(segment, 4, 0, 12); // identifier, version, units, X and Y density
  return segment; // thumbnail width and height stay 0
}

// ---------------------------------------------------------------------------------------------
// PNG: chunks; every ancillary chunk not listed here (tEXt, zTXt, iTXt, eXIf, tIME, private
// chunks) is dropped, which the format explicitly allows.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_KEPT = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'cICP',
  'mDCV',
  'cLLI',
  'sBIT',
  'bKGD',
  'hIST',
  'pHYs',
  // animated PNG
  'acTL',
  'fcTL',
  'fdAT',
]);

export function stripPng(input: Buffer): Buffer {
  if (input.length < 8 || !input.subarray(0, 8).equals(PNG_SIGNATURE)) throw unreadable();
  const out: Buffer[] = [PNG_SIGNATURE];
  let pos = 8;
  while (pos + 12 <= input.length) {
    const length = input.readUInt32BE(pos);
    const type = input.toString('latin1', pos + 4, pos + 8);
    const end = pos + 12 + length;
    if (length > 0x7fffffff || end > input.length || !/^[A-Za-z]{4}$/.test(type)) {
      throw unreadable();
    }
    if (PNG_KEPT.has(type)) out.push(input.subarray(pos, end));
    if (type === 'IEND') return Buffer.concat(out); // anything after IEND is not the picture
    pos = end;
  }
  throw unreadable();
}

// ---------------------------------------------------------------------------------------------
// GIF: blocks; frames and their timing are copied, comments and foreign application data are
// dropped, and the two extensions that matter are rebuilt so no extra data rides along.

export function stripGif(input: Buffer): Buffer {
  if (input.length < 13 || !/^GIF8[79]a$/.test(input.toString('latin1', 0, 6))) {
    throw unreadable();
  }
  const out: Buffer[] = [];
  let pos = 13 + colourTableSize(input[10] as number);
  if (pos > input.length) throw unreadable();
  out.push(input.subarray(0, pos)); // header, logical screen, global colour table
  while (pos < input.length) {
    const block = input[pos];
    if (block === 0x2c) {
      // Image descriptor, optional local colour table, LZW code size, image data.
      if (pos + 11 > input.length) throw unreadable();
      const dataStart = pos + 10 + colourTableSize(input[pos + 9] as number) + 1;
      const end = skipSubBlocks(input, dataStart);
      out.push(input.subarray(pos, end));
      pos = end;
    } else if (block === 0x21) {
      const label = input[pos + 1];
      const end = skipSubBlocks(input, pos + 2);
      const kept = rebuildGifExtension(label, input.subarray(pos + 2, end));
      if (kept) out.push(kept);
      pos = end;
    } else {
      // The trailer, or bytes a browser would stop at anyway: the picture ends here.
      break;
    }
  }
  out.push(Buffer.from([0x3b]));
  return Buffer.concat(out);
}

function colourTableSize(packed: number): number {
  return packed & 0x80 ? 3 * (1 << ((packed & 0x07) + 1)) : 0;
}

/** Where a run of data sub-blocks (length-prefixed, ended by a 0 length) ends. */
function skipSubBlocks(input: Buffer, start: number): number {
  let pos = start;
  for (;;) {
    const size = input[pos];
    if (size === undefined) throw unreadable();
    pos += 1 + size;
    if (size === 0) return pos;
  }
}

function rebuildGifExtension(label: number | undefined, blocks: Buffer): Buffer | null {
  if (label === 0xf9 && blocks[0] === 4 && blocks.length >= 5) {
    // Graphic control: frame delay, disposal and transparency.
    return Buffer.concat([Buffer.from([0x21, 0xf9, 4]), blocks.subarray(1, 5), Buffer.from([0])]);
  }
  if (label === 0xff && blocks[0] === 11) {
    const application = blocks.toString('latin1', 1, 12);
    if (application !== 'NETSCAPE2.0' && application !== 'ANIMEXTS1.0') return null;
    // Only the loop count sub-block (id 1) is kept.
    for (
      let pos = 12;
      pos < blocks.length && blocks[pos] !== 0;
      pos += 1 + (blocks[pos] as number)
    ) {
      if (blocks[pos] === 3 && blocks[pos + 1] === 1) {
        return Buffer.concat([
          Buffer.from([0x21, 0xff, 11]),
          Buffer.from(application, 'latin1'),
          blocks.subarray(pos, pos + 4),
          Buffer.from([0]),
        ]);
      }
    }
  }
  return null; // comments, plain text, XMP and other application data
}

// ---------------------------------------------------------------------------------------------
// WebP: RIFF chunks; EXIF and XMP chunks go, and so do their flags in the VP8X header.

const WEBP_KEPT = new Set(['VP8X', 'VP8 ', 'VP8L', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
const WEBP_FRAME_KEPT = new Set(['VP8 ', 'VP8L', 'ALPH']);
const VP8X_EXIF_FLAG = 0x08;
const VP8X_XMP_FLAG = 0x04;

export function stripWebp(input: Buffer): Buffer {
  if (
    input.length < 12 ||
    input.toString('latin1', 0, 4) !== 'RIFF' ||
    input.toString('latin1', 8, 12) !== 'WEBP'
  ) {
    throw unreadable();
  }
  const end = 8 + input.readUInt32LE(4);
  if (end > input.length) throw unreadable();
  const chunks: Buffer[] = [];
  for (const chunk of riffChunks(input, 12, end)) {
    if (!WEBP_KEPT.has(chunk.type)) continue;
    if (chunk.type === 'VP8X') {
      const payload = Buffer.from(chunk.payload);
      payload[0] = (payload[0] as number) & ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG);
      chunks.push(riffChunk('VP8X', payload));
    } else if (chunk.type === 'ANMF') {
      // A frame: 16 bytes of position and timing, then its own chunks.
      const parts = [chunk.payload.subarray(0, 16)];
      for (const inner of riffChunks(chunk.payload, 16, chunk.payload.length)) {
        if (WEBP_FRAME_KEPT.has(inner.type)) parts.push(riffChunk(inner.type, inner.payload));
      }
      chunks.push(riffChunk('ANMF', Buffer.concat(parts)));
    } else {
      chunks.push(riffChunk(chunk.type, chunk.payload));
    }
  }
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), ...chunks]);
  const header = Buffer.alloc(8);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body]);
}

/** Whether a WebP holds lossless (VP8L) pixels, so a re-encode can stay lossless. */
export function isLosslessWebp(input: Buffer): boolean {
  try {
    const end = Math.min(input.length, 8 + input.readUInt32LE(4));
    for (const chunk of riffChunks(input, 12, end)) {
      if (chunk.type === 'VP8L') return true;
      if (chunk.type === 'VP8 ' || chunk.type === 'ANMF') return false;
    }
  } catch {
    // Not decidable: treat as lossy.
  }
  return false;
}

/** The chunks in [start, end); a missing pad byte after the last one is tolerated. */
function* riffChunks(
  input: Buffer,
  start: number,
  end: number,
): Generator<{ type: string; payload: Buffer }> {
  let pos = start;
  while (pos + 8 <= end) {
    const type = input.toString('latin1', pos, pos + 4);
    const size = input.readUInt32LE(pos + 4);
    if (pos + 8 + size > end) throw unreadable();
    yield { type, payload: input.subarray(pos + 8, pos + 8 + size) };
    pos += 8 + size + (size % 2);
  }
}

function riffChunk(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(type, 0, 'latin1');
  header.writeUInt32LE(payload.length, 4);
  const pad = payload.length % 2 === 1 ? Buffer.from([0]) : Buffer.alloc(0);
  return Buffer.concat([header, payload, pad]);
}

function startsWith(bytes: Buffer, text: string): boolean {
  return bytes.length >= text.length && bytes.toString('latin1', 0, text.length) === text;
}
