import type { ArchiveFilter } from './archive';

/** Query keys of the questions; the realtime wiring invalidates them too. */
export const questionsQueryKey = ['questions'] as const;
export const archiveQueryKey = (filter: ArchiveFilter) =>
  [...questionsQueryKey, 'archive', filter] as const;
export const questionSettingsQueryKey = ['question-settings'] as const;
