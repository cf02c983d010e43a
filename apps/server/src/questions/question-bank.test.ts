import { normalizeWord, SUGGESTED_FILLER_WORDS, tokenize } from '@couple-chat/words';
import { describe, expect, it } from 'vitest';
import {
  keywordsOf,
  MAX_QUESTION_LENGTH,
  PRINCIPLES,
  parseQuestionBank,
  QUESTION_BANK,
  questionById,
} from './question-bank.js';
import bankJson from './question-bank.json' with { type: 'json' };

const keywords = QUESTION_BANK.keywords;
const questions = keywords.flatMap((k) => k.questions.map((q) => ({ keyword: k, question: q })));
const allWords = keywords.flatMap((k) => k.words.map((word) => ({ keyword: k, word })));

const HANGUL = /[가-힣]/;

/**
 * Words so common in a couple's chat that a question would fire on nearly every message: pronouns, time
 * words, intensifiers and the everyday predicates. Triggers must be topic words instead.
 */
const TOO_COMMON = new Set([
  ...['나', '너', '저', '우리', '저희', '자기', '여보', '애기', '오빠', '누나', '형'],
  ...['오늘', '내일', '어제', '지금', '요즘', '이번', '다음', '시간', '때', '하루', '날'],
  ...['진짜', '정말', '너무', '그냥', '좀', '많이', '잘', '같이', '또', '다시', '제일', '먼저'],
  ...['말', '일', '것', '거', '사람', '생각', '집', '뭐', '왜', '얘기', '이야기', '하나'],
  ...['좋다', '싫다', '하다', '가다', '오다', '보다', '있다', '없다', '같다', '되다', '먹다'],
  ...['주다', '알다', '모르다', '자다', '사다', '살다', '만나다', '나다', '싶다', '괜찮다'],
  ...['힘들다', '맛있다', '재미있다', '예쁘다', '귀엽다', '보내다', '받다', '기다리다'],
  ...['good', 'time', 'today', 'day', 'thing', 'go', 'get', 'make', 'know', 'want', 'see'],
  ...['come', 'one', 'talk', 'chat', 'message', 'ok', 'yes', 'no'],
]);

/**
 * Phrases that would turn a question into surveillance (whereabouts, company, the phone and its messages,
 * passwords, exes, spending). Matched case-insensitively in both languages.
 */
const INVASIVE = [
  ...['어디야', '어디 있', '어디에 있', '어디 갔', '어디였', '어디서 뭐', '지금 뭐 해'],
  ...['누구랑', '누구와', '누구 만났', '누굴 만났', '누구한테 연락'],
  ...['위치', '폰', '핸드폰', '휴대폰', '비밀번호', '비번', '잠금'],
  ...['카톡 보여', '문자 보여', '메시지 보여', '대화 내용', '통화 기록', '연락 기록'],
  ...['전 애인', '전애인', '전남친', '전여친', '전 남자친구', '전 여자친구', '옛날 애인'],
  ...['얼마 썼', '얼마나 썼', '카드 내역', '영수증', '잔고', '몇 시에 들어'],
  ...['where are you', 'where were you', 'who were you with', 'who are you with', 'who did you'],
  ...['location', 'phone', 'password', 'passcode', 'your messages', 'show me your'],
  ...['your ex', 'ex-boyfriend', 'ex-girlfriend', 'how much did you spend', 'receipt'],
];

describe('question bank: size and coverage', () => {
  it('is version 1 with at least 120 keywords and 250 questions', () => {
    expect(QUESTION_BANK.version).toBe(1);
    expect(keywords.length).toBeGreaterThanOrEqual(120);
    expect(questions.length).toBeGreaterThanOrEqual(250);
  });

  it('gives every keyword at least two questions', () => {
    const thin = keywords.filter((k) => k.questions.length < 2).map((k) => k.id);
    expect(thin).toEqual([]);
  });

  it('represents all three principles well (each at least a fifth of the questions)', () => {
    for (const principle of PRINCIPLES) {
      const n = questions.filter(({ question }) => question.principle === principle).length;
      expect(n, principle).toBeGreaterThanOrEqual(questions.length / 5);
    }
  });

  it('parses the JSON file itself (the exported bank is the validated file)', () => {
    expect(parseQuestionBank(bankJson)).toEqual(QUESTION_BANK);
  });
});

describe('question bank: trigger words match the tokenizer', () => {
  it('lists every trigger word exactly as the tokenizer produces it', () => {
    const mismatched = allWords
      .filter(({ word }) => normalizeWord(word) !== word)
      .map(({ keyword, word }) => `${keyword.id}: ${word} → ${normalizeWord(word)}`);
    expect(mismatched).toEqual([]);
  });

  it('starts each keyword with a Korean word', () => {
    const notKorean = keywords.filter((k) => !HANGUL.test(k.words[0] ?? '')).map((k) => k.id);
    expect(notKorean).toEqual([]);
  });

  it('fires each keyword on its realistic Korean sample sentence (an inflected form)', () => {
    const misses = keywords
      .filter((k) => !tokenize(k.sample).some((w) => k.words.includes(w)))
      .map((k) => `${k.id}: ${k.sample} → ${tokenize(k.sample).join(' ')}`);
    expect(misses).toEqual([]);
    // The sample is a sentence in Korean, and it reaches the first (Korean) word through the tokenizer,
    // not by containing it bare between spaces.
    for (const k of keywords) {
      expect(HANGUL.test(k.sample), k.id).toBe(true);
      expect(tokenize(k.sample), k.id).toContain(k.words[0]);
      expect(k.sample.split(/[\s?!.,]+/), k.id).not.toContain(k.words[0]);
    }
  });

  it('fires each Korean noun trigger through its particles and the copula (base forms suffice)', () => {
    // Particles as Korean picks them: after a final consonant 은/이/을/과/이랑/으로 (로 after ㄹ) and the
    // copula 이야, after a vowel 는/가/를/와/랑/로 and 야. Predicates (…다) are lemmatised instead.
    const finalOf = (w: string) => (w.charCodeAt(w.length - 1) - 0xac00) % 28;
    const misses: string[] = [];
    for (const { keyword, word } of allWords) {
      if (!/^[가-힣]+$/.test(word) || word.endsWith('다')) continue;
      const final = finalOf(word);
      const particles =
        final === 0
          ? ['는', '가', '를', '와', '도', '에서', '랑', '로', '야', '예요']
          : [
              '은',
              '이',
              '을',
              '과',
              '도',
              '에서',
              '이랑',
              final === 8 ? '로' : '으로',
              '이야',
              '이에요',
            ];
      for (const particle of particles) {
        const words = tokenize(`${word}${particle}`);
        if (!words.some((w) => keyword.words.includes(w))) {
          misses.push(`${keyword.id}: ${word}${particle} → ${words.join(' ')}`);
        }
      }
    }
    expect(misses).toEqual([]);
  });

  it('gives every word to one keyword only', () => {
    const owner = new Map<string, string>();
    const duplicates: string[] = [];
    for (const { keyword, word } of allWords) {
      const previous = owner.get(word);
      if (previous !== undefined) duplicates.push(`${word}: ${previous}, ${keyword.id}`);
      owner.set(word, keyword.id);
    }
    expect(duplicates).toEqual([]);
  });

  it('uses no filler word and no very common word as a trigger', () => {
    const fillers = new Set(SUGGESTED_FILLER_WORDS);
    const bad = allWords
      .filter(({ word }) => fillers.has(word) || TOO_COMMON.has(word))
      .map(({ keyword, word }) => `${keyword.id}: ${word}`);
    expect(bad).toEqual([]);
  });
});

describe('question bank: questions', () => {
  it('has unique keyword ids and globally unique question ids, all slugs', () => {
    const keywordIds = keywords.map((k) => k.id);
    const questionIds = questions.map(({ question }) => question.id);
    expect(new Set(keywordIds).size).toBe(keywordIds.length);
    expect(new Set(questionIds).size).toBe(questionIds.length);
    for (const id of [...keywordIds, ...questionIds])
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('has a Korean question ending in "?" and an English translation, each at most 100 characters', () => {
    for (const { question } of questions) {
      expect(question.ko.trim(), question.id).not.toBe('');
      expect(question.en.trim(), question.id).not.toBe('');
      expect(HANGUL.test(question.ko), question.id).toBe(true);
      expect(HANGUL.test(question.en), question.id).toBe(false);
      expect(question.ko.endsWith('?'), question.id).toBe(true);
      expect(question.en.endsWith('?'), question.id).toBe(true);
      expect(question.ko.length, question.id).toBeLessThanOrEqual(MAX_QUESTION_LENGTH);
      expect(question.en.length, question.id).toBeLessThanOrEqual(MAX_QUESTION_LENGTH);
    }
  });

  it('asks in 반말, never in 존댓말', () => {
    const polite = questions
      .filter(({ question }) => /(요|니까|세요|습니까)\?/.test(question.ko))
      .map(({ question }) => question.id);
    expect(polite).toEqual([]);
  });

  it('never asks anything that watches instead of understands', () => {
    const hits: string[] = [];
    for (const { question } of questions) {
      for (const text of [question.ko, question.en]) {
        for (const phrase of INVASIVE) {
          if (text.toLowerCase().includes(phrase))
            hits.push(`${question.id}: "${phrase}" in ${text}`);
        }
      }
    }
    expect(hits).toEqual([]);
  });

  it('has a Korean and an English label for every keyword', () => {
    for (const k of keywords) {
      expect(k.label.ko.trim(), k.id).not.toBe('');
      expect(k.label.en.trim(), k.id).not.toBe('');
    }
  });
});

describe('keywordsOf', () => {
  it('finds a keyword from an inflected form through the tokenizer', () => {
    expect(keywordsOf(tokenize('음식을 너무 많이 시켰나봐ㅋㅋㅋ')).map((k) => k.id)).toEqual([
      'food',
    ]);
    expect(keywordsOf(tokenize('음식이랑 영화 둘 다 좋았어')).map((k) => k.id)).toEqual([
      'food',
      'movie',
    ]);
  });

  it('returns each keyword once, in order of first appearance, synonyms included', () => {
    const words = tokenize('영화 보고 밥 먹고 또 movie 보자 음식은 맛있었어');
    expect(keywordsOf(words).map((k) => k.id)).toEqual(['movie', 'food']);
  });

  it('matches whole tokenizer words only, not substrings', () => {
    expect(keywordsOf(['음식물쓰레기', '영화관람', '술술'])).toEqual([]);
    expect(keywordsOf(tokenize('그냥 오늘 진짜 좋았어 ㅋㅋ'))).toEqual([]);
    expect(keywordsOf([])).toEqual([]);
  });

  it('accepts any iterable', () => {
    function* words() {
      yield '커피';
      yield '라떼';
    }
    expect(keywordsOf(words()).map((k) => k.id)).toEqual(['coffee']);
    expect(keywordsOf(new Set(['여행', 'trip'])).map((k) => k.id)).toEqual(['travel']);
  });

  it('returns the same keyword objects as the bank', () => {
    const [food] = keywordsOf(['밥']);
    expect(food).toBe(keywords.find((k) => k.id === 'food'));
  });
});

describe('questionById', () => {
  it('finds a question and its keyword', () => {
    const found = questionById('food-cant-eat');
    expect(found?.keyword.id).toBe('food');
    expect(found?.question.ko).toBe('못 먹는 음식이 뭐야?');
    expect(found?.question.principle).toBe('understanding_partner');
  });

  it('finds every question of the bank', () => {
    for (const { keyword, question } of questions) {
      expect(questionById(question.id)).toEqual({ keyword, question });
    }
  });

  it('returns undefined for an unknown id', () => {
    expect(questionById('no-such-question')).toBeUndefined();
    expect(questionById('')).toBeUndefined();
    expect(questionById('food')).toBeUndefined();
  });
});

describe('parseQuestionBank', () => {
  const valid = () => ({
    version: 1,
    keywords: [
      {
        id: 'food',
        label: { ko: '음식', en: 'food' },
        words: ['음식', 'food'],
        sample: '음식은 뭐 먹을까?',
        questions: [
          {
            id: 'food-a',
            principle: 'understanding_partner',
            ko: '뭐 좋아해?',
            en: 'What do you like?',
          },
        ],
      },
      {
        id: 'movie',
        label: { ko: '영화', en: 'movies' },
        words: ['영화'],
        sample: '영화를 볼까?',
        questions: [
          {
            id: 'movie-a',
            principle: 'mutual_understanding',
            ko: '뭐 볼까?',
            en: 'What shall we watch?',
          },
        ],
      },
    ],
  });

  it('accepts a well-formed bank and freezes it', () => {
    const parsed = parseQuestionBank(valid());
    expect(parsed.keywords).toHaveLength(2);
    expect(Object.isFrozen(parsed)).toBe(true);
    expect(Object.isFrozen(parsed.keywords[0]?.questions[0])).toBe(true);
    expect(Object.isFrozen(QUESTION_BANK.keywords[0]?.words)).toBe(true);
  });

  it('rejects an unknown principle with a clear message', () => {
    const data: any = valid();
    data.keywords[0].questions[0].principle = 'checking_on_partner';
    expect(() => parseQuestionBank(data)).toThrow(/Invalid question bank[\s\S]*principle/);
  });

  it('rejects a Korean question without "?" and an over-long question', () => {
    const noMark: any = valid();
    noMark.keywords[0].questions[0].ko = '좋아하는 거 말해줘';
    expect(() => parseQuestionBank(noMark)).toThrow(/must end with "\?"/);
    const long: any = valid();
    long.keywords[0].questions[0].en = `${'a'.repeat(MAX_QUESTION_LENGTH)}?`;
    expect(() => parseQuestionBank(long)).toThrow(/Invalid question bank/);
  });

  it('rejects a word shared by two keywords, and duplicate ids', () => {
    const sharedWord: any = valid();
    sharedWord.keywords[1].words.push('food');
    expect(() => parseQuestionBank(sharedWord)).toThrow(
      /trigger word "food" already belongs to keyword "food"/,
    );
    const dupQuestion: any = valid();
    dupQuestion.keywords[1].questions[0].id = 'food-a';
    expect(() => parseQuestionBank(dupQuestion)).toThrow(/duplicate question id "food-a"/);
    const dupKeyword: any = valid();
    dupKeyword.keywords[1].id = 'food';
    expect(() => parseQuestionBank(dupKeyword)).toThrow(/duplicate keyword id "food"/);
  });

  it('rejects missing fields, unknown fields and non-slug ids', () => {
    const missing: any = valid();
    delete missing.keywords[0].sample;
    expect(() => parseQuestionBank(missing)).toThrow(/sample/);
    const extra: any = valid();
    extra.keywords[0].questions[0].answer = 'x';
    expect(() => parseQuestionBank(extra)).toThrow(/answer/);
    const badId: any = valid();
    badId.keywords[0].id = 'Food Stuff';
    expect(() => parseQuestionBank(badId)).toThrow(/slug/);
    expect(() => parseQuestionBank(null)).toThrow(/Invalid question bank/);
  });
});
