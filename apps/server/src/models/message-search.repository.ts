import type { Kysely } from 'kysely';
import {
  COUPLE_TAG_LENGTH,
  type FullTextDialect,
  fullTextOf,
  type SeqRange,
  type TokenClause,
} from '../db/full-text.js';
import type { Database } from '../db/schema.js';
import type { SearchDocument } from '../search/search-documents.js';
import type { GramClause } from '../search/search-text.js';

/** What the index is asked: every clause and every filter code. */
export interface IndexQuery {
  clauses: readonly GramClause[];
  filters: readonly string[];
}

/**
 * A couple's tag: COUPLE_TAG_LENGTH letters from its number. Content tokens are tag + gram (a letter first),
 * filter tokens `0` + tag + code (a digit first), so a one-character prefix query never reaches a
 * filter token. Two couples sharing a tag (after 26⁴ couples) only share dictionary entries: rows
 * are always selected by couple number too.
 */
export function coupleTag(no: number): string {
  let n = no % 26 ** COUPLE_TAG_LENGTH;
  let tag = '';
  for (let i = 0; i < COUPLE_TAG_LENGTH; i++) {
    tag = String.fromCharCode(97 + (n % 26)) + tag;
    n = Math.floor(n / 26);
  }
  return tag;
}

const tokensOf = (tag: string, doc: SearchDocument) => [
  ...doc.grams.map((g) => tag + g),
  ...doc.filters.map((f) => `0${tag}${f}`),
];

function tokenClauses(tag: string, query: IndexQuery): TokenClause[] {
  return [
    ...query.clauses.map((c) =>
      c.kind === 'prefix' ? { prefix: tag + c.char } : { phrase: c.grams.map((g) => tag + g) },
    ),
    ...query.filters.map((f) => ({ phrase: [`0${tag}${f}`] })),
  ];
}

/**
 * Couple numbers already committed, per database (keyed by its Kysely adapter, which every
 * transaction shares): a committed number never changes, so the send path need not read it again.
 */
const committedNumbers = new WeakMap<object, Map<string, number>>();

/** The message search index (see db/full-text.ts), maintained in the message's own transaction. */
export class MessageSearchRepository {
  private readonly dialect: FullTextDialect;
  /** Set once this instance (one transaction) numbers a couple: what it reads may not commit. */
  private numbered = false;

  constructor(private readonly db: Kysely<Database>) {
    this.dialect = fullTextOf(db as Kysely<unknown>);
  }

  /** Gives a new couple its number, in the transaction that creates it. */
  async register(coupleId: string): Promise<void> {
    await this.numbers([coupleId], true);
  }

  async add(docs: readonly SearchDocument[]): Promise<void> {
    if (docs.length === 0) return;
    const numbers = await this.numbers([...new Set(docs.map((d) => d.coupleId))], true);
    await this.dialect.insert(
      this.db as Kysely<unknown>,
      docs.map((doc) => {
        const no = numbers.get(doc.coupleId) as number;
        return { coupleNo: no, seq: doc.seq, tokens: tokensOf(coupleTag(no), doc) };
      }),
    );
  }

  async remove(coupleId: string, seq: number): Promise<void> {
    const no = (await this.numbers([coupleId], false)).get(coupleId);
    if (no !== undefined) await this.dialect.remove(this.db as Kysely<unknown>, no, seq);
  }

  async deleteAll(coupleId: string): Promise<void> {
    const no = (await this.numbers([coupleId], false)).get(coupleId);
    if (no !== undefined) await this.dialect.removeCouple(this.db as Kysely<unknown>, no);
  }

  async count(coupleId: string, query: IndexQuery, range: SeqRange): Promise<number> {
    const no = (await this.numbers([coupleId], false)).get(coupleId);
    if (no === undefined) return 0;
    return this.dialect.count(
      this.db as Kysely<unknown>,
      no,
      tokenClauses(coupleTag(no), query),
      range,
    );
  }

  /** The seqs of matching messages in the range, newest first. */
  async seqs(
    coupleId: string,
    query: IndexQuery,
    range: SeqRange,
    limit: number,
  ): Promise<number[]> {
    const no = (await this.numbers([coupleId], false)).get(coupleId);
    if (no === undefined) return [];
    return this.dialect.seqs(
      this.db as Kysely<unknown>,
      no,
      tokenClauses(coupleTag(no), query),
      range,
      limit,
    );
  }

  /** The couples' numbers; with `create`, numbering the couples that have none yet. */
  private async numbers(coupleIds: string[], create: boolean): Promise<Map<string, number>> {
    const adapter = this.db.getExecutor().adapter;
    const committed = committedNumbers.get(adapter) ?? new Map<string, number>();
    committedNumbers.set(adapter, committed);
    const found = new Map<string, number>();
    for (const id of coupleIds) {
      const no = committed.get(id);
      if (no !== undefined) found.set(id, no);
    }
    const read = async (ids: string[]) => {
      if (ids.length === 0) return;
      const rows = await this.db
        .selectFrom('message_search_couples')
        .select(['couple_id', 'no'])
        .where('couple_id', 'in', ids)
        .execute();
      for (const r of rows) {
        found.set(r.couple_id, Number(r.no));
        if (!this.numbered) committed.set(r.couple_id, Number(r.no));
      }
    };
    await read(coupleIds.filter((id) => !found.has(id)));
    const missing = coupleIds.filter((id) => !found.has(id));
    if (!create || missing.length === 0) return found;
    this.numbered = true;
    await this.db
      .insertInto('message_search_couples')
      .values(missing.map((couple_id) => ({ couple_id })))
      .onConflict((oc) => oc.column('couple_id').doNothing())
      .execute();
    await read(missing);
    return found;
  }
}
