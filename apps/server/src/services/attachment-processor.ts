import { pipeline, Readable } from 'node:stream';
import type { AttachmentVariant } from '@couple-chat/protocol';
import { DomainError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { stripHeif } from '../media/heif.js';
import { canDecode, processImage } from '../media/image.js';
import { applyPatches, inspectMp4 } from '../media/mp4.js';
import { sniff } from '../media/sniff.js';
import type { AttachmentRow, UploadChunkRow } from '../models/attachment.repository.js';
import type { InTransaction, Repositories } from '../models/repositories.js';
import { attachmentPrefix, variantKey } from '../storage/blob-keys.js';
import type { BlobStorage } from '../storage/storage.js';
import type { BlobReaper } from './blob-reaper.js';

/** file-type reads at most this many bytes to recognise a format. */
const SNIFF_BYTES = 4100;

const unreadable = () =>
  new DomainError(
    'file_unreadable',
    'The file could not be read; it may be incomplete or damaged.',
  );

/**
 * Turns a complete upload into a sendable attachment: the type is sniffed from the bytes; photos
 * get their metadata removed, a preview, a thumbnail and a placeholder; MP4/MOV videos lose their
 * metadata boxes (location included) and report their duration; other files are stored as they
 * are, to be served only as downloads.
 */
export class AttachmentProcessor {
  constructor(
    private readonly deps: {
      repos: Repositories;
      inTransaction: InTransaction;
      storage: BlobStorage;
      clock: Clock;
      reaper: BlobReaper;
      maxPixels: number;
    },
  ) {}

  /** Refuses a file as soon as its first bytes show it is not what its name claims. */
  async checkHead(row: AttachmentRow, head: Buffer): Promise<void> {
    if (head.length < Math.min(SNIFF_BYTES, Number(row.length))) return;
    await sniff(head.subarray(0, SNIFF_BYTES), declaredOf(row));
  }

  async process(row: AttachmentRow): Promise<void> {
    const { storage } = this.deps;
    const chunks = await this.deps.repos.attachments.chunks(row.id);
    const length = Number(row.length);
    if (!isContiguous(chunks, length)) throw unreadable();
    const file = new ChunkedFile(storage, chunks, length);
    const sniffed = await sniff(await file.read(0, Math.min(SNIFF_BYTES, length)), declaredOf(row));

    const put = async (variant: AttachmentVariant, body: Buffer) => {
      await storage.put(variantKey(row.couple_id, row.id, variant), body);
      return body.length;
    };
    let fields: Omit<ProcessedFields, 'counted_bytes'>;
    let stored = 0;
    let kind = sniffed.kind;
    let whole: Buffer | undefined;
    if (kind === 'image') {
      whole = await file.read(0, length);
      // HEIC that this build of the image library cannot decode is still sendable, as a file.
      // Other formats are not probed first: processImage refuses what it cannot decode.
      if (/^image\/hei[cf]/.test(sniffed.mime) && !(await canDecode(whole))) kind = 'file';
    }
    if (kind === 'image' && whole) {
      const image = await processImage(whole, { maxPixels: this.deps.maxPixels });
      stored += await put('original', image.original);
      stored += await put('preview', image.preview);
      stored += await put('thumb', image.thumb);
      fields = {
        kind,
        mime: image.mime,
        size: image.original.length,
        width: image.width,
        height: image.height,
        placeholder: image.placeholder,
        animated: image.animated ? 1 : 0,
        variants: JSON.stringify(['preview', 'thumb']),
        duration_ms: null,
      };
    } else {
      let body: Readable | Buffer = file.stream();
      let size = length;
      let video = {
        durationMs: null as number | null,
        width: null as number | null,
        height: null as number | null,
      };
      if (whole) {
        // A HEIC this build cannot decode goes out as a file — still without its metadata.
        body = await stripHeif(whole);
        size = body.length;
      } else if (kind === 'video' && sniffed.mime !== 'video/webm') {
        const inspected = await inspectMp4((at: number, n: number) => file.read(at, n), length);
        video = inspected;
        // pipeline, not pipe: a failed read must fail the upload, not leave a stream hanging.
        body = pipeline(body, applyPatches(inspected.patches), () => undefined);
      }
      await storage.put(variantKey(row.couple_id, row.id, 'original'), body, size);
      stored += size;
      fields = {
        kind,
        mime: sniffed.mime,
        size,
        width: video.width,
        height: video.height,
        duration_ms: video.durationMs,
        placeholder: null,
        animated: 0,
        variants: '[]',
      };
    }

    const chunksPrefix = `${attachmentPrefix(row.couple_id, row.id)}chunks/`;
    const ready = await this.deps.inTransaction(async (tx) => {
      const now = this.deps.clock.now();
      const current = await tx.attachments.find(row.couple_id, row.id);
      if (!current) return false;
      if (
        !(await tx.attachments.markReady(row.couple_id, row.id, {
          ...fields,
          counted_bytes: stored,
          updated_at: now,
        }))
      )
        return false;
      await tx.couples.adjustStorage(row.couple_id, stored - Number(current.counted_bytes));
      await tx.blobDeletions.add([chunksPrefix], now);
      return true;
    });
    if (ready) await this.deps.reaper.reap([chunksPrefix]);
  }
}

type ProcessedFields = {
  kind: 'image' | 'video' | 'file';
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  placeholder: string | null;
  animated: number;
  variants: string;
  counted_bytes: number;
};

function declaredOf(row: AttachmentRow) {
  return { name: row.name, type: row.declared_type ?? undefined };
}

function isContiguous(chunks: readonly UploadChunkRow[], length: number): boolean {
  let at = 0;
  for (const chunk of chunks) {
    if (Number(chunk.offset) !== at) return false;
    at += Number(chunk.size);
  }
  return at === length;
}

/** An upload's stored pieces read as one file: random access for inspection, or a stream. */
class ChunkedFile {
  constructor(
    private readonly storage: BlobStorage,
    private readonly chunks: readonly UploadChunkRow[],
    private readonly length: number,
  ) {}

  async read(start: number, count: number): Promise<Buffer> {
    const end = Math.min(this.length, start + count);
    const parts: Buffer[] = [];
    for (const chunk of this.chunks) {
      const from = Number(chunk.offset);
      const to = from + Number(chunk.size);
      if (to <= start || from >= end) continue;
      const stream = await this.storage.get(chunk.key, {
        start: Math.max(start, from) - from,
        end: Math.min(end, to) - from - 1,
      });
      if (!stream) throw unreadable();
      for await (const part of stream) parts.push(part as Buffer);
    }
    return Buffer.concat(parts);
  }

  stream(): Readable {
    const { storage, chunks } = this;
    return Readable.from(
      (async function* () {
        for (const chunk of chunks) {
          const stream = await storage.get(chunk.key);
          if (!stream) throw unreadable();
          yield* stream;
        }
      })(),
    );
  }
}
