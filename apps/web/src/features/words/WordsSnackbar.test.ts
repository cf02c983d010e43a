import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { i18n } from '../../i18n';
import type { WordsNotice } from './useWordExclusions';
import { noticeText } from './WordsSnackbar';

const ko = i18n.getFixedT('ko');
const en = i18n.getFixedT('en');

describe('noticeText', () => {
  it('names a single excluded word', () => {
    expect(noticeText(ko, { id: 1, kind: 'excluded', words: ['음식'] })).toBe(
      "'음식'을(를) 순위에서 뺐어요",
    );
    expect(noticeText(en, { id: 1, kind: 'excluded', words: ['food'] })).toBe(
      '"food" is out of the ranking',
    );
  });

  it('counts several, with the right English plural', () => {
    const notice: WordsNotice = { id: 2, kind: 'excluded', words: ['아', '음', 'ㅋㅋ'] };
    expect(noticeText(ko, notice)).toBe('단어 3개를 순위에서 뺐어요');
    expect(noticeText(en, notice)).toBe('3 words are out of the ranking');
    expect(noticeText(en, { id: 3, kind: 'restored', words: ['아', '음'] })).toBe(
      '2 words are back in the ranking',
    );
  });

  it('explains a failure in the reader’s language', () => {
    const error = new ApiError({ code: 'network_error', status: 0 });
    expect(noticeText(en, { id: 4, kind: 'failed', error })).toBe(
      'Cannot reach the server. Check your connection and try again.',
    );
  });
});

describe('the spoken count of a row', () => {
  it('reads as a sentence in both languages', () => {
    expect(ko('words.spoken', { word: '음식', count: 12 })).toBe('음식 12회');
    expect(en('words.spoken', { word: 'food', count: 12 })).toBe('food, 12 times');
    expect(en('words.spoken', { word: 'food', count: 1 })).toBe('food, 1 time');
  });
});
