/**
 * A video's poster frame, drawn by the sender's browser (the server never decodes video). It is
 * untrusted like any upload: sniffed, size-checked, and re-encoded without metadata.
 */
import { identify, readHeader, refuseScriptable, stillRenditions } from './image.js';

export interface ProcessedPoster {
  /** WebP, longest side at most 1280. */
  poster: Buffer;
  /** The frame's size as drawn (after any EXIF orientation). */
  width: number;
  height: number;
  /** ThumbHash, base64. */
  placeholder: string;
}

const POSTER_MAX = 1280;

export async function processPoster(
  input: Buffer,
  options: { maxPixels: number },
): Promise<ProcessedPoster> {
  refuseScriptable(input);
  // Browsers export canvases as these three; anything else did not come from our client.
  const type = await identify(input, ['jpeg', 'png', 'webp']);
  const header = await readHeader(input, type.format, options.maxPixels, { allFrames: false });
  const { webps, placeholder } = await stillRenditions(input, options.maxPixels, [POSTER_MAX]);
  return { poster: webps[0] as Buffer, width: header.width, height: header.height, placeholder };
}
