import { thumbHashToDataURL } from 'thumbhash';

// Decoding a ThumbHash costs a little; each picture is drawn many times as the list re-renders.
const cache = new Map<string, string | null>();
const cacheMax = 500;

/** A tiny blurred picture (data URL) from the server's ThumbHash, or null if it cannot be read. */
export function placeholderUrl(hash: string | null): string | null {
  if (!hash) return null;
  const known = cache.get(hash);
  if (known !== undefined) return known;
  let url: string | null;
  try {
    const bytes = Uint8Array.from(atob(hash), (c) => c.charCodeAt(0));
    url = thumbHashToDataURL(bytes);
  } catch {
    url = null;
  }
  if (cache.size >= cacheMax) cache.clear();
  cache.set(hash, url);
  return url;
}
