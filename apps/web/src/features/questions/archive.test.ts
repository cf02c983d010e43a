import type { QuestionDto } from '@couple-chat/protocol';
import { describe, expect, it } from 'vitest';
import { archiveFilter, groupAskings } from './archive';

const asking = (id: string, questionId: string, askedAt: string): QuestionDto => ({
  id,
  questionId,
  text: { ko: `${questionId}?`, en: `${questionId}?` },
  principle: 'self_understanding',
  word: '음식',
  messageId: null,
  askedAt,
  revealedAt: askedAt,
  answeredBy: ['me', 'partner'],
  answers: [],
});

describe('groupAskings', () => {
  it('groups a question asked again, its askings oldest first, groups by their newest asking', () => {
    // The archive's pages, newest first: food was asked in March and again in November.
    const pages = [
      asking('a4', 'food', '2026-11-20T10:00:00.000Z'),
      asking('a3', 'trip', '2026-08-01T10:00:00.000Z'),
      asking('a2', 'food', '2026-03-02T10:00:00.000Z'),
      asking('a1', 'music', '2026-01-05T10:00:00.000Z'),
    ];
    const groups = groupAskings(pages);
    expect(groups.map((g) => g.questionId)).toEqual(['food', 'trip', 'music']);
    expect(groups[0]?.askings.map((q) => q.id)).toEqual(['a2', 'a4']);
    expect(groups[0]?.latest.id).toBe('a4');
  });

  it('counts an asking loaded twice once', () => {
    const twice = asking('a1', 'food', '2026-11-20T10:00:00.000Z');
    expect(groupAskings([twice, twice])[0]?.askings).toHaveLength(1);
  });

  it('is empty for no questions', () => {
    expect(groupAskings([])).toEqual([]);
  });
});

describe('archiveFilter', () => {
  it('sends no "all" and no blank search', () => {
    expect(archiveFilter('all', '  ')).toEqual({});
    expect(archiveFilter('mutual_understanding', ' 김밥 ')).toEqual({
      principle: 'mutual_understanding',
      q: '김밥',
    });
  });

  it('cuts a search to what the server accepts', () => {
    expect(archiveFilter('all', 'ㅋ'.repeat(150)).q).toHaveLength(100);
  });
});
