import type { ExcludedWordDto } from '@couple-chat/protocol';
import { isApiError } from '../../api/client';
import type { FieldProblem } from '../../i18n/errorMessages';

/**
 * The words one exclude request added, read from the list the server answered with: it normalises
 * what was typed ("음식을" → "음식"), so only the difference says what an undo must restore.
 * Without the list from before, only my own entries among the requested words are certain.
 */
export function newlyExcluded(
  before: readonly string[] | undefined,
  after: readonly ExcludedWordDto[],
  requested: readonly string[],
  myId: string,
): string[] {
  const mine = after.filter((entry) => entry.excludedBy === myId);
  if (before) {
    const known = new Set(before);
    return mine.filter((entry) => !known.has(entry.word)).map((entry) => entry.word);
  }
  const asked = new Set(requested);
  return mine.filter((entry) => asked.has(entry.word)).map((entry) => entry.word);
}

/** The suggested filler words not excluded yet, in the server's order. */
export function remainingFillers(
  suggested: readonly string[],
  excluded: readonly ExcludedWordDto[],
): string[] {
  const done = new Set(excluded.map((entry) => entry.word));
  return suggested.filter((word) => !done.has(word));
}

/** A few of them to show what "filler words" means: "아, 음, 앗, 어, 오, 와…". */
export function fillerExamples(words: readonly string[], limit = 6): string {
  const shown = words.slice(0, limit).join(', ');
  return words.length > limit ? `${shown}…` : shown;
}

/**
 * The form has one field, `word`; the API checks a list, so its issues point at `words.0`.
 * Null when the error is not about the word (the banner shows it instead).
 */
export function wordFieldProblem(error: unknown): FieldProblem | null {
  if (isApiError(error, 'invalid_word')) return { code: 'invalid_word' };
  if (!isApiError(error, 'validation_failed')) return null;
  const issue = error.issues.find((i) => i.path === 'words' || i.path.startsWith('words.'));
  return issue ? { code: issue.code, minimum: issue.minimum, maximum: issue.maximum } : null;
}
