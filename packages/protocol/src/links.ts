/**
 * Web links in a message's text, as people type them: http(s) URLs, ending before whitespace and
 * before trailing punctuation that belongs to the sentence ("see https://a.com/x.").
 * Only http and https: other schemes (javascript:, data:) are never links.
 */
export function findLinks(text: string): { url: string; start: number; end: number }[] {
  const found: { url: string; start: number; end: number }[] = [];
  for (const match of text.matchAll(/\bhttps?:\/\/[^\s<>"'`]+/giu)) {
    let url = match[0];
    // Korean text often runs straight on from a link ("https://naver.com에서 봤어"): a host is
    // ASCII in practice, so it ends at the first other character (a path may hold any).
    const hostStart = url.indexOf('//') + 2;
    const hostEnd = url.slice(hostStart).search(/[/?#]/);
    const host = url.slice(hostStart, hostEnd < 0 ? undefined : hostStart + hostEnd);
    const foreign = host.search(/[^\x21-\x7e]/u);
    if (foreign >= 0) url = url.slice(0, hostStart + foreign);
    // Sentence punctuation and an unbalanced closing bracket are not part of the link.
    while (/[.,!?;:'"’”)\]}>。、]$/u.test(url)) {
      const last = url.at(-1);
      if (last === ')' && (url.match(/\(/g)?.length ?? 0) >= (url.match(/\)/g)?.length ?? 0)) break;
      url = url.slice(0, -1);
    }
    if (!isHttpUrl(url)) continue;
    found.push({ url, start: match.index, end: match.index + url.length });
  }
  return found;
}

function isHttpUrl(candidate: string): boolean {
  try {
    const url = new URL(candidate);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
