import { daysInMonth } from '@couple-chat/dates';
import {
  findLinks,
  type MessageDaysResponse,
  type SearchItem,
  type SearchQuery,
  type SearchResponse,
} from '@couple-chat/protocol';
import type { MessageRow } from '../models/message.repository.js';
import type { DayRange } from '../models/message-day.repository.js';
import type { IndexQuery } from '../models/message-search.repository.js';
import type { Repositories } from '../models/repositories.js';
import { filtersOf, kindFilter, senderFilter } from '../search/search-documents.js';
import { findMatches, parseQuery, type SearchTerm } from '../search/search-text.js';
import type { AccessService } from './access.service.js';
import { toMessageDto } from './message.presenter.js';
import type { AuthContext } from './session.service.js';

/** Every seq: no date filter. */
const ALL: DayRange = { lo: 0, hi: Number.MAX_SAFE_INTEGER, exact: true };
/** Messages read at a time when candidates are checked against their text. */
const CHUNK = 1000;

interface Plan {
  coupleId: string;
  terms: SearchTerm[];
  index: IndexQuery;
  range: DayRange;
  since?: string | undefined;
  until?: string | undefined;
  /** Only seqs below this for the page (the cursor); the total counts every match. */
  before: number;
  limit: number;
}

/** What a search found: the total, the page's messages newest first, and whether more follow. */
interface Found {
  total: number;
  page: MessageRow[];
  more: boolean;
}

/** Word and date search over the couple's messages (docs/performance.md, "Search"). */
export class SearchService {
  constructor(
    private readonly deps: {
      repos: Pick<Repositories, 'messages' | 'messageSearch' | 'messageDays'>;
      access: AccessService;
    },
  ) {}

  async search(auth: AuthContext, query: SearchQuery): Promise<SearchResponse> {
    const { couple, partnerId } = await this.deps.access.requireCouple(auth);
    const terms = parseQuery(query.q);
    const filters: string[] = [];
    if (query.from) filters.push(senderFilter(query.from === 'me' ? auth.user.id : partnerId));
    if (query.kind) filters.push(kindFilter(query.kind));
    const range =
      query.since || query.until
        ? await this.deps.repos.messageDays.seqRange(couple.id, query.since, query.until)
        : ALL;
    if (!range || terms.length === 0) return { total: 0, items: [], next: null };
    const plan: Plan = {
      coupleId: couple.id,
      terms,
      index: { clauses: terms.flatMap((t) => t.clauses), filters },
      range,
      since: query.since,
      until: query.until,
      before: query.before === undefined ? Number.MAX_SAFE_INTEGER : Number(query.before),
      limit: query.limit,
    };
    const found =
      range.exact && terms.every((t) => t.exact)
        ? await this.fromIndex(plan)
        : await this.checked(plan);
    const items: SearchItem[] = found.page.map((row) => ({
      message: toMessageDto(row),
      matches: findMatches(row.body ?? '', terms) ?? [],
    }));
    const last = found.page.at(-1);
    return { total: found.total, items, next: found.more && last ? String(last.seq) : null };
  }

  /** The days of `month` (YYYY-MM) on which the couple has messages, in its own days. */
  async days(auth: AuthContext, month: string): Promise<MessageDaysResponse> {
    const { couple } = await this.deps.access.requireCouple(auth);
    const [year, m] = month.split('-').map(Number) as [number, number];
    const last = `${month}-${String(daysInMonth(year, m)).padStart(2, '0')}`;
    return { days: await this.deps.repos.messageDays.daysBetween(couple.id, `${month}-01`, last) };
  }

  /** The index answers exactly: count and page straight from it. */
  private async fromIndex(plan: Plan): Promise<Found> {
    const { messages, messageSearch } = this.deps.repos;
    const pageRange = { lo: plan.range.lo, hi: Math.min(plan.range.hi, plan.before - 1) };
    // Two connections on PostgreSQL; one after the other on SQLite's single one.
    const [total, seqs] = await Promise.all([
      messageSearch.count(plan.coupleId, plan.index, plan.range),
      messageSearch.seqs(plan.coupleId, plan.index, pageRange, plan.limit + 1),
    ]);
    const rows = await messages.findBySeqs(plan.coupleId, seqs.slice(0, plan.limit));
    const page = rows
      .filter((r) => r.deleted_at === null)
      .sort((a, b) => Number(b.seq) - Number(a.seq));
    return { total, page, more: seqs.length > plan.limit };
  }

  /**
   * Candidates from the index (or, when the query has no letter, digit or emoji at all, every
   * message with text), each checked against its text: punctuation, spaces in a phrase and, after
   * a change of time zone, the message's own day.
   */
  private async checked(plan: Plan): Promise<Found> {
    const { messages, messageSearch } = this.deps.repos;
    const matching: MessageRow[] = [];
    const keep = (rows: MessageRow[]) => {
      for (const row of rows) if (this.matches(plan, row)) matching.push(row);
    };
    if (plan.index.clauses.length > 0) {
      const seqs = await messageSearch.seqs(
        plan.coupleId,
        plan.index,
        plan.range,
        Number.MAX_SAFE_INTEGER,
      );
      for (let i = 0; i < seqs.length; i += CHUNK) {
        const rows = await messages.findBySeqs(plan.coupleId, seqs.slice(i, i + CHUNK));
        keep(rows.sort((a, b) => Number(b.seq) - Number(a.seq)));
      }
    } else {
      // Nothing the index holds: read the messages, newest first.
      for (let hi = plan.range.hi; ; ) {
        const rows = await messages.listTextBetween(plan.coupleId, plan.range.lo, hi, CHUNK);
        keep(rows);
        if (rows.length < CHUNK) break;
        hi = Number(rows.at(-1)?.seq) - 1;
      }
    }
    const after = matching.filter((r) => Number(r.seq) < plan.before);
    return {
      total: matching.length,
      page: after.slice(0, plan.limit),
      more: after.length > plan.limit,
    };
  }

  private matches(plan: Plan, row: MessageRow): boolean {
    if (row.deleted_at !== null || row.body === null) return false;
    if (!plan.range.exact && !onDays(row.day, plan.since, plan.until)) return false;
    if (plan.index.filters.length > 0 && plan.index.clauses.length === 0) {
      const codes = filtersOf(row, findLinks(row.body).length > 0);
      if (!plan.index.filters.every((f) => codes.includes(f))) return false;
    }
    return findMatches(row.body, plan.terms) !== null;
  }
}

const onDays = (day: string | null, since?: string, until?: string) =>
  day !== null && (!since || day >= since) && (!until || day <= until);
