import { type SearchFrom, type SearchKind, SearchQuery } from '@couple-chat/protocol';
import { type FieldProblems, problemsFromZod } from '../../i18n/errorMessages';

/** The search bar's filters as chosen; `''` is an open end of the date range. */
export interface SearchFilters {
  from: SearchFrom | null;
  kind: SearchKind | null;
  since: string;
  until: string;
}

// Enough to fill a phone's list at once; the rest come as it scrolls.
export const searchPageSize = 30;

export const noFilters: SearchFilters = { from: null, kind: null, since: '', until: '' };

export const searchFields = ['q', 'since', 'until'] as const;

export type CheckedSearch =
  | { ok: true; query: SearchQuery }
  /** Nothing typed (or only spaces): the bar does nothing, no error either. */
  | { ok: false; empty: true }
  | { ok: false; empty: false; problems: FieldProblems };

/** The search as the contract reads it, or why it cannot be sent; checked before any request. */
export function checkSearch(q: string, filters: SearchFilters): CheckedSearch {
  if (q.trim() === '') return { ok: false, empty: true };
  const input = {
    q,
    from: filters.from ?? undefined,
    kind: filters.kind ?? undefined,
    since: filters.since || undefined,
    until: filters.until || undefined,
    limit: searchPageSize,
  };
  const parsed = SearchQuery.safeParse(input);
  if (parsed.success) return { ok: true, query: parsed.data };
  return { ok: false, empty: false, problems: problemsFromZod(parsed.error, input) };
}

/** `/api/search`'s query string: only what is set, the cursor last; no empty parameters. */
export function searchParams(query: SearchQuery, before?: string | null): URLSearchParams {
  const params = new URLSearchParams({ q: query.q });
  for (const key of ['from', 'kind', 'since', 'until'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (before) params.set('before', before);
  params.set('limit', String(query.limit));
  return params;
}

/** A stable identity of a search (without its cursor): a new one starts over. */
export function searchKey(query: SearchQuery): string {
  return searchParams(query).toString();
}

/** "the end comes before the start", from zod here or the server's validation_failed. */
export function isUntilBeforeSince(problems: FieldProblems): boolean {
  return problems.until?.code === 'custom';
}
