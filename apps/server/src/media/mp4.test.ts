import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { applyPatches, inspectMp4, type Patch } from './mp4.js';

function box(type: string, ...parts: Buffer[]): Buffer {
  const payload = Buffer.concat(parts);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.length);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
}

/** A box with a 64-bit size, as cameras write for large mdat boxes. */
function largeBox(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(1);
  header.write(type, 4, 'latin1');
  header.writeBigUInt64BE(BigInt(16 + payload.length), 8);
  return Buffer.concat([header, payload]);
}

const u32 = (...values: number[]) => {
  const bytes = Buffer.alloc(4 * values.length);
  for (const [i, value] of values.entries()) bytes.writeUInt32BE(value >>> 0, 4 * i);
  return bytes;
};
const u64 = (value: number) => {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(value));
  return bytes;
};
const IDENTITY = u32(0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000);
const QUARTER_TURN = u32(0, 0x10000, 0, -0x10000, 0, 0, 0, 0, 0x40000000);
const CREATED = 0xe1a2b3c4; // a recording time, which is zeroed too

function mvhd(version: 0 | 1, timescale: number, duration: number): Buffer {
  const times =
    version === 0
      ? Buffer.concat([u32(CREATED, CREATED), u32(timescale, duration)])
      : Buffer.concat([u64(CREATED), u64(CREATED), u32(timescale), u64(duration)]);
  return box(
    'mvhd',
    u32(version << 24),
    times,
    u32(0x10000),
    Buffer.from([1, 0]),
    Buffer.alloc(10),
    IDENTITY,
    Buffer.alloc(24),
    u32(3),
  );
}

function tkhd(width: number, height: number, matrix = IDENTITY): Buffer {
  return box(
    'tkhd',
    u32(3),
    u32(CREATED, CREATED, 1, 0, 0),
    Buffer.alloc(8),
    Buffer.alloc(8),
    matrix,
    u32(width * 65536, height * 65536),
  );
}

const hdlr = (handler: string) =>
  box('hdlr', u32(0, 0), Buffer.from(handler, 'latin1'), Buffer.alloc(12), Buffer.from('\0'));

/** ©xyz, the QuickTime location atom phones write. */
const LOCATION = '+37.5665+126.9780/';
const xyz = () =>
  box(
    'udta',
    box('\u00a9xyz', Buffer.from([0, LOCATION.length, 0x15, 0xc7]), Buffer.from(LOCATION)),
  );

function videoTrack(width: number, height: number, matrix = IDENTITY): Buffer {
  return box(
    'trak',
    tkhd(width, height, matrix),
    box('mdia', box('mdhd', u32(0, CREATED, CREATED, 600, 6000), u32(0)), hdlr('vide')),
  );
}

/** A timed-metadata track (as GoPro writes GPS) whose two samples live at `offsets` in mdat. */
function metadataTrack(offsets: number[], sizes: number[]): Buffer {
  const stbl = box(
    'stbl',
    box('stsd', u32(0, 0)),
    box('stsz', u32(0, 0, sizes.length, ...sizes)),
    box('stsc', u32(0, 1, 1, 1, 1)),
    box('co64', u32(0, offsets.length), ...offsets.map(u64)),
  );
  return box(
    'trak',
    tkhd(0, 0),
    box('mdia', hdlr('meta'), box('minf', stbl)),
    box('udta', box('name', Buffer.from('GoPro MET'))),
  );
}

const ftyp = box('ftyp', Buffer.from('isom\0\0\0\0isomiso2mp41', 'latin1'));

/** ftyp + moov[mvhd, trak[tkhd], udta[©xyz]] + mdat, as in a phone video. */
function phoneVideo(): Buffer {
  return Buffer.concat([
    ftyp,
    box('moov', mvhd(0, 1000, 12_345), videoTrack(1920, 1080), xyz()),
    box('mdat', Buffer.alloc(5000, 0x5a)),
  ]);
}

type Outline = Array<string | Outline>;

/** Box types, nested for moov and trak, to compare structures. */
function outline(file: Buffer, start = 0, end = file.length): Outline {
  const types: Outline = [];
  for (let pos = start; pos + 8 <= end; ) {
    let size = file.readUInt32BE(pos);
    const type = file.toString('latin1', pos + 4, pos + 8);
    let header = 8;
    if (size === 1) {
      size = Number(file.readBigUInt64BE(pos + 8));
      header = 16;
    }
    types.push(
      type === 'moov' || type === 'trak'
        ? [type, ...outline(file, pos + header, pos + size)]
        : type,
    );
    pos += size;
  }
  return types;
}

const readerOf = (file: Buffer) => async (offset: number, length: number) =>
  file.subarray(offset, offset + length);

async function streamed(file: Buffer, patches: Patch[], chunkSize: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < file.length; i += chunkSize) chunks.push(file.subarray(i, i + chunkSize));
  const out: Buffer[] = [];
  await pipeline(Readable.from(chunks), applyPatches(patches), async (source) => {
    for await (const chunk of source) out.push(chunk as Buffer);
  });
  return Buffer.concat(out);
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
}

describe('inspectMp4', () => {
  it('reads duration and size, and streaming the patches removes ©xyz and nothing else', async () => {
    const file = phoneVideo();
    const info = await inspectMp4(readerOf(file), file.length);
    expect(info.durationMs).toBe(12_345);
    expect(info.width).toBe(1920);
    expect(info.height).toBe(1080);

    const output = await streamed(file, info.patches, 64 * 1024);
    expect(output.length).toBe(file.length);
    expect(file.includes(LOCATION)).toBe(true);
    expect(output.includes(LOCATION)).toBe(false);
    expect(output.includes(Buffer.from('\u00a9xyz', 'latin1'))).toBe(false);
    // The udta box is now a zeroed free box of the same size, which players skip.
    const udta = file.indexOf('udta') - 4;
    const udtaEnd = udta + file.readUInt32BE(udta);
    expect(output.subarray(udta, udta + 8)).toEqual(
      Buffer.concat([file.subarray(udta, udta + 4), Buffer.from('free')]),
    );
    expect(output.subarray(udta + 8, udtaEnd)).toEqual(Buffer.alloc(udtaEnd - udta - 8));
    expect(output.indexOf('udta')).toBe(-1);
    // Besides that box, only the recording times changed: to zero.
    const created = u32(CREATED);
    for (let at = 0; at < file.length; at++) {
      if (file[at] === output[at] || (at >= udta + 4 && at < udtaEnd)) continue;
      const inTime = [0, 1, 2, 3].some((back) =>
        file.subarray(at - back, at - back + 4).equals(created),
      );
      expect(inTime).toBe(true);
      expect(output[at]).toBe(0);
    }
    expect(output.includes(created)).toBe(false);
    expect(output.subarray(udtaEnd).equals(file.subarray(udtaEnd))).toBe(true); // mdat untouched
  });

  it('patches across chunk boundaries, whatever the chunk size', async () => {
    const file = phoneVideo();
    const { patches } = await inspectMp4(readerOf(file), file.length);
    const whole = await streamed(file, patches, file.length);
    for (const size of [1, 2, 3, 7, 13, 1000]) {
      expect((await streamed(file, patches, size)).equals(whole)).toBe(true);
    }
  });

  it('strips meta, uuid and udta of the movie and tracks, and top-level meta and XMP', async () => {
    const xmp = box(
      'uuid',
      Buffer.from('be7acfcb97a942e89c71999491e3afac', 'hex'),
      Buffer.from('<x:xmpmeta>GPS</x:xmpmeta>'),
    );
    const otherUuid = box('uuid', Buffer.alloc(16, 7), Buffer.from('keep me'));
    const appleKeys = box(
      'meta',
      u32(0),
      box('keys', Buffer.from('com.apple.quicktime.location.ISO6709')),
    );
    const file = Buffer.concat([
      ftyp,
      xmp,
      otherUuid,
      box('meta', u32(0), Buffer.from('top-level')),
      box(
        'moov',
        mvhd(1, 90_000, 90_000 * 61),
        box('trak', tkhd(0, 0), box('udta', Buffer.from('audio udta'))),
        box('trak', tkhd(1080, 1920), box('meta', u32(0), Buffer.from('track meta'))),
        appleKeys,
        box('uuid', Buffer.alloc(16, 1), Buffer.from('camera vendor data')),
      ),
      largeBox('mdat', Buffer.alloc(100)),
    ]);
    const info = await inspectMp4(readerOf(file), file.length);
    expect(info.durationMs).toBe(61_000);
    expect({ width: info.width, height: info.height }).toEqual({ width: 1080, height: 1920 });
    const output = await streamed(file, info.patches, 5);
    for (const text of [
      '<x:xmpmeta>',
      'top-level',
      'audio udta',
      'track meta',
      'ISO6709',
      'camera vendor',
    ]) {
      expect(file.includes(text)).toBe(true);
      expect(output.includes(text)).toBe(false);
    }
    expect(output.includes('keep me')).toBe(true);
    expect(outline(output)).toEqual([
      'ftyp',
      'free',
      'uuid', // not XMP: a vendor's top-level box, left alone
      'free',
      ['moov', 'mvhd', ['trak', 'tkhd', 'free'], ['trak', 'tkhd', 'free'], 'free', 'free'],
      'mdat',
    ]);
  });

  it('turns a portrait video the right way up', async () => {
    const file = Buffer.concat([
      ftyp,
      box('moov', mvhd(0, 600, 3000), videoTrack(1920, 1080, QUARTER_TURN)),
    ]);
    const info = await inspectMp4(readerOf(file), file.length);
    expect(info).toMatchObject({ durationMs: 5000, width: 1080, height: 1920 });
  });

  it('hides timed-metadata tracks and zeroes their samples in mdat', async () => {
    const samples = [Buffer.from('GPS5 37.5665 126.9780'), Buffer.from('GPS5 37.5666 126.9781')];
    const video = Buffer.alloc(300, 0x11);
    const build = (offsets: number[]) =>
      Buffer.concat([
        ftyp,
        box(
          'moov',
          mvhd(0, 1000, 2000),
          videoTrack(640, 480),
          metadataTrack(
            offsets,
            samples.map((sample) => sample.length),
          ),
        ),
        box(
          'mdat',
          video.subarray(0, 100),
          samples[0] as Buffer,
          video.subarray(100),
          samples[1] as Buffer,
        ),
      ]);
    // The offsets depend on the moov size, which does not depend on their values.
    const draft = build([0, 0]);
    const mdat = draft.length - (8 + 300 + samples.join('').length);
    const offsets = [mdat + 8 + 100, mdat + 8 + 100 + (samples[0] as Buffer).length + 200];
    const file = build(offsets);
    expect(file.toString('latin1', offsets[0], (offsets[0] as number) + 4)).toBe('GPS5');

    const info = await inspectMp4(readerOf(file), file.length);
    expect(info).toMatchObject({ durationMs: 2000, width: 640, height: 480 });
    const output = await streamed(file, info.patches, 9);
    expect(output.includes('GPS5')).toBe(false);
    expect(output.includes('37.566')).toBe(false);
    expect(output.includes('GoPro')).toBe(false); // the hidden track's own description
    expect(output.indexOf('trak', file.indexOf('trak') + 4)).toBe(-1); // second trak renamed
    expect(
      output.subarray(offsets[0], (offsets[0] as number) + (samples[0] as Buffer).length),
    ).toEqual(Buffer.alloc((samples[0] as Buffer).length));
    // The video samples around them are untouched.
    expect(output.subarray(mdat + 8, mdat + 8 + 100)).toEqual(video.subarray(0, 100));
  });

  it('reads only box headers, never the media data', async () => {
    const mdat = Buffer.alloc(8 * 1024 * 1024, 1);
    const file = Buffer.concat([
      ftyp,
      box('mdat', mdat),
      box('moov', mvhd(0, 1000, 1000), videoTrack(320, 240)),
    ]);
    let read = 0;
    const info = await inspectMp4(async (offset, length) => {
      read += length;
      return file.subarray(offset, offset + length);
    }, file.length);
    expect(info.width).toBe(320);
    expect(read).toBeLessThan(2048);
  });

  it('accepts a last box whose size is 0 (to the end of the file)', async () => {
    const open = Buffer.concat([
      ftyp,
      box('moov', mvhd(0, 1000, 1500)),
      Buffer.from([0, 0, 0, 0]),
      Buffer.from('mdat'),
      Buffer.alloc(50),
    ]);
    expect((await inspectMp4(readerOf(open), open.length)).durationMs).toBe(1500);
  });

  it('refuses a box that runs past the file, and a file without a movie box', async () => {
    const file = phoneVideo();
    expect(await code(inspectMp4(readerOf(file), file.length - 10))).toBe('file_unreadable');
    const noMoov = Buffer.concat([ftyp, box('mdat', Buffer.alloc(10))]);
    expect(await code(inspectMp4(readerOf(noMoov), noMoov.length))).toBe('file_unreadable');
    const tiny = Buffer.concat([ftyp, u32(4), Buffer.from('free')]);
    expect(await code(inspectMp4(readerOf(tiny), tiny.length))).toBe('file_unreadable');
    const endless = Buffer.concat([ftyp, u32(1), Buffer.from('mdat'), u64(1e12)]);
    expect(await code(inspectMp4(readerOf(endless), endless.length))).toBe('file_unreadable');
  });
});

describe('applyPatches', () => {
  it('writes overlapping and adjacent patches at absolute offsets and never touches its input', async () => {
    const file = Buffer.alloc(40, 0x2e);
    const original = Buffer.from(file);
    const patches = [
      { offset: 30, bytes: Buffer.from('END') },
      { offset: 3, bytes: Buffer.from('abcdef') },
      { offset: 9, bytes: Buffer.from('GH') },
      { offset: 39, bytes: Buffer.from('Z') },
    ];
    const expected = Buffer.from(file);
    for (const patch of [...patches].sort((a, b) => a.offset - b.offset))
      patch.bytes.copy(expected, patch.offset);
    for (const size of [1, 4, 6, 40]) {
      expect((await streamed(file, patches, size)).toString()).toBe(expected.toString());
    }
    expect(file).toEqual(original);
  });
});
