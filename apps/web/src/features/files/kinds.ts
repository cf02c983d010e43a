import type { AttachmentDto, AttachmentKind } from '@couple-chat/protocol';

// Pictures every browser draws; others (HEIC, RAW, PSD) may still become photos on the server.
const drawable = /^image\/(jpeg|png|gif|webp|avif|bmp)$/;

/** What a picked file will most likely be shown as; the server decides from the content. */
export function kindOfFile(file: { type: string }): AttachmentKind {
  if (file.type.startsWith('video/')) return 'video';
  if (file.type.startsWith('image/') && file.type !== 'image/svg+xml') return 'image';
  return 'file';
}

/** Whether this browser can preview the file itself before it is uploaded. */
export function canPreview(file: { type: string }): boolean {
  return drawable.test(file.type) || file.type.startsWith('video/');
}

/** Photos and videos go in the picture bundle; everything else is a file card. */
export function isMedia(attachment: Pick<AttachmentDto, 'kind'>): boolean {
  return attachment.kind === 'image' || attachment.kind === 'video';
}
