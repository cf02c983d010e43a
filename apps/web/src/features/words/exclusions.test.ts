import type { ExcludedWordDto } from '@couple-chat/protocol';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { fillerExamples, newlyExcluded, remainingFillers, wordFieldProblem } from './exclusions';

const at = '2026-11-25T10:00:00.000Z';
const entry = (word: string, excludedBy = 'me'): ExcludedWordDto => ({
  word,
  excludedBy,
  excludedAt: at,
});

describe('newlyExcluded', () => {
  it('finds the normalised word the server stored for what was typed', () => {
    const after = [entry('음식'), entry('아', 'partner')];
    expect(newlyExcluded(['아'], after, ['음식을'], 'me')).toEqual(['음식']);
  });

  it('is empty when the word was already excluded', () => {
    expect(newlyExcluded(['음식'], [entry('음식')], ['음식을'], 'me')).toEqual([]);
  });

  it('leaves out what the partner excluded meanwhile, so an undo never restores it', () => {
    const after = [entry('영화', 'partner'), entry('음식')];
    expect(newlyExcluded([], after, ['음식'], 'me')).toEqual(['음식']);
  });

  it('without the earlier list, trusts only my entries among the requested words', () => {
    const after = [entry('음식'), entry('ㅋㅋ'), entry('영화', 'partner')];
    expect(newlyExcluded(undefined, after, ['음식', '영화'], 'me')).toEqual(['음식']);
  });
});

describe('remainingFillers', () => {
  it('keeps the suggested words not excluded yet, in order', () => {
    expect(remainingFillers(['아', '음', 'ㅋㅋ'], [entry('음')])).toEqual(['아', 'ㅋㅋ']);
    expect(remainingFillers(['아'], [entry('아')])).toEqual([]);
  });
});

describe('fillerExamples', () => {
  it('shows a few and says there are more', () => {
    expect(fillerExamples(['아', '음', '앗'], 2)).toBe('아, 음…');
    expect(fillerExamples(['아', '음'], 2)).toBe('아, 음');
  });
});

describe('wordFieldProblem', () => {
  it('puts invalid_word on the field', () => {
    expect(wordFieldProblem(new ApiError({ code: 'invalid_word', status: 400 }))).toEqual({
      code: 'invalid_word',
    });
  });

  it('moves a validation issue of the list onto the one field', () => {
    const error = new ApiError({
      code: 'validation_failed',
      status: 400,
      issues: [{ path: 'words.0', code: 'too_big', message: 'Too big', maximum: 30 }],
    });
    expect(wordFieldProblem(error)).toEqual({
      code: 'too_big',
      minimum: undefined,
      maximum: 30,
    });
  });

  it('leaves anything else to the banner', () => {
    expect(wordFieldProblem(new ApiError({ code: 'not_in_couple', status: 409 }))).toBeNull();
    expect(wordFieldProblem(new ApiError({ code: 'validation_failed', status: 400 }))).toBeNull();
    expect(wordFieldProblem(new TypeError('boom'))).toBeNull();
  });
});
