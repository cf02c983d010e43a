import type { SearchMatch } from '@couple-chat/protocol';

/** A piece of text, marked when a search term matched it. */
export interface Run {
  text: string;
  mark: boolean;
}

export interface Snippet {
  runs: Run[];
  /** Text was left out before / after (drawn as "…"). */
  cutStart: boolean;
  cutEnd: boolean;
}

// Context shown before the first match, and the snippet's length, in UTF-16 units.
const contextBefore = 14;
const snippetLength = 72;

const graphemes =
  typeof Intl.Segmenter === 'function'
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : null;

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * `index` moved to a character boundary (back when `forward` is false), so a cut never splits an
 * emoji: whole graphemes where Intl.Segmenter exists (👩‍❤️‍👨), surrogate pairs at least.
 */
export function snapToBoundary(text: string, index: number, forward: boolean): number {
  if (index <= 0) return 0;
  if (index >= text.length) return text.length;
  if (graphemes) {
    const segment = graphemes.segment(text).containing(index);
    if (segment && segment.index !== index)
      return forward ? segment.index + segment.segment.length : segment.index;
    return index;
  }
  return isLowSurrogate(text.charCodeAt(index)) ? index + (forward ? 1 : -1) : index;
}

/**
 * `text` (the part of a body that starts at `offset`) cut into plain and marked runs. Matches are
 * the server's offsets into the whole body; those reaching outside `text` are clipped to it, and
 * a match overlapping an earlier one only marks what is left of it.
 */
export function markRuns(text: string, matches: readonly SearchMatch[], offset = 0): Run[] {
  const runs: Run[] = [];
  const end = offset + text.length;
  let at = offset;
  const push = (from: number, to: number, mark: boolean) => {
    if (to <= from) return;
    const piece = text.slice(from - offset, to - offset);
    const last = runs.at(-1);
    if (last && last.mark === mark) last.text += piece;
    else runs.push({ text: piece, mark });
  };
  for (const match of [...matches].sort((a, b) => a.start - b.start)) {
    const start = snapToBoundary(text, Math.max(match.start, at) - offset, false) + offset;
    const stop = snapToBoundary(text, Math.min(match.end, end) - offset, true) + offset;
    if (stop <= start || stop <= at) continue;
    push(at, Math.max(start, at), false);
    push(Math.max(start, at), stop, true);
    at = stop;
  }
  push(at, end, false);
  return runs;
}

/**
 * A line of a result: a little before the first match, then as much as fits, with every match in
 * it marked. Line breaks become spaces (one for one, so the offsets still hold).
 */
export function buildSnippet(body: string, matches: readonly SearchMatch[]): Snippet {
  const flat = body.replace(/[\r\n\t]/g, ' ');
  const first = matches[0];
  // A little before the first match, or earlier still when the rest would not fill the line.
  let start = first
    ? Math.max(0, Math.min(first.start - contextBefore, flat.trimEnd().length - snippetLength))
    : 0;
  // Begin at the first word that starts within the context, rather than mid-word.
  if (first && start > 0 && flat[start - 1] !== ' ') {
    const space = flat.indexOf(' ', start);
    if (space >= 0 && space < first.start) start = space + 1;
  }
  start = snapToBoundary(flat, start, false);
  const end = snapToBoundary(flat, Math.max(start + snippetLength, first?.end ?? 0), true);
  const text = flat.slice(start, end).trimEnd();
  return {
    runs: markRuns(text, matches, start),
    cutStart: start > 0,
    cutEnd: end < flat.trimEnd().length,
  };
}
