import { type AttachmentDto, type AttachmentVariant, attachmentUrl } from '@couple-chat/protocol';

// The longest side of each rendition, as the server makes them.
const thumbMax = 400;
const previewMax = 1600;

function scaledWidth(attachment: AttachmentDto, max: number): number {
  const { width, height } = attachment;
  if (!width || !height) return max;
  return Math.round(width * Math.min(1, max / Math.max(width, height)));
}

const has = (attachment: AttachmentDto, variant: AttachmentVariant) =>
  attachment.variants.includes(variant);

/** What draws a photo or a video's still in the chat: the small rendition, the larger on dense screens. */
export function tileSources(attachment: AttachmentDto): { src: string | null; srcSet?: string } {
  const { id } = attachment;
  if (attachment.kind === 'video') {
    if (has(attachment, 'poster')) return { src: attachmentUrl(id, 'poster') };
    return { src: has(attachment, 'thumb') ? attachmentUrl(id, 'thumb') : null };
  }
  // An animated picture moves only in its original.
  if (attachment.animated) return { src: attachmentUrl(id, 'original') };
  if (!has(attachment, 'thumb')) return { src: viewerSource(attachment) };
  const thumb = attachmentUrl(id, 'thumb');
  if (!has(attachment, 'preview')) return { src: thumb };
  const preview = attachmentUrl(id, 'preview');
  return {
    src: thumb,
    srcSet: `${thumb} ${scaledWidth(attachment, thumbMax)}w, ${preview} ${scaledWidth(attachment, previewMax)}w`,
  };
}

/** What the full-screen viewer shows first (the original loads only when zoomed in). */
export function viewerSource(attachment: AttachmentDto): string {
  if (attachment.kind === 'image' && !attachment.animated && has(attachment, 'preview'))
    return attachmentUrl(attachment.id, 'preview');
  return attachmentUrl(attachment.id, 'original');
}

export function posterSource(attachment: AttachmentDto): string | undefined {
  if (has(attachment, 'poster')) return attachmentUrl(attachment.id, 'poster');
  if (has(attachment, 'preview')) return attachmentUrl(attachment.id, 'preview');
  return has(attachment, 'thumb') ? attachmentUrl(attachment.id, 'thumb') : undefined;
}

export function downloadUrl(attachment: Pick<AttachmentDto, 'id'>): string {
  return attachmentUrl(attachment.id, 'original', { download: true });
}
