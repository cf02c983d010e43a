import { describe, expect, it } from 'vitest';
import { textSegments } from './messageText';

describe('textSegments', () => {
  it('leaves text without links as one plain run', () => {
    expect(textSegments('오늘 저녁 뭐 먹을까?')).toEqual([
      { kind: 'text', text: '오늘 저녁 뭐 먹을까?' },
    ]);
  });

  it('makes http and https URLs links, with the text around them kept', () => {
    expect(textSegments('여기 봐 https://example.com/menu?id=3 맛있겠다')).toEqual([
      { kind: 'text', text: '여기 봐 ' },
      {
        kind: 'link',
        text: 'https://example.com/menu?id=3',
        href: 'https://example.com/menu?id=3',
      },
      { kind: 'text', text: ' 맛있겠다' },
    ]);
    const two = textSegments('http://a.kr and https://b.kr');
    expect(two.filter((s) => s.kind === 'link').map((s) => s.text)).toEqual([
      'http://a.kr',
      'https://b.kr',
    ]);
  });

  it('leaves sentence punctuation outside the link', () => {
    const [, link, rest] = textSegments('see https://example.com/x.');
    expect(link).toMatchObject({ kind: 'link', text: 'https://example.com/x' });
    expect(rest).toEqual({ kind: 'text', text: '.' });
  });

  it('never links javascript:, data: or other schemes', () => {
    for (const text of [
      'javascript:alert(1)',
      'click javascript://example.com/%0Aalert(1)',
      'data:text/html,<script>alert(1)</script>',
      'ftp://example.com/file',
      'mailto:me@example.com',
    ]) {
      expect(
        textSegments(text).every((s) => s.kind === 'text'),
        text,
      ).toBe(true);
    }
  });

  it('does not treat a scheme hidden inside another word as a link start', () => {
    expect(textSegments('xhttps://example.com').some((s) => s.kind === 'link')).toBe(false);
  });
});
