import { describe, expect, it } from 'vitest';
import { findLinks } from './links.js';

const urls = (text: string) => findLinks(text).map((l) => l.url);

describe('findLinks', () => {
  it('finds http and https links with their place in the text', () => {
    expect(findLinks('여기 https://example.com/a?b=1 봐')).toEqual([
      { url: 'https://example.com/a?b=1', start: 3, end: 28 },
    ]);
    expect(urls('http://x.org and HTTPS://Y.org/path')).toEqual([
      'http://x.org',
      'HTTPS://Y.org/path',
    ]);
  });

  it('leaves sentence punctuation out, keeps balanced parentheses in', () => {
    expect(urls('see https://a.com/x.')).toEqual(['https://a.com/x']);
    expect(urls('(https://a.com/x)')).toEqual(['https://a.com/x']);
    expect(urls('https://en.wikipedia.org/wiki/Seoul_(city)')).toEqual([
      'https://en.wikipedia.org/wiki/Seoul_(city)',
    ]);
    expect(urls('맛집 https://a.com/맛집!!')).toEqual(['https://a.com/맛집']);
  });

  it('ends a link where Korean runs on from its host, but keeps Korean in its path', () => {
    expect(urls('https://naver.com에서 봤어')).toEqual(['https://naver.com']);
    expect(urls('https://namu.wiki/w/맛집 참고')).toEqual(['https://namu.wiki/w/맛집']);
    expect(urls('http://한국.kr')).toEqual([]);
  });

  it('never treats other schemes or broken URLs as links', () => {
    expect(urls('javascript:alert(1) data:text/html,x ftp://a.com')).toEqual([]);
    expect(urls('http:// nothing')).toEqual([]);
    expect(urls('no links here')).toEqual([]);
  });
});
