import { z } from 'zod';

/**
 * Files in the chat. Bytes go up with the tus 1.0 resumable-upload protocol at `UPLOADS_PATH`
 * (creation, resume with HEAD + PATCH, termination); the upload's id is the attachment's id. A
 * message names its attachments once every one of them is stored and processed.
 */
export const UPLOADS_PATH = '/api/uploads';

/** The most attachments one message may carry; the server's configured limit may be lower. */
export const ATTACHMENTS_PER_MESSAGE_MAX = 100;

/** Shown inline (photo, video) or offered for download (everything else). */
export const AttachmentKind = z.enum(['image', 'video', 'file']);
export type AttachmentKind = z.infer<typeof AttachmentKind>;

/** The renditions of an attachment the server can serve, each at its own URL. */
export const AttachmentVariant = z.enum(['original', 'preview', 'thumb', 'poster']);
export type AttachmentVariant = z.infer<typeof AttachmentVariant>;

export const AttachmentId = z.string().regex(/^[0-9a-f-]{36}$/, 'an attachment id');

export const AttachmentDto = z
  .object({
    id: z.string(),
    kind: AttachmentKind,
    /** The name as the sender's device had it, for display and downloads (never a storage path). */
    name: z.string(),
    /** Sniffed from the content, never taken from the name or the client. */
    mime: z.string(),
    /** Bytes of the original as served (after metadata was removed). */
    size: z.number().int().nonnegative(),
    /** Photos and videos: the displayed size, so the chat reserves the space before loading. */
    width: z.number().int().positive().nullable(),
    height: z.number().int().positive().nullable(),
    durationMs: z.number().int().nonnegative().nullable(),
    /** A ThumbHash (base64) drawn while the picture loads. */
    placeholder: z.string().nullable(),
    animated: z.boolean(),
    /** Which renditions besides the original exist. */
    variants: z.array(AttachmentVariant),
  })
  .meta({ id: 'Attachment' });
export type AttachmentDto = z.infer<typeof AttachmentDto>;

/** Where a rendition is served; `download` asks for `Content-Disposition: attachment`. */
export function attachmentUrl(
  id: string,
  variant: AttachmentVariant = 'original',
  options: { download?: boolean } = {},
): string {
  return `/api/attachments/${encodeURIComponent(id)}/${variant}${options.download ? '?download=1' : ''}`;
}

/** GET /api/attachments/:id/:variant?download=1 */
export const AttachmentFileParams = z
  .object({ id: AttachmentId, variant: AttachmentVariant })
  .strict();
export const AttachmentFileQuery = z.object({ download: z.enum(['0', '1']).optional() }).strict();

/** The tus `Upload-Metadata` keys the server reads (values are base64 in the header). */
export const UploadMetadata = z
  .object({
    /** The file's name on the sender's device; sanitised for storage, kept for display. */
    filename: z.string().min(1).max(1024),
    /** What the browser believes the type is; used only to refuse a mismatch, never trusted. */
    filetype: z.string().max(255).optional(),
  })
  .strip();
export type UploadMetadata = z.infer<typeof UploadMetadata>;

/** PUT /api/attachments/:id/poster — a video's poster frame drawn by the browser (JPEG, PNG, WebP). */
export const POSTER_MAX_BYTES = 2 * 1024 * 1024;
export const AttachmentParams = z.object({ id: AttachmentId }).strict();

/** GET /api/storage — the couple's usage and the limits a client checks before sending bytes. */
export const StorageResponse = z
  .object({
    usedBytes: z.number().int().nonnegative(),
    quotaBytes: z.number().int().positive(),
    maxFileBytes: z.number().int().positive(),
    maxFilesPerMessage: z.number().int().positive(),
  })
  .meta({ id: 'Storage' });
export type StorageResponse = z.infer<typeof StorageResponse>;

/** The drawer's tabs: photos & videos, other files, and links found in messages. */
export const DrawerTab = z.enum(['media', 'files', 'links']);
export type DrawerTab = z.infer<typeof DrawerTab>;

/** GET /api/drawer?tab=&before=&limit= — newest first; `before` is the previous page's `next`. */
export const DrawerQuery = z
  .object({
    tab: DrawerTab,
    before: z
      .string()
      .regex(/^\d{1,15}\.\d{1,3}$/, 'a cursor from the previous page')
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(60),
  })
  .strict();

export const DrawerItem = z.object({
  messageId: z.string(),
  seq: z.number().int().positive(),
  senderId: z.string(),
  createdAt: z.iso.datetime(),
  /** Set on the media and files tabs. */
  attachment: AttachmentDto.optional(),
  /** Set on the links tab. */
  url: z.string().optional(),
});
export type DrawerItem = z.infer<typeof DrawerItem>;

export const DrawerResponse = z
  .object({ items: z.array(DrawerItem), next: z.string().nullable() })
  .meta({ id: 'Drawer' });
export type DrawerResponse = z.infer<typeof DrawerResponse>;
