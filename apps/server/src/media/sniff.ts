import { fileTypeFromBuffer } from 'file-type';
import { DomainError } from '../errors.js';

export type MediaKind = 'image' | 'video' | 'file';

export interface SniffedType {
  kind: MediaKind;
  mime: string;
  ext: string;
}

/** How many leading bytes sniff() wants; file-type needs no more than this for any format. */
export const SNIFF_BYTES = 4100;

/** Pictures the chat shows inline, by sniffed type; the rest of image/* is offered as a download. */
const INLINE_IMAGES: Record<string, { mime: string; ext: string }> = {
  'image/jpeg': { mime: 'image/jpeg', ext: 'jpg' },
  'image/png': { mime: 'image/png', ext: 'png' },
  // An animated PNG is a PNG that every browser plays; only its preview is still (see image.ts).
  'image/apng': { mime: 'image/png', ext: 'png' },
  'image/webp': { mime: 'image/webp', ext: 'webp' },
  'image/gif': { mime: 'image/gif', ext: 'gif' },
  'image/avif': { mime: 'image/avif', ext: 'avif' },
  'image/heic': { mime: 'image/heic', ext: 'heic' },
  'image/heic-sequence': { mime: 'image/heic', ext: 'heic' },
  'image/heif': { mime: 'image/heif', ext: 'heif' },
  'image/heif-sequence': { mime: 'image/heif', ext: 'heif' },
};

/** Videos the chat plays inline; an .m4v is an MP4 with another brand. */
const INLINE_VIDEOS: Record<string, { mime: string; ext: string }> = {
  'video/mp4': { mime: 'video/mp4', ext: 'mp4' },
  'video/x-m4v': { mime: 'video/mp4', ext: 'mp4' },
  'video/quicktime': { mime: 'video/quicktime', ext: 'mov' },
  'video/webm': { mime: 'video/webm', ext: 'webm' },
};

/** Extensions that say "this is a photo or a video". */
const MEDIA_EXTENSIONS = new Set([
  'jpg',
  'jpeg',
  'png',
  'gif',
  'webp',
  'avif',
  'heic',
  'heif',
  'bmp',
  'tif',
  'tiff',
  'mp4',
  'm4v',
  'mov',
  'webm',
]);

/**
 * Declared image/video types that do not claim a photo or a video: SVG is a document (served as
 * a download), and browsers label TypeScript sources (.ts) as MPEG transport streams.
 */
const NOT_A_MEDIA_CLAIM = new Set(['image/svg+xml', 'video/mp2t']);

/**
 * Decides what an upload is from its first bytes (`head`, at least SNIFF_BYTES or the whole
 * file). The name and type the client declared only serve to refuse a file that pretends to be a
 * photo or video but is not one (an HTML page named cat.jpg), so nothing shows it as a picture.
 */
export async function sniff(
  head: Buffer,
  declared: { name: string; type?: string },
): Promise<SniffedType> {
  if (head.length === 0) throw new DomainError('file_empty', 'The file is empty.');
  const detected = await fileTypeFromBuffer(head);
  const sniffed = classify(detected?.mime, detected?.ext);
  // A picture of another format than its name says (a PNG named .jpg) is fine: the sniffed type
  // wins. Only a claim of "picture or video" about something that is neither is refused.
  const isMedia = /^(image|video)\//.test(sniffed.mime) && sniffed.mime !== 'image/svg+xml';
  if (!isMedia && claimsMedia(declared)) {
    throw new DomainError(
      'file_type_mismatch',
      'The file says it is a photo or video, but its content is something else.',
    );
  }
  return sniffed;
}

function classify(mime: string | undefined, ext: string | undefined): SniffedType {
  if (mime === undefined) return { kind: 'file', mime: 'application/octet-stream', ext: 'bin' };
  const image = INLINE_IMAGES[mime];
  if (image) return { kind: 'image', ...image };
  const video = INLINE_VIDEOS[mime];
  if (video) return { kind: 'video', ...video };
  return { kind: 'file', mime, ext: ext ?? 'bin' };
}

function claimsMedia(declared: { name: string; type?: string }): boolean {
  const base = declared.name.slice(
    Math.max(declared.name.lastIndexOf('/'), declared.name.lastIndexOf('\\')) + 1,
  );
  const dot = base.lastIndexOf('.');
  const extension =
    dot >= 0
      ? base
          .slice(dot + 1)
          .trim()
          .toLowerCase()
      : '';
  if (MEDIA_EXTENSIONS.has(extension)) return true;
  const type = (declared.type ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return /^(image|video)\/./.test(type) && !NOT_A_MEDIA_CLAIM.has(type);
}
