import { describe, expect, it } from 'vitest';
import { buildSnippet, markRuns, type Run, snapToBoundary } from './snippet';

/** The runs as "plain[marked]plain", easy to read in an assertion. */
const show = (runs: readonly Run[]) => runs.map((r) => (r.mark ? `[${r.text}]` : r.text)).join('');
/** Where `word` occurs in `text` (every time), as the server reports matches. */
const matchesOf = (text: string, word: string) => {
  const found = [];
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length))
    found.push({ start: at, end: at + word.length });
  return found;
};

describe('markRuns', () => {
  it('marks every match in Korean text and keeps the rest plain', () => {
    const text = '내일 영화 볼까? 영화관은 강남';
    expect(show(markRuns(text, matchesOf(text, '영화')))).toBe('내일 [영화] 볼까? [영화]관은 강남');
  });

  it('returns the text as one plain run without matches', () => {
    expect(markRuns('그냥 인사', [])).toEqual([{ text: '그냥 인사', mark: false }]);
  });

  it('clips matches to a piece that starts at an offset (a link inside a message)', () => {
    // The body is "보자 https://ex.com/영화" and the piece is the link, from offset 3.
    const piece = 'https://ex.com/영화';
    const runs = markRuns(
      piece,
      [
        { start: 0, end: 2 },
        { start: 18, end: 20 },
      ],
      3,
    );
    expect(show(runs)).toBe('https://ex.com/[영화]');
  });

  it('marks what is left of a match overlapping an earlier one, and joins touching marks', () => {
    const runs = markRuns('abcdefgh', [
      { start: 1, end: 4 },
      { start: 3, end: 6 },
    ]);
    expect(show(runs)).toBe('a[bcdef]gh');
    expect(runs).toHaveLength(3);
  });

  it('never splits an emoji: a match ending inside a surrogate pair takes the whole emoji', () => {
    const text = '사랑해😍😍';
    // "😍" is two UTF-16 units: 3..5 and 5..7. A match 3..4 would cut the first in half.
    const runs = markRuns(text, [{ start: 3, end: 4 }]);
    expect(show(runs)).toBe('사랑해[😍]😍');
    expect(runs.every((r) => !/[\uD800-\uDBFF]$/.test(r.text))).toBe(true);
  });
});

describe('snapToBoundary', () => {
  it('moves off the middle of a surrogate pair, back or forward', () => {
    const text = 'a😀b';
    expect(snapToBoundary(text, 2, false)).toBe(1);
    expect(snapToBoundary(text, 2, true)).toBe(3);
    expect(snapToBoundary(text, 1, false)).toBe(1);
  });

  it('keeps a family emoji (joined with ZWJ) whole', () => {
    const family = '👩‍👩‍👧';
    const text = `x${family}y`;
    const inside = 1 + 3; // inside the family, after its first person and the joiner
    expect(snapToBoundary(text, inside, false)).toBe(1);
    expect(snapToBoundary(text, inside, true)).toBe(1 + family.length);
  });
});

describe('buildSnippet', () => {
  it('shows a short message whole, with its matches marked', () => {
    const body = '오늘 저녁에 떡볶이 먹자';
    const snippet = buildSnippet(body, matchesOf(body, '떡볶이'));
    expect(show(snippet.runs)).toBe('오늘 저녁에 [떡볶이] 먹자');
    expect(snippet).toMatchObject({ cutStart: false, cutEnd: false });
  });

  it('starts a little before a match deep in a long message, at a word, and cuts the end', () => {
    const body = `${'가나다라마바사 '.repeat(20)}우리 제주도 여행 가자 ${'아자차카타파하 '.repeat(20)}`;
    const snippet = buildSnippet(body, matchesOf(body, '제주도'));
    const text = show(snippet.runs);
    expect(snippet.cutStart).toBe(true);
    expect(snippet.cutEnd).toBe(true);
    // 14 units before the match fall mid-word: it starts at the next word instead.
    expect(text.startsWith('가나다라마바사 우리 [제주도] 여행 가자 아자차카타파하')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(72 + 2);
  });

  it('marks every match inside the window and clips one running past its end', () => {
    const body = `영화 ${'x'.repeat(60)} 영화 ${'y'.repeat(40)}`;
    const late = { start: body.length - 20, end: body.length - 10 };
    const matches = [...matchesOf(body, '영화'), late];
    const snippet = buildSnippet(body, matches);
    const marked = snippet.runs.filter((r) => r.mark).map((r) => r.text);
    // Both "영화" are within the 72 units shown; the y-run match starts after the cut.
    expect(marked).toEqual(['영화', '영화']);
    expect(snippet.cutEnd).toBe(true);
  });

  it('shows the whole first match even when it is longer than the snippet', () => {
    const phrase = '아'.repeat(100);
    const body = `시작 ${phrase} 끝`;
    const snippet = buildSnippet(body, [{ start: 3, end: 103 }]);
    expect(snippet.runs.find((r) => r.mark)?.text).toBe(phrase);
  });

  it('shows a message that fits whole, even when its match is far from the start', () => {
    const body = 'Did you see the new movie trailer?';
    const snippet = buildSnippet(body, matchesOf(body, 'movie'));
    expect(show(snippet.runs)).toBe('Did you see the new [movie] trailer?');
    expect(snippet.cutStart).toBe(false);
  });

  it('never cuts an emoji at the start of the window', () => {
    // 14 units of context before the match start inside a 😀 pair (the x makes the count odd).
    const body = `${'😀'.repeat(10)}x선물 고마워 ${'정말 '.repeat(40)}`;
    const start = body.indexOf('선물');
    expect((start - 14) % 2).toBe(1);
    const snippet = buildSnippet(body, [{ start, end: start + 2 }]);
    expect(show(snippet.runs).startsWith(`${'😀'.repeat(7)}x[선물] 고마워 정말`)).toBe(true);
    expect(snippet).toMatchObject({ cutStart: true, cutEnd: true });
  });

  it('turns line breaks into spaces without moving the matches', () => {
    const body = '첫 줄\n둘째 줄에 약속';
    const snippet = buildSnippet(body, matchesOf(body, '약속'));
    expect(show(snippet.runs)).toBe('첫 줄 둘째 줄에 [약속]');
  });

  it('starts at the beginning when there is no match to centre on', () => {
    const snippet = buildSnippet('사진 보냈어', []);
    expect(snippet).toEqual({
      runs: [{ text: '사진 보냈어', mark: false }],
      cutStart: false,
      cutEnd: false,
    });
  });
});
