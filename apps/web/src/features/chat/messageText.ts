import { findLinks } from '@couple-chat/protocol';

export type TextSegment =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; href: string };

/**
 * A message's text cut into plain runs and web links, found the same way the drawer's links tab
 * finds them; only http(s) ever becomes a link (never javascript:, data: or the like).
 */
export function textSegments(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let at = 0;
  for (const link of findLinks(text)) {
    const href = safeHref(link.url);
    if (!href || link.start < at) continue;
    if (link.start > at) segments.push({ kind: 'text', text: text.slice(at, link.start) });
    segments.push({ kind: 'link', text: text.slice(link.start, link.end), href });
    at = link.end;
  }
  if (at < text.length) segments.push({ kind: 'text', text: text.slice(at) });
  return segments;
}

// Checked again here, so a change in the shared finder can never make another scheme clickable.
function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
