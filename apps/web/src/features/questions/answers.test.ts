import type { QuestionDto } from '@couple-chat/protocol';
import { describe, expect, it } from 'vitest';
import { answerStage, inLanguage } from './answers';

const question = (over: Partial<QuestionDto>): QuestionDto => ({
  id: '00000000-0000-4000-8000-000000000001',
  questionId: 'custom:1',
  text: { ko: '못 먹는 음식이 뭐야?', en: "What food can't you eat?" },
  principle: null,
  word: '음식',
  messageId: null,
  askedAt: '2026-11-24T06:00:00.000Z',
  revealedAt: null,
  answeredBy: [],
  answers: [],
  ...over,
});

describe('answerStage', () => {
  it('asks me until I answer, waits for my partner, then shows both', () => {
    expect(answerStage(question({ answeredBy: ['partner'] }), 'me')).toBe('answer');
    expect(answerStage(question({ answeredBy: ['me'] }), 'me')).toBe('waiting');
    expect(answerStage(question({ revealedAt: '2026-11-24T07:00:00.000Z' }), 'me')).toBe(
      'revealed',
    );
  });
});

describe('inLanguage', () => {
  it('reads the question in the UI language', () => {
    expect(inLanguage(question({}).text, 'en')).toBe("What food can't you eat?");
    expect(inLanguage(question({}).text, 'ko')).toBe('못 먹는 음식이 뭐야?');
  });
});
