import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { UploadMetadata } from '@couple-chat/protocol';
import { DomainError, NotFoundError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { displayName } from '../media/file-name.js';
import type { AttachmentRow } from '../models/attachment.repository.js';
import type { InTransaction, Repositories } from '../models/repositories.js';
import { attachmentPrefix, chunkKey } from '../storage/blob-keys.js';
import type { BlobStorage } from '../storage/storage.js';
import type { AccessService } from './access.service.js';
import type { AttachmentProcessor } from './attachment-processor.js';
import type { BlobReaper } from './blob-reaper.js';
import type { AuthContext } from './session.service.js';

/** What one couple may store; from the configuration. */
export interface FileLimits {
  maxFileBytes: number;
  maxFilesPerMessage: number;
  quotaBytes: number;
  maxPixels: number;
}

/** Bytes kept in memory per upload request before they are stored as one piece. */
export const UPLOAD_PIECE_BYTES = 8 * 1024 * 1024;

export const offsetMismatch = (current: number) =>
  new OffsetMismatchError(current, 'The upload is at another offset; ask with HEAD and resume.');

export class OffsetMismatchError extends DomainError {
  constructor(
    readonly currentOffset: number,
    message: string,
  ) {
    super('upload_offset_mismatch', message);
  }
}

/**
 * Resumable uploads (the tus 1.0 protocol's creation, HEAD, PATCH and termination; the
 * controller speaks the headers). Bytes are stored as pieces in the storage driver, so an upload
 * cut off at any point resumes from the last stored byte, on any instance, with disk or S3 alike.
 * When the last byte arrives the file is processed and becomes a sendable attachment.
 */
export class UploadService {
  constructor(
    private readonly deps: {
      repos: Repositories;
      inTransaction: InTransaction;
      access: AccessService;
      storage: BlobStorage;
      clock: Clock;
      limits: FileLimits;
      processor: AttachmentProcessor;
      reaper: BlobReaper;
    },
  ) {}

  /** Checks the limits before any byte is sent, and counts the announced size against the quota. */
  async create(auth: AuthContext, length: number, metadata: UploadMetadata): Promise<string> {
    const { couple } = await this.deps.access.requireCouple(auth);
    const { limits } = this.deps;
    if (length === 0) throw new DomainError('file_empty', 'An empty file cannot be sent.');
    if (length > limits.maxFileBytes) {
      throw new DomainError(
        'file_too_large',
        `A file may be at most ${Math.floor(limits.maxFileBytes / 1024 / 1024)} MB.`,
      );
    }
    const now = this.deps.clock.now();
    const id = newId(now);
    await this.deps.inTransaction(async (tx) => {
      if (!(await tx.couples.reserveStorage(couple.id, length, limits.quotaBytes))) {
        throw new DomainError(
          'storage_quota_exceeded',
          'Your shared storage is full. Delete older files to send more.',
        );
      }
      await tx.attachments.insert({
        id,
        couple_id: couple.id,
        uploader_id: auth.user.id,
        state: 'uploading',
        length,
        received: 0,
        name: displayName(metadata.filename),
        declared_type: metadata.filetype ?? null,
        animated: 0,
        variants: '[]',
        counted_bytes: length,
        created_at: now,
        updated_at: now,
      });
    });
    return id;
  }

  /**
   * How far an upload got. An upload whose every byte is stored but that was not processed (the
   * instance stopped right then) is processed now, so a resuming client never waits forever.
   */
  async offset(auth: AuthContext, id: string): Promise<{ offset: number; length: number }> {
    const row = await this.ownUpload(auth, id);
    if (row.state === 'uploading' && Number(row.received) === Number(row.length)) {
      await this.finish(row);
    }
    return { offset: Number(row.received), length: Number(row.length) };
  }

  /** Stores the bytes of one PATCH from `offset`; returns the new offset. */
  async append(
    auth: AuthContext,
    id: string,
    offset: number,
    body: AsyncIterable<Buffer> & Readable,
  ): Promise<number> {
    const row = await this.ownUpload(auth, id);
    let at = Number(row.received);
    if (row.state !== 'uploading' || offset !== at) throw offsetMismatch(at);
    const length = Number(row.length);

    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const piece = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      if (at === 0) await this.deps.processor.checkHead(row, piece);
      at = await this.storePiece(row, at, piece);
    };
    let tooLong = false;
    try {
      for await (const chunk of body) {
        const room = length - at - pendingBytes;
        if (chunk.length > room) {
          tooLong = true;
          if (room > 0) pending.push(chunk.subarray(0, room));
          pendingBytes += Math.max(0, room);
          break;
        }
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= UPLOAD_PIECE_BYTES) await flush();
      }
    } catch (err) {
      // The connection dropped: keep what arrived, so the client resumes from there.
      await flush().catch(() => undefined);
      throw err;
    }
    try {
      await flush();
    } catch (err) {
      if (err instanceof DomainError && err.code !== 'upload_offset_mismatch') {
        await this.discard(row);
      }
      throw err;
    }
    if (tooLong) {
      throw new DomainError('payload_too_large', 'More bytes were sent than the upload announced.');
    }
    if (at === length) await this.finish({ ...row, received: at });
    return at;
  }

  /** Cancels an upload (tus termination): its bytes go and its quota comes back. */
  async terminate(auth: AuthContext, id: string): Promise<void> {
    const row = await this.ownUpload(auth, id);
    if (row.message_id !== null) throw new NotFoundError('No such upload.');
    await this.discard(row);
  }

  /** Removes an attachment that is in no message: the row, its quota, then its blobs. */
  async discard(row: AttachmentRow): Promise<void> {
    const prefix = attachmentPrefix(row.couple_id, row.id);
    const removed = await this.deps.inTransaction(async (tx) => {
      const current = await tx.attachments.find(row.couple_id, row.id);
      if (!current || current.message_id !== null) return false;
      await tx.attachments.delete(row.couple_id, [row.id]);
      await tx.couples.adjustStorage(row.couple_id, -Number(current.counted_bytes));
      await tx.blobDeletions.add([prefix], this.deps.clock.now());
      return true;
    });
    if (removed) await this.deps.reaper.reap([prefix]);
  }

  /**
   * The cleanup job's part: uploads never sent in a message (abandoned halfway, or finished but
   * the message never came) and untouched for `maxAgeMs` are removed. Idempotent, instance-safe:
   * `discard` re-reads each row in its own transaction.
   */
  async sweepAbandoned(maxAgeMs: number): Promise<number> {
    let removed = 0;
    for (;;) {
      const stale = await this.deps.repos.attachments.unsentSince(
        this.deps.clock.now() - maxAgeMs,
        100,
      );
      for (const row of stale) await this.discard(row);
      removed += stale.length;
      if (stale.length < 100) return removed;
    }
  }

  /** The caller's own upload; anyone else (the partner included) gets 404. */
  private async ownUpload(auth: AuthContext, id: string): Promise<AttachmentRow> {
    const { couple } = await this.deps.access.requireCouple(auth);
    const row = await this.deps.repos.attachments.find(couple.id, id);
    if (!row || row.uploader_id !== auth.user.id) throw new NotFoundError('No such upload.');
    return row;
  }

  /** One piece: the blob first, then the offset moves (only if nobody else moved it). */
  private async storePiece(row: AttachmentRow, at: number, piece: Buffer): Promise<number> {
    const key = chunkKey(row.couple_id, row.id, at, randomBytes(6).toString('hex'));
    await this.deps.storage.put(key, piece);
    const to = at + piece.length;
    const moved = await this.deps.inTransaction(async (tx) => {
      if (!(await tx.attachments.advance(row.couple_id, row.id, at, to, this.deps.clock.now())))
        return false;
      await tx.attachments.addChunk({ attachment_id: row.id, offset: at, size: piece.length, key });
      return true;
    });
    if (!moved) {
      await this.deps.storage.delete(key);
      const current = await this.deps.repos.attachments.find(row.couple_id, row.id);
      throw offsetMismatch(Number(current?.received ?? at));
    }
    return to;
  }

  /** Every byte is here: process it; a file that is refused leaves nothing behind. */
  private async finish(row: AttachmentRow): Promise<void> {
    try {
      await this.deps.processor.process(row);
    } catch (err) {
      if (err instanceof DomainError) await this.discard(row);
      throw err;
    }
  }
}
