/**
 * HEIF/HEIC/AVIF keep EXIF (with GPS) and XMP as "items" next to the picture's own items. They
 * are neutralised in place, like MP4 metadata: each metadata item's type is renamed (readers skip
 * item types they do not know) and its bytes are zeroed, so no offset moves and the picture is
 * untouched. This works whether or not this build of sharp can decode the picture, so a HEIC
 * that is only offered as a download is cleaned too.
 */
import { DomainError } from '../errors.js';
import {
  type Box,
  BoxReader,
  hide,
  inspectMoov,
  isXmpUuid,
  type Patch,
  type ReadAt,
} from './mp4.js';

/** Item types that describe the picture instead of drawing it. */
const METADATA_ITEMS = new Set(['Exif', 'mime', 'uri ']);
const INERT_ITEM_TYPE = Buffer.from('free', 'latin1');
/** The meta box of a photo is a few kilobytes; it is read whole. */
const MAX_META_BYTES = 16 * 1024 * 1024;

function unreadable(): DomainError {
  return new DomainError('file_unreadable', 'The picture is damaged or incomplete.');
}

/** A copy of the file without metadata items; everything else stays byte for byte. */
export async function stripHeif(input: Buffer): Promise<Buffer> {
  const patches = await heifMetadataPatches(
    async (offset, length) => input.subarray(offset, offset + length),
    input.length,
  );
  const output = Buffer.from(input);
  for (const patch of patches) patch.bytes.copy(output, patch.offset);
  return output;
}

/** The patches that remove a HEIF file's metadata (see applyPatches in mp4.ts for streams). */
export async function heifMetadataPatches(read: ReadAt, size: number): Promise<Patch[]> {
  try {
    const boxes = new BoxReader(read, size);
    const patches: Patch[] = [];
    let meta: Box | null = null;
    for await (const box of boxes.children(0, size)) {
      if (box.type === 'meta' && !meta) meta = box;
      else if (box.type === 'moov') patches.push(...(await inspectMoov(boxes, box)).patches);
      else if (box.type === 'uuid' && (await isXmpUuid(boxes, box))) patches.push(...hide(box));
    }
    if (!meta) throw unreadable();
    patches.push(...(await metadataItemPatches(boxes, meta)));
    return patches;
  } catch (error) {
    // The box walk reports damage as a video would; this is a picture.
    if (error instanceof DomainError && error.code === 'file_unreadable') throw unreadable();
    throw error;
  }
}

interface Item {
  id: number;
  /** Where the 4-character item type is written, or null for old (version 0/1) entries. */
  typeOffset: number | null;
  type: string | null;
}

interface Location {
  method: number;
  dataReference: number;
  extents: Array<{ offset: number; length: number }>;
}

async function metadataItemPatches(file: BoxReader, meta: Box): Promise<Patch[]> {
  if (meta.end - meta.payload > MAX_META_BYTES) throw unreadable();
  const bytes = await file.bytes(meta.start, meta.end - meta.start);
  // The meta box is in memory now; walk it with offsets that stay absolute.
  const boxes = new BoxReader(
    async (offset, length) => bytes.subarray(offset - meta.start, offset - meta.start + length),
    meta.end,
  );
  const at = (offset: number) => offset - meta.start;
  let items: Item[] = [];
  let locations = new Map<number, Location>();
  let idat: { start: number; end: number } | null = null;
  // meta is a full box: 4 bytes of version and flags before its children.
  for await (const box of boxes.children(meta.payload + 4, meta.end)) {
    if (box.type === 'iinf') items = await itemInfos(boxes, box, bytes, at);
    else if (box.type === 'iloc')
      locations = itemLocations(bytes.subarray(at(box.payload), at(box.end)));
    else if (box.type === 'idat') idat = { start: box.payload, end: box.end };
  }
  const patches: Patch[] = [];
  for (const item of items) {
    if (item.type !== null && !METADATA_ITEMS.has(item.type)) continue;
    if (item.typeOffset !== null) patches.push({ offset: item.typeOffset, bytes: INERT_ITEM_TYPE });
    const location = locations.get(item.id);
    if (location?.dataReference !== 0) continue; // none, or in another file
    for (const extent of location.extents) {
      const range = extentRange(location.method, extent, file.size, idat);
      patches.push({ offset: range.start, bytes: Buffer.alloc(range.length) });
    }
  }
  return patches;
}

function extentRange(
  method: number,
  extent: { offset: number; length: number },
  fileSize: number,
  idat: { start: number; end: number } | null,
): { start: number; length: number } {
  // Method 0: offsets into the file; 1: into the idat box. Length 0 ("all of it") and method 2
  // (data borrowed from another item) do not occur for metadata; refuse rather than guess.
  if (extent.length === 0) throw unreadable();
  if (method === 0 && extent.offset + extent.length <= fileSize) {
    return { start: extent.offset, length: extent.length };
  }
  if (method === 1 && idat && idat.start + extent.offset + extent.length <= idat.end) {
    return { start: idat.start + extent.offset, length: extent.length };
  }
  throw unreadable();
}

async function itemInfos(
  boxes: BoxReader,
  iinf: Box,
  bytes: Buffer,
  at: (offset: number) => number,
): Promise<Item[]> {
  const version = bytes[at(iinf.payload)];
  const first = iinf.payload + 4 + (version === 0 ? 2 : 4);
  const items: Item[] = [];
  for await (const box of boxes.children(first, iinf.end)) {
    if (box.type !== 'infe') continue;
    const body = bytes.subarray(at(box.payload), at(box.end));
    const entryVersion = body[0] ?? 0;
    if (entryVersion < 2) {
      if (body.length < 6) throw unreadable();
      items.push({ id: body.readUInt16BE(4), typeOffset: null, type: null });
      continue;
    }
    const idSize = entryVersion === 2 ? 2 : 4;
    if (body.length < 4 + idSize + 2 + 4) throw unreadable();
    const id = idSize === 2 ? body.readUInt16BE(4) : body.readUInt32BE(4);
    const typeAt = 4 + idSize + 2;
    items.push({
      id,
      typeOffset: box.payload + typeAt,
      type: body.toString('latin1', typeAt, typeAt + 4),
    });
  }
  return items;
}

/** Parses `iloc` (versions 0–2): where each item's bytes are. */
function itemLocations(body: Buffer): Map<number, Location> {
  const locations = new Map<number, Location>();
  let pos = 0;
  const take = (size: number): number => {
    if (pos + size > body.length) throw unreadable();
    let value: number;
    if (size === 0) value = 0;
    else if (size === 1) value = body[pos] as number;
    else if (size === 2) value = body.readUInt16BE(pos);
    else if (size === 4) value = body.readUInt32BE(pos);
    else if (size === 8) {
      const big = body.readBigUInt64BE(pos);
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw unreadable();
      value = Number(big);
    } else throw unreadable();
    pos += size;
    return value;
  };
  const version = take(1);
  take(1); // flags: 3 bytes, all unused
  take(2);
  if (version > 2) throw unreadable();
  const sizes = take(1);
  const offsetSize = sizes >> 4;
  const lengthSize = sizes & 0x0f;
  const more = take(1);
  const baseOffsetSize = more >> 4;
  const indexSize = version === 0 ? 0 : more & 0x0f;
  const count = take(version < 2 ? 2 : 4);
  for (let i = 0; i < count; i++) {
    const id = take(version < 2 ? 2 : 4);
    const method = version === 0 ? 0 : take(2) & 0x0f;
    const dataReference = take(2);
    const base = take(baseOffsetSize);
    const extentCount = take(2);
    const extents: Location['extents'] = [];
    for (let e = 0; e < extentCount; e++) {
      take(indexSize);
      const offset = base + take(offsetSize);
      const length = take(lengthSize);
      extents.push({ offset, length });
    }
    locations.set(id, { method, dataReference, extents });
  }
  return locations;
}
