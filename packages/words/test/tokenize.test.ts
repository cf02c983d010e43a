// Table tests for each rule of the tokenizer (README "Rules").
import { describe, expect, it } from 'vitest';
import {
  countWords,
  MAX_WORD_LENGTH,
  normalizeWord,
  SUGGESTED_FILLER_WORDS,
  tokenize,
} from '../src/index.js';

type Case = [input: string, expected: string[]];
const table = (cases: Case[]) =>
  it.each(cases)('%s → %j', (input, expected) => {
    expect(tokenize(input)).toEqual(expected);
  });

describe('Korean nouns and particles', () => {
  table([
    ['음식을', ['음식']],
    ['음식이', ['음식']],
    ['음식은', ['음식']],
    ['음식도', ['음식']],
    ['음식으로', ['음식']],
    ['음식에서', ['음식']],
    ['음식이랑', ['음식']],
    ['음식에서는', ['음식']],
    ['음식까지도', ['음식']],
    ['음식이야', ['음식']],
    ['음식이었어', ['음식']],
    ['음식인데', ['음식']],
    ['친구들이랑', ['친구']],
    ['친군데', ['친구']],
    ['다음엔', ['다음']],
    ['서울로', ['서울']],
  ]);
});

describe('words that merely end in a particle-like syllable are not damaged', () => {
  table([
    ['나이', ['나이']],
    ['아이', ['아이']],
    ['고기', ['고기']],
    ['바다', ['바다']],
    ['오이', ['오이']],
    ['포도', ['포도']],
    ['휴가', ['휴가']],
    ['노래', ['노래']],
    ['가게', ['가게']],
    ['별로', ['별로']],
    ['제대로', ['제대로']],
    ['우리가', ['우리']],
    ['나이가', ['나이']],
    ['고기는', ['고기']],
    ['바다를', ['바다']],
    ['자기야', ['자기']],
    ['제주도', ['제주도']],
    ['사이다', ['사이다']],
    ['미세먼지', ['미세먼지']],
  ]);
});

describe('pronouns and their contracted forms', () => {
  table([
    ['내가 할게', ['나']],
    ['난 좋아', ['나', '좋다']],
    ['니가 좋아', ['너', '좋다']],
    ['넌 몰라', ['너', '모르다']],
    ['나도', ['나']],
    ['우리는', ['우리']],
  ]);
});

describe('predicates in dictionary form', () => {
  table([
    ['먹었어', ['먹다']],
    ['먹고', ['먹다']],
    ['먹을래', ['먹다']],
    ['먹으면', ['먹다']],
    ['먹는데', ['먹다']],
    ['좋아', ['좋다']],
    ['좋았어', ['좋다']],
    ['좋은데', ['좋다']],
    ['갔어', ['가다']],
    ['갈게', ['가다']],
    ['봤어', ['보다']],
    ['마셔', ['마시다']],
    ['추워', ['춥다']], // ㅂ-irregular
    ['고마워요', ['고맙다']],
    ['들었어', ['듣다']], // ㄷ-irregular
    ['걸어가자', ['걸어가다']],
    ['몰라', ['모르다']], // 르-irregular
    ['불렀어', ['부르다']],
    ['나았어', ['낫다']], // ㅅ-irregular
    ['예뻐', ['예쁘다']], // 으 drops
    ['바빠서', ['바쁘다']],
    ['살아', ['살다']], // ㄹ-stem
    ['사는', ['사다']],
    ['만들었어', ['만들다']],
    ['재밌어', ['재미있다']], // contraction merged with the full form
    ['배고파', ['배고프다']],
    ['알겠습니다', ['알다']],
    ['가세요', ['가다']],
    ['배우고', ['배우다']], // not the noun 배우 + copula
    ['빌려준대', ['빌려주다']], // a compound verb counts as one word
    ['화나?', ['화나다']],
  ]);
});

describe('X하다 counts as X when X is a noun', () => {
  table([
    ['사랑해', ['사랑']],
    ['공부했어', ['공부']],
    ['걱정돼', ['걱정']],
    ['피곤해', ['피곤']],
    ['말해줘', ['말']],
    ['운동하고', ['운동']],
    ['심심해', ['심심하다']],
    ['좋아해', ['좋아하다']],
    ['잘했어', ['잘하다']],
    ['덕질했어', ['덕질']], // an unknown noun + 하다
  ]);
});

describe('auxiliaries count only the main verb', () => {
  table([
    ['보고 싶어', ['보다']],
    ['보고싶어', ['보다']],
    ['먹어 봐', ['먹다']],
    ['먹어봐', ['먹다']],
    ['먹고 있어', ['먹다']],
    ['먹지 마', ['먹다']],
    ['가야 돼', ['가다']],
    ['사다 줄까', ['사다']],
    ['시간 있어?', ['시간', '있다']],
  ]);
});

describe('stopwords are not counted', () => {
  table([
    ['이거 뭐야', []],
    ['그래서 그랬구나', []],
    ['할 수 있어', ['있다']],
    ['그런 거 아니야', []],
    ['안 먹어', ['먹다']],
    ['안먹어', ['먹다']],
    ['잘자', ['잘', '자다']],
    ['잠 안자?', ['잠', '자다']], // 안 + 자다, not 안다 (to hug)
    ['안아줘', ['안다']],
    ['두 개 줘', ['주다']],
  ]);
});

describe('chat forms', () => {
  table([
    ['ㅋㅋㅋㅋㅋㅋㅋㅋ', ['ㅋㅋ']],
    ['ㅋ', ['ㅋㅋ']],
    ['ㅎㅎㅎ', ['ㅎㅎ']],
    ['ㅠㅠㅠ', ['ㅠㅠ']],
    ['ㅜㅜ', ['ㅠㅠ']],
    ['ㅋㅋㅋㅎㅎ', ['ㅋㅋ', 'ㅎㅎ']],
    ['좋아ㅋㅋㅋ', ['좋다', 'ㅋㅋ']],
    ['ㅋㅋㅋ진짜', ['ㅋㅋ', '진짜']],
    ['ㅇㅇ', ['ㅇㅇ']],
    ['ㅇㅇㅇㅇ', ['ㅇㅇ']],
    ['ㅇㅋㅇㅋ', ['ㅇㅋ']],
    ['ㅡㅡ', []],
    ['헐헐헐', ['헐']],
    ['하하하하', ['하하']],
    ['좋아아아아', ['좋다']],
    ['사랑해애애', ['사랑']],
    ['너무우우', ['너무']],
    ['배고파ㅏ', ['배고프다']],
    ['넘 좋아', ['너무', '좋다']],
    ['걍 자자', ['그냥', '자다']],
    ['개웃겨', ['개웃기다']],
    ['오글거려', ['오글거리다']],
  ]);
});

describe('emoji, links, e-mail addresses, numbers, punctuation', () => {
  table([
    ['사랑해❤️🥰', ['사랑']],
    ['🥰🥰🥰', []],
    ['고마워^^', ['고맙다']],
    ['?!...~~', []],
    ['이거 봐 https://www.youtube.com/watch?v=abc123 ㅋㅋ', ['보다', 'ㅋㅋ']],
    ['www.naver.com 들어가봐', ['들어가다']],
    ['naver.me/xYz12 링크', ['링크']],
    ['메일 hong@example.com 으로 보내줘', ['메일', '보내다']],
    ['3시에 만나', ['만나다']],
    ['3시 30분에', []],
    ['2만원 보내줄게', ['보내다']],
    ['100일 축하해', ['축하']],
    ['세 잔째야', []],
    ['아이폰15', ['아이폰']],
    ['7:30 3.5 1,000', []],
    ['010-1234-5678로 전화해', ['전화']],
    ['meet at 8pm', ['meet']],
    ['5 mins', []],
  ]);
});

describe('English', () => {
  table([
    ['Cats', ['cat']],
    ['boxes', ['box']],
    ['cookies', ['cookie']],
    ['parties', ['party']],
    ['tomatoes', ['tomato']],
    ['shoes', ['shoe']],
    ['kisses', ['kiss']],
    ['pics', ['pic']],
    ['bus', ['bus']],
    ['news', ['news']],
    ['thanks', ['thanks']],
    ['this is the bus', ['bus']],
    ['Is it raining?', ['raining']],
    ["don't I'm you're", []],
    ["my sister's dog", ['sister', 'dog']],
    ['soooo', ['so']],
    ['cooool', ['cool']],
    ['yesss', ['yes']],
    ['pleeease', ['please']],
    ['hahaha', ['haha']],
    ['lololol', ['lol']],
    ['OK', ['ok']],
    ['ＯＫ', ['ok']], // full-width
  ]);
});

describe('mixed Korean and English', () => {
  table([
    ['넷플릭스 movie 보자', ['넷플릭스', 'movie', '보다']],
    ['playlist에 넣었어', ['playlist', '넣다']],
    ['완전 cute해', ['완전', 'cute']],
    ['TMI인데', ['tmi']],
    ['meeting 끝나고 call 할게', ['meeting', '끝나다', 'call']],
  ]);
});

describe('Unicode normalisation', () => {
  const sentences = ['음식을 먹었어 ㅋㅋㅋ', '사랑해 자기야', '넷플릭스 movie 보자', '배고파ㅠㅠ'];
  it.each(sentences)('decomposed (NFD) input gives the same words: %s', (s) => {
    expect(tokenize(s.normalize('NFD'))).toEqual(tokenize(s));
    expect(tokenize(s.normalize('NFKD'))).toEqual(tokenize(s));
  });
  it('maps leftover conjoining jamo to the jamo people type', () => {
    expect(tokenize('\u110f\u110f\u110f')).toEqual(['ㅋㅋ']);
  });
  it('does not merge ㅋ with a following vowel (ㅋㅋㅠㅠ stays two words)', () => {
    expect(tokenize('ㅋㅋㅠㅠ')).toEqual(['ㅋㅋ', 'ㅠㅠ']);
  });
});

describe('limits', () => {
  it(`drops words longer than MAX_WORD_LENGTH (${MAX_WORD_LENGTH})`, () => {
    expect(tokenize('a'.repeat(10) + 'b'.repeat(1) + 'xyz'.repeat(10))).toEqual([]);
    expect(tokenize('가나다라마바사아자차카타파하'.repeat(3))).toEqual([]);
    expect(tokenize('supercalifragilistic')).toEqual(['supercalifragilistic']);
  });

  const hostile: [string, string][] = [
    ['one repeated syllable', '하'.repeat(4000)],
    ['one repeated jamo', 'ㅋ'.repeat(4000)],
    ['one repeated letter', 'a'.repeat(4000)],
    ['dots between letters', 'a.'.repeat(2000)],
    ['dots then a letter', `${'.'.repeat(3999)}a`],
    ['at signs and dots', '@a.'.repeat(1333)],
    ['digits and separators', '1.'.repeat(2000)],
    ['a pseudo-random run of syllables', pseudoRandomHangul(4000)],
    ['particles all the way down', '을'.repeat(4000)],
    ['many short words', '음식을 먹었어 '.repeat(500)],
  ];
  it.each(hostile)('tokenizes a 4,000-character message of %s quickly', (_name, text) => {
    tokenize(text); // warm-up (first call also builds nothing: the lexicon is built at import)
    const started = performance.now();
    tokenize(text);
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('countWords', () => {
  it('counts each word of a message', () => {
    expect(countWords('음식을 먹었어 음식이 좋아 ㅋㅋㅋ ㅋㅋ')).toEqual(
      new Map([
        ['음식', 2],
        ['먹다', 1],
        ['좋다', 1],
        ['ㅋㅋ', 2],
      ]),
    );
  });
});

describe('normalizeWord', () => {
  it.each([
    ['음식을', '음식'],
    ['ㅋㅋㅋㅋㅋ', 'ㅋㅋ'],
    ['Cats', 'cat'],
    ['먹었어', '먹다'],
    ['먹다', '먹다'],
    ['  음식  ', '음식'],
    ['잘자', '자다'],
    ['the', null],
    ['하다', null],
    ['123', null],
    ['😀', null],
    ['', null],
  ])('%j → %j', (input, expected) => {
    expect(normalizeWord(input)).toBe(expected);
  });

  it.each(SUGGESTED_FILLER_WORDS)('suggested filler word %s is already normalised', (w) => {
    expect(normalizeWord(w)).toBe(w);
  });
});

/** Deterministic "random" Hangul (a linear congruential generator), so the test is reproducible. */
function pseudoRandomHangul(n: number): string {
  let x = 12345;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += String.fromCharCode(0xac00 + (x % 11172));
  }
  return s;
}
