import type { Readable } from 'node:stream';
import type {
  AttachmentVariant,
  DrawerItem,
  DrawerResponse,
  DrawerTab,
  StorageResponse,
} from '@couple-chat/protocol';
import { DomainError, NotFoundError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { processPoster } from '../media/poster.js';
import type { AttachmentRow, DrawerCursor } from '../models/attachment.repository.js';
import type { InTransaction, Repositories } from '../models/repositories.js';
import { attachmentPrefix, couplePrefix, variantKey } from '../storage/blob-keys.js';
import type { BlobStorage } from '../storage/storage.js';
import type { AccessService } from './access.service.js';
import type { BlobReaper } from './blob-reaper.js';
import { toAttachmentDto } from './message.presenter.js';
import type { AuthContext } from './session.service.js';
import type { FileLimits } from './upload.service.js';

/** One rendition of an attachment, ready to be served. */
export interface ServedFile {
  attachment: AttachmentRow;
  variant: AttachmentVariant;
  mime: string;
  size: number;
  /** Renditions never change, so id + variant + size identify the bytes. */
  etag: string;
  open(range?: { start: number; end: number }): Promise<Readable>;
}

const noSuchFile = () => new NotFoundError('No such file.');

/** Serving, posters, the drawer and the storage figures — every read through the access check. */
export class AttachmentService {
  constructor(
    private readonly deps: {
      repos: Repositories;
      inTransaction: InTransaction;
      access: AccessService;
      storage: BlobStorage;
      clock: Clock;
      limits: FileLimits;
      reaper: BlobReaper;
    },
  ) {}

  /**
   * A rendition the caller may see: a file sent in their couple's chat, or their own upload not
   * sent yet. Anything else — another couple's file, a deleted message's — is "not found".
   */
  async file(auth: AuthContext, id: string, variant: AttachmentVariant): Promise<ServedFile> {
    const { couple } = await this.deps.access.requireCouple(auth);
    const row = await this.deps.repos.attachments.find(couple.id, id);
    if (row?.state !== 'ready') throw noSuchFile();
    if (row.message_id === null && row.uploader_id !== auth.user.id) throw noSuchFile();
    const variants = JSON.parse(row.variants) as AttachmentVariant[];
    if (variant !== 'original' && !variants.includes(variant)) throw noSuchFile();
    const key = variantKey(couple.id, id, variant);
    const stat = await this.deps.storage.stat(key);
    if (!stat) throw noSuchFile();
    const storage = this.deps.storage;
    return {
      attachment: row,
      variant,
      mime: variant === 'original' ? (row.mime ?? 'application/octet-stream') : 'image/webp',
      size: stat.size,
      etag: `"${id}-${variant}-${stat.size}"`,
      async open(range) {
        const stream = await storage.get(key, range);
        if (!stream) throw noSuchFile();
        return stream;
      },
    };
  }

  /** A video's poster frame, drawn by the sender's browser before the message is sent. */
  async setPoster(auth: AuthContext, id: string, image: Buffer): Promise<void> {
    const { couple } = await this.deps.access.requireCouple(auth);
    const row = await this.deps.repos.attachments.find(couple.id, id);
    if (!row || row.uploader_id !== auth.user.id || row.state !== 'ready') throw noSuchFile();
    if (row.kind !== 'video' || row.message_id !== null) {
      throw new DomainError(
        'validation_failed',
        'Only a video that has not been sent yet can get a poster.',
      );
    }
    const poster = await processPoster(image, { maxPixels: this.deps.limits.maxPixels });
    const key = variantKey(couple.id, id, 'poster');
    const replacedBytes = (await this.deps.storage.stat(key))?.size ?? 0;
    await this.deps.storage.put(key, poster.poster);
    const delta = poster.poster.length - replacedBytes;
    await this.deps.inTransaction(async (tx) => {
      const current = await tx.attachments.find(couple.id, id);
      if (!current || current.message_id !== null) throw noSuchFile();
      const variants = new Set(JSON.parse(current.variants) as AttachmentVariant[]);
      variants.add('poster');
      await tx.attachments.update(couple.id, id, {
        variants: JSON.stringify([...variants]),
        width: current.width ?? poster.width,
        height: current.height ?? poster.height,
        placeholder: poster.placeholder,
        counted_bytes: Number(current.counted_bytes) + delta,
        updated_at: this.deps.clock.now(),
      });
      await tx.couples.adjustStorage(couple.id, delta);
    });
  }

  async storage(auth: AuthContext): Promise<StorageResponse> {
    const { couple } = await this.deps.access.requireCouple(auth);
    const { limits } = this.deps;
    return {
      usedBytes: await this.deps.repos.couples.storageUsed(couple.id),
      quotaBytes: limits.quotaBytes,
      maxFileBytes: limits.maxFileBytes,
      maxFilesPerMessage: limits.maxFilesPerMessage,
    };
  }

  /** The drawer: sent photos and videos, other files, or links; newest first, by cursor. */
  async drawer(
    auth: AuthContext,
    tab: DrawerTab,
    before: string | undefined,
    limit: number,
  ): Promise<DrawerResponse> {
    const { couple } = await this.deps.access.requireCouple(auth);
    const cursor = parseCursor(before);
    const { repos } = this.deps;
    let items: (DrawerItem & { position: number })[];
    if (tab === 'links') {
      const rows = await repos.messageLinks.list(couple.id, cursor, limit + 1);
      items = rows.map((r) => ({
        messageId: r.message_id,
        seq: Number(r.message_seq),
        senderId: r.sender_id,
        createdAt: new Date(Number(r.created_at)).toISOString(),
        url: r.url,
        position: r.position,
      }));
    } else {
      const kinds = tab === 'media' ? (['image', 'video'] as const) : (['file'] as const);
      const rows = await repos.attachments.drawer(couple.id, kinds, cursor, limit + 1);
      const sentAt = new Map(
        (
          await repos.messages.findMany(
            [...new Set(rows.map((r) => r.message_id as string))].map((mid) => ({
              coupleId: couple.id,
              id: mid,
            })),
          )
        ).map((m) => [m.id, Number(m.created_at)]),
      );
      items = rows.map((r) => ({
        messageId: r.message_id as string,
        seq: Number(r.message_seq),
        senderId: r.uploader_id,
        createdAt: new Date(
          sentAt.get(r.message_id as string) ?? Number(r.created_at),
        ).toISOString(),
        attachment: toAttachmentDto(r),
        position: r.position ?? 0,
      }));
    }
    const page = items.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(({ position: _position, ...item }) => item),
      next: items.length > limit && last ? `${last.seq}.${last.position}` : null,
    };
  }

  /**
   * In the transaction that deletes a message: its files and links go, their storage is given
   * back, and their blobs are recorded for removal (the caller reaps them after commit).
   */
  async forgetMessageFiles(
    tx: Repositories,
    coupleId: string,
    message: { id: string; seq: number },
    now: number,
  ): Promise<string[]> {
    await tx.messageLinks.deleteOfMessage(coupleId, message.seq);
    const rows = await tx.attachments.ofMessage(coupleId, message.id);
    if (rows.length === 0) return [];
    await tx.attachments.delete(
      coupleId,
      rows.map((r) => r.id),
    );
    await tx.couples.adjustStorage(
      coupleId,
      -rows.reduce((sum, r) => sum + Number(r.counted_bytes), 0),
    );
    const prefixes = rows.map((r) => attachmentPrefix(coupleId, r.id));
    await tx.blobDeletions.add(prefixes, now);
    return prefixes;
  }

  /** When the couple's shared data is deleted: every file of theirs, in one prefix. */
  async forgetCoupleFiles(tx: Repositories, coupleId: string, now: number): Promise<string[]> {
    await tx.messageLinks.deleteAll(coupleId);
    await tx.attachments.deleteAll(coupleId);
    await tx.couples.adjustStorage(coupleId, -(await tx.couples.storageUsed(coupleId)));
    const prefix = couplePrefix(coupleId);
    await tx.blobDeletions.add([prefix], now);
    return [prefix];
  }

  reap(prefixes: readonly string[]): Promise<void> {
    return this.deps.reaper.reap(prefixes);
  }
}

function parseCursor(before: string | undefined): DrawerCursor | undefined {
  if (!before) return undefined;
  const [seq, position] = before.split('.').map(Number);
  return { seq: seq ?? 0, position: position ?? 0 };
}
