import { z } from 'zod';
import { LocalDate } from './couple.js';
import { MessageDto } from './messages.js';

export const SEARCH_QUERY_MAX_LENGTH = 100;
export const SEARCH_PAGE_MAX = 50;

/** Whose messages: the searcher's own, or the partner's. */
export const SearchFrom = z.enum(['me', 'partner']);
export type SearchFrom = z.infer<typeof SearchFrom>;

/**
 * What a message carries: `text` a message without photos, videos or files; `media` photos or
 * videos; `files` other files; `links` a link in its text. A message can be of several kinds.
 */
export const SearchKind = z.enum(['text', 'media', 'files', 'links']);
export type SearchKind = z.infer<typeof SearchKind>;

/**
 * GET /api/search?q=&from=&kind=&since=&until=&before=&limit= — the couple's messages that contain
 * every word of `q` (anywhere in a word, Latin letters in any case; "a quoted phrase" as written;
 * `%`, `_`, `*` and `\` are plain characters), newest first. `since`/`until` are the couple's local
 * days, both included. `before` is the previous page's `next`.
 */
export const SearchQuery = z
  .object({
    q: z.string().trim().min(1).max(SEARCH_QUERY_MAX_LENGTH),
    from: SearchFrom.optional(),
    kind: SearchKind.optional(),
    since: LocalDate.optional(),
    until: LocalDate.optional(),
    before: z
      .string()
      .regex(/^\d{1,15}$/, 'a cursor from the previous page')
      .optional(),
    limit: z.coerce.number().int().min(1).max(SEARCH_PAGE_MAX).default(20),
  })
  .strict()
  .refine((q) => !q.since || !q.until || q.since <= q.until, {
    path: ['until'],
    message: 'until must not be before since',
  });
export type SearchQuery = z.infer<typeof SearchQuery>;

/** Where a search term occurs in the message's body: UTF-16 offsets, `end` excluded. */
export const SearchMatch = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type SearchMatch = z.infer<typeof SearchMatch>;

export const SearchItem = z.object({
  message: MessageDto,
  /** Sorted, not overlapping; a snippet shows the text around the first. */
  matches: z.array(SearchMatch),
});
export type SearchItem = z.infer<typeof SearchItem>;

export const SearchResponse = z
  .object({
    /** How many messages match in all (every page), for "3 of 37". */
    total: z.number().int().nonnegative(),
    items: z.array(SearchItem),
    /** The `before` of the next page; null on the last. */
    next: z.string().nullable(),
  })
  .meta({ id: 'SearchResults' });
export type SearchResponse = z.infer<typeof SearchResponse>;

/** GET /api/messages/days?month=YYYY-MM — the couple's local days in that month with messages. */
export const MessageDaysQuery = z
  .object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM') })
  .strict();
export type MessageDaysQuery = z.infer<typeof MessageDaysQuery>;

export const MessageDaysResponse = z
  .object({ days: z.array(LocalDate) })
  .meta({ id: 'MessageDays' });
export type MessageDaysResponse = z.infer<typeof MessageDaysResponse>;
