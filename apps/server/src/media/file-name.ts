/**
 * File names as the sender's device reported them are shown to the partner and offered back in
 * downloads, so they are display text only: never a path, never a way to hide what a file is.
 */

const MAX_NAME_CODE_POINTS = 200;
/** An extension longer than this is probably not one ("report.final version 2"), so cut it too. */
const MAX_KEPT_EXTENSION_CODE_POINTS = 16;

/** Line breaks and tabs read as spaces, so "line 1\nline 2.txt" stays two words. */
const CONTROL_WHITESPACE = /[\t\n\v\f\r\u0085]/g;
/**
 * C0/C1 controls and DEL, plus characters that are invisible or reorder text: with U+202E an
 * "evil\u202Egpj.exe" displays as "evilexe.jpg". Beyond the usual list this also drops the Arabic
 * letter mark (U+061C, a bidi control), the word joiner and invisible operators (U+2060–2064) and
 * the deprecated format characters (U+206A–206F).
 */
const HIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The name to show for an uploaded file; always non-empty, at most 200 code points. */
export function displayName(raw: string): string {
  const visible = raw.normalize('NFC').replace(CONTROL_WHITESPACE, ' ').replace(HIDDEN, '');
  // A name is never a path: keep what follows the last separator of either platform.
  const base = visible.slice(Math.max(visible.lastIndexOf('/'), visible.lastIndexOf('\\')) + 1);
  const name = base.replace(/\s+/g, ' ').trim();
  if (name === '' || /^\.+$/.test(name)) return 'file';
  return truncate(name);
}

/** Cuts to the limit at a grapheme boundary (no half emoji), keeping a short extension. */
function truncate(name: string): string {
  if (codePoints(name) <= MAX_NAME_CODE_POINTS) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot) : '';
  const keep = extension !== '' && codePoints(extension) <= MAX_KEPT_EXTENSION_CODE_POINTS;
  const stem = keep ? name.slice(0, dot) : name;
  const suffix = keep ? extension : '';
  const budget = MAX_NAME_CODE_POINTS - codePoints(suffix);
  let cut = '';
  let used = 0;
  for (const { segment } of graphemes.segment(stem)) {
    const size = codePoints(segment);
    if (used + size > budget) break;
    cut += segment;
    used += size;
  }
  const result = cut.trimEnd() + suffix;
  return result === '' || /^\.+$/.test(result) ? 'file' : result;
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** RFC 5987 attr-char: the only bytes a `filename*` value may carry unencoded. */
const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

/**
 * A Content-Disposition header value (RFC 6266) that carries any name safely: an ASCII
 * `filename` for old clients and the exact UTF-8 name in `filename*` (RFC 5987), which modern
 * browsers prefer. Nothing in the name can break out of the header or the quoted string.
 */
export function contentDisposition(disposition: 'inline' | 'attachment', name: string): string {
  let fallback = '';
  let encoded = '';
  for (const char of name) {
    const code = char.codePointAt(0) ?? 0;
    const plain = code >= 0x20 && code < 0x7f && char !== '"' && char !== '\\';
    fallback += plain ? char : '_';
    if (ATTR_CHAR.test(char)) {
      encoded += char;
    } else {
      for (const byte of Buffer.from(char, 'utf8')) {
        encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      }
    }
  }
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
