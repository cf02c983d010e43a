/**
 * MP4/MOV (ISO BMFF) videos: read duration and size from the box headers, and find the metadata
 * boxes to neutralise. Videos may be hundreds of megabytes, so nothing is loaded whole: the walk
 * reads box headers (and a few small boxes) through `read`, and the metadata is removed while
 * the file streams to storage by patching bytes in place (`applyPatches`). Sizes never change,
 * so every offset in the file (sample tables point into mdat) stays valid.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { DomainError } from '../errors.js';

/** Reads `length` bytes at `offset` of the file (fewer only at its end). */
export type ReadAt = (offset: number, length: number) => Promise<Buffer>;

/** Bytes to write over the file at an absolute offset. */
export interface Patch {
  offset: number;
  bytes: Buffer;
}

export interface Mp4Info {
  durationMs: number | null;
  width: number | null;
  height: number | null;
  patches: Patch[];
}

/** A box: `payload` is where its content starts (after size, type and any largesize). */
export interface Box {
  type: string;
  start: number;
  payload: number;
  end: number;
}

/** Hostile files can be made of millions of empty boxes; real ones have a few thousand at most. */
const MAX_BOXES = 100_000;
/** Sample tables of a metadata track are read whole; real ones are far smaller. */
const MAX_TABLE_BYTES = 4 * 1024 * 1024;
const FREE = Buffer.from('free', 'latin1');
/** The uuid Adobe uses for XMP in ISO BMFF files. */
const XMP_UUID = Buffer.from('be7acfcb97a942e89c71999491e3afac', 'hex');
/** Tracks that hold timed metadata rather than pictures or sound (GoPro GPS, camera motion). */
const METADATA_HANDLERS = new Set(['meta', 'camm']);
const ZEROES = Buffer.alloc(64 * 1024);

export function unreadableVideo(): DomainError {
  return new DomainError('file_unreadable', 'The file is damaged or incomplete.');
}

/**
 * Duration, display size and the patches that strip metadata from an MP4 or MOV file: every
 * udta, meta and uuid box of the movie and its tracks, top-level meta/udta and XMP boxes, and
 * timed-metadata tracks become zeroed `free` boxes (which players skip), the samples of those
 * tracks are zeroed in mdat, and the recording times in the movie, track and media headers too.
 */
export async function inspectMp4(read: ReadAt, size: number): Promise<Mp4Info> {
  const boxes = new BoxReader(read, size);
  const patches: Patch[] = [];
  let movie: MovieInfo | null = null;
  for await (const box of boxes.children(0, size)) {
    if (box.type === 'moov') {
      const found = await inspectMoov(boxes, box);
      patches.push(...found.patches);
      movie ??= found; // a second movie box is only stripped
    } else if (box.type === 'meta' || box.type === 'udta') {
      patches.push(...hide(box));
    } else if (box.type === 'uuid' && (await isXmpUuid(boxes, box))) {
      patches.push(...hide(box));
    }
  }
  if (!movie) throw unreadableVideo();
  return {
    durationMs: movie.durationMs,
    width: movie.width,
    height: movie.height,
    patches,
  };
}

export interface MovieInfo {
  durationMs: number | null;
  width: number | null;
  height: number | null;
  patches: Patch[];
}

/** Reads one `moov` box (also used for HEIF image sequences). */
export async function inspectMoov(boxes: BoxReader, moov: Box): Promise<MovieInfo> {
  const movie: MovieInfo = { durationMs: null, width: null, height: null, patches: [] };
  for await (const box of boxes.children(moov.payload, moov.end)) {
    if (box.type === 'mvhd') {
      const header = await boxes.payload(box, 32);
      movie.durationMs = movieDuration(header);
      movie.patches.push(zeroTimes(box, header));
    } else if (box.type === 'trak') {
      const track = await inspectTrack(boxes, box);
      movie.patches.push(...track.patches);
      if (movie.width === null && track.width > 0 && track.height > 0 && !track.removed) {
        movie.width = track.width;
        movie.height = track.height;
      }
    } else if (box.type === 'udta' || box.type === 'meta' || box.type === 'uuid') {
      movie.patches.push(...hide(box));
    }
  }
  return movie;
}

function movieDuration(header: Buffer): number | null {
  const version = header[0];
  const long = version === 1;
  if (header.length < (long ? 32 : 20)) throw unreadableVideo();
  const timescale = header.readUInt32BE(long ? 20 : 12);
  const duration = long ? header.readBigUInt64BE(24) : BigInt(header.readUInt32BE(16));
  const unknown = long ? 0xffff_ffff_ffff_ffffn : 0xffff_ffffn;
  if (timescale === 0 || duration === unknown) return null;
  return Number((duration * 1000n + BigInt(timescale) / 2n) / BigInt(timescale));
}

interface TrackInfo {
  width: number;
  height: number;
  removed: boolean;
  patches: Patch[];
}

async function inspectTrack(boxes: BoxReader, trak: Box): Promise<TrackInfo> {
  const track: TrackInfo = { width: 0, height: 0, removed: false, patches: [] };
  let handler = '';
  let sampleTable: Box | null = null;
  for await (const box of boxes.children(trak.payload, trak.end)) {
    if (box.type === 'tkhd') {
      const header = await boxes.payload(box, 96);
      Object.assign(track, displaySize(header));
      track.patches.push(zeroTimes(box, header));
    } else if (box.type === 'mdia') {
      for await (const media of boxes.children(box.payload, box.end)) {
        if (media.type === 'mdhd') {
          track.patches.push(zeroTimes(media, await boxes.payload(media, 20)));
        } else if (media.type === 'hdlr') {
          const header = await boxes.payload(media, 12);
          if (header.length < 12) throw unreadableVideo();
          handler = header.toString('latin1', 8, 12);
        } else if (media.type === 'minf') {
          for await (const info of boxes.children(media.payload, media.end)) {
            if (info.type === 'stbl') sampleTable = info;
          }
        }
      }
    } else if (box.type === 'udta' || box.type === 'meta' || box.type === 'uuid') {
      track.patches.push(...hide(box));
    }
  }
  if (METADATA_HANDLERS.has(handler)) {
    // Hiding the track removes its description; zeroing its samples removes what it recorded.
    const samples = sampleTable ? await zeroSamples(boxes, sampleTable) : [];
    return { ...track, removed: true, patches: [...hide(trak), ...samples] };
  }
  return track;
}

/** Width and height in pixels, swapped when the track matrix turns the picture a quarter. */
function displaySize(header: Buffer): { width: number; height: number } {
  const long = header[0] === 1;
  const matrix = long ? 52 : 40;
  if (header.length < matrix + 44) throw unreadableVideo();
  const width = Math.round(header.readUInt32BE(matrix + 36) / 65536);
  const height = Math.round(header.readUInt32BE(matrix + 40) / 65536);
  const a = header.readInt32BE(matrix);
  const b = header.readInt32BE(matrix + 4);
  const c = header.readInt32BE(matrix + 12);
  const d = header.readInt32BE(matrix + 16);
  const quarterTurn = a === 0 && d === 0 && b !== 0 && c !== 0;
  return quarterTurn ? { width: height, height: width } : { width, height };
}

/** Creation and modification times (version 0: two 32-bit, version 1: two 64-bit fields). */
function zeroTimes(box: Box, header: Buffer): Patch {
  const length = header[0] === 1 ? 16 : 8;
  if (header.length < 4 + length) throw unreadableVideo();
  return { offset: box.payload + 4, bytes: ZEROES.subarray(0, length) };
}

async function zeroSamples(boxes: BoxReader, stbl: Box): Promise<Patch[]> {
  let sizes: SampleSizes | null = null;
  let chunkRuns: Array<{ firstChunk: number; samplesPerChunk: number }> = [];
  let chunkOffsets: number[] = [];
  for await (const box of boxes.children(stbl.payload, stbl.end)) {
    if (box.type === 'stsz') sizes = sampleSizes(await boxes.whole(box, MAX_TABLE_BYTES));
    else if (box.type === 'stz2')
      sizes = compactSampleSizes(await boxes.whole(box, MAX_TABLE_BYTES));
    else if (box.type === 'stsc')
      chunkRuns = sampleToChunk(await boxes.whole(box, MAX_TABLE_BYTES));
    else if (box.type === 'stco' || box.type === 'co64') {
      chunkOffsets = chunkOffsetTable(await boxes.whole(box, MAX_TABLE_BYTES), box.type === 'co64');
    }
  }
  if (!sizes) return [];
  const patches: Patch[] = [];
  let sample = 0;
  let run = 0;
  let total = 0;
  for (let chunk = 0; chunk < chunkOffsets.length; chunk++) {
    while (run + 1 < chunkRuns.length && (chunkRuns[run + 1]?.firstChunk ?? 0) <= chunk + 1) run++;
    const perChunk = chunkRuns[run]?.samplesPerChunk ?? 0;
    if (sample + perChunk > sizes.count) throw unreadableVideo();
    const length = sizes.total(sample, perChunk);
    sample += perChunk;
    const offset = chunkOffsets[chunk] ?? 0;
    // Samples never overlap, so together they cannot exceed the file.
    total += length;
    if (offset + length > boxes.size || total > boxes.size) throw unreadableVideo();
    patches.push(...zeroes(offset, length));
  }
  return patches;
}

interface SampleSizes {
  count: number;
  /** Bytes of `length` consecutive samples from `first`. */
  total(first: number, length: number): number;
}

function sampleSizes(table: Buffer): SampleSizes {
  if (table.length < 12) throw unreadableVideo();
  const fixed = table.readUInt32BE(4);
  const count = table.readUInt32BE(8);
  if (fixed !== 0) return { count, total: (_first, length) => fixed * length };
  if (table.length < 12 + 4 * count) throw unreadableVideo();
  return listedSizes(count, (i) => table.readUInt32BE(12 + 4 * i));
}

function compactSampleSizes(table: Buffer): SampleSizes {
  if (table.length < 12) throw unreadableVideo();
  const bits = table[7] as number;
  const count = table.readUInt32BE(8);
  if (![4, 8, 16].includes(bits) || table.length < 12 + Math.ceil((count * bits) / 8)) {
    throw unreadableVideo();
  }
  return listedSizes(count, (i) => {
    if (bits === 16) return table.readUInt16BE(12 + 2 * i);
    if (bits === 8) return table[12 + i] as number;
    const byte = table[12 + (i >> 1)] as number;
    return i % 2 === 0 ? byte >> 4 : byte & 0x0f;
  });
}

function listedSizes(count: number, sizeOf: (index: number) => number): SampleSizes {
  return {
    count,
    total(first, length) {
      let sum = 0;
      for (let i = first; i < first + length; i++) sum += sizeOf(i);
      return sum;
    },
  };
}

function sampleToChunk(table: Buffer): Array<{ firstChunk: number; samplesPerChunk: number }> {
  if (table.length < 8) throw unreadableVideo();
  const count = table.readUInt32BE(4);
  if (table.length < 8 + 12 * count) throw unreadableVideo();
  return Array.from({ length: count }, (_, i) => ({
    firstChunk: table.readUInt32BE(8 + 12 * i),
    samplesPerChunk: table.readUInt32BE(12 + 12 * i),
  }));
}

function chunkOffsetTable(table: Buffer, long: boolean): number[] {
  if (table.length < 8) throw unreadableVideo();
  const count = table.readUInt32BE(4);
  const width = long ? 8 : 4;
  if (table.length < 8 + width * count) throw unreadableVideo();
  return Array.from({ length: count }, (_, i) =>
    long ? safeNumber(table.readBigUInt64BE(8 + 8 * i)) : table.readUInt32BE(8 + 4 * i),
  );
}

export async function isXmpUuid(boxes: BoxReader, box: Box): Promise<boolean> {
  if (box.end - box.payload < 16) return false;
  return (await boxes.bytes(box.payload, 16)).equals(XMP_UUID);
}

/**
 * Turns a box into a `free` box of the same size, which players skip, and zeroes its content
 * (a largesize field stays), so not even a byte-level search finds the metadata afterwards.
 */
export function hide(box: Box): Patch[] {
  return [{ offset: box.start + 4, bytes: FREE }, ...zeroes(box.payload, box.end - box.payload)];
}

/** Zero patches for a byte range, in pieces that share one small buffer. */
function zeroes(offset: number, length: number): Patch[] {
  const patches: Patch[] = [];
  for (let done = 0; done < length; done += ZEROES.length) {
    patches.push({
      offset: offset + done,
      bytes: ZEROES.subarray(0, Math.min(ZEROES.length, length - done)),
    });
  }
  return patches;
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw unreadableVideo();
  return Number(value);
}

/** Walks boxes through a ReadAt; sizes are checked against the parent, so nothing runs past. */
export class BoxReader {
  private visited = 0;

  constructor(
    private readonly read: ReadAt,
    readonly size: number,
  ) {}

  async *children(start: number, end: number): AsyncGenerator<Box> {
    let pos = start;
    // Fewer than 8 bytes left cannot be a box: QuickTime ends some lists with a 32-bit zero.
    while (end - pos >= 8) {
      if (++this.visited > MAX_BOXES) throw unreadableVideo();
      const box = parseBoxHeader(await this.bytes(pos, Math.min(16, end - pos)), pos, end);
      yield box;
      pos = box.end;
    }
  }

  async bytes(offset: number, length: number): Promise<Buffer> {
    const bytes = await this.read(offset, length);
    if (bytes.length < length) throw unreadableVideo();
    return bytes.subarray(0, length);
  }

  /** Up to `max` bytes of a box's content. */
  payload(box: Box, max: number): Promise<Buffer> {
    return this.bytes(box.payload, Math.min(max, box.end - box.payload));
  }

  /** A box's whole content, refused beyond `max` bytes. */
  whole(box: Box, max: number): Promise<Buffer> {
    if (box.end - box.payload > max) throw unreadableVideo();
    return this.bytes(box.payload, box.end - box.payload);
  }
}

/** Reads a box header from its first (up to) 16 bytes; size 0 means "to the end of the parent". */
export function parseBoxHeader(head: Buffer, start: number, parentEnd: number): Box {
  if (head.length < 8) throw unreadableVideo();
  const size = head.readUInt32BE(0);
  const type = head.toString('latin1', 4, 8);
  let payload = start + 8;
  let end: number;
  if (size === 1) {
    if (head.length < 16) throw unreadableVideo();
    payload = start + 16;
    end = start + safeNumber(head.readBigUInt64BE(8));
  } else {
    end = size === 0 ? parentEnd : start + size;
  }
  if (end < payload || end > parentEnd) throw unreadableVideo();
  return { type, start, payload, end };
}

/**
 * Writes patches over the bytes streaming through, by absolute offset from the first byte;
 * a patch may straddle any number of chunks. Chunks without a patch pass through uncopied.
 */
export function applyPatches(patches: readonly Patch[]): Transform {
  const sorted = patches
    .filter((patch) => patch.bytes.length > 0)
    .sort((a, b) => a.offset - b.offset);
  let position = 0;
  let first = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      const start = position;
      const end = start + chunk.length;
      position = end;
      // Patches are sorted by start; skip those that ended before this chunk.
      while (first < sorted.length && patchEnd(sorted[first] as Patch) <= start) first++;
      let out = chunk;
      for (let i = first; i < sorted.length; i++) {
        const patch = sorted[i] as Patch;
        if (patch.offset >= end) break;
        const from = Math.max(patch.offset, start);
        const to = Math.min(patchEnd(patch), end);
        if (from >= to) continue;
        if (out === chunk) out = Buffer.from(chunk); // never write into the caller's buffer
        patch.bytes.copy(out, from - start, from - patch.offset, to - patch.offset);
      }
      callback(null, out);
    },
  });
}

function patchEnd(patch: Patch): number {
  return patch.offset + patch.bytes.length;
}
