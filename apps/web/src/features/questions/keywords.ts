import type { QuestionKeywordDto } from '@couple-chat/protocol';

/** The keywords whose name (in either language) or any of whose words contains `search`. */
export function matchKeywords(
  keywords: readonly QuestionKeywordDto[],
  search: string,
): readonly QuestionKeywordDto[] {
  const needle = search.trim().toLocaleLowerCase();
  if (!needle) return keywords;
  return keywords.filter((keyword) =>
    [keyword.label.ko, keyword.label.en, ...keyword.words].some((text) =>
      text.toLocaleLowerCase().includes(needle),
    ),
  );
}

/** A few of a keyword's words, enough to say what it listens for: "음식 · 밥 · 요리…". */
export function sampleWords(words: readonly string[], limit = 5): string {
  const shown = words.slice(0, limit).join(' · ');
  return words.length > limit ? `${shown}…` : shown;
}

/** How many keywords are on. */
export function countEnabled(keywords: readonly QuestionKeywordDto[]): number {
  return keywords.filter((keyword) => keyword.enabled).length;
}
