import type { Principle, QuestionDto } from '@couple-chat/protocol';

/** What the archive shows: one principle or all, and a text to find in questions or answers. */
export interface ArchiveFilter {
  principle?: Principle;
  q?: string;
}

/** One question and every time it was asked, so its answers can be compared over time. */
export interface QuestionGroup {
  questionId: string;
  /** The newest asking: its text and principle head the group. */
  latest: QuestionDto;
  /** Oldest first, read like a timeline. */
  askings: QuestionDto[];
}

/**
 * The archive's loaded pages (newest first) as groups of the same question, ordered by their
 * newest asking; an asking loaded twice (pages refetched around a new one) counts once.
 */
export function groupAskings(questions: readonly QuestionDto[]): QuestionGroup[] {
  const groups = new Map<string, QuestionGroup>();
  const seen = new Set<string>();
  for (const question of questions) {
    if (seen.has(question.id)) continue;
    seen.add(question.id);
    const group = groups.get(question.questionId);
    if (!group) {
      groups.set(question.questionId, {
        questionId: question.questionId,
        latest: question,
        askings: [question],
      });
      continue;
    }
    group.askings.push(question);
    if (question.askedAt > group.latest.askedAt) group.latest = question;
  }
  const ordered = [...groups.values()];
  for (const group of ordered) group.askings.sort((a, b) => a.askedAt.localeCompare(b.askedAt));
  return ordered.sort((a, b) => b.latest.askedAt.localeCompare(a.latest.askedAt));
}

/** The filter as the query string sends it: no empty search, no "all". */
export function archiveFilter(principle: Principle | 'all', search: string): ArchiveFilter {
  const q = search.trim().slice(0, 100);
  return {
    ...(principle === 'all' ? {} : { principle }),
    ...(q ? { q } : {}),
  };
}
