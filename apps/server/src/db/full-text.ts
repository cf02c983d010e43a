import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import { type InsertShape, insertRows } from './batch-statements.js';

/**
 * The message search index: the one place where the two databases differ for search (DESIGN.md,
 * "Files and search"). Both store the same tokens, computed in JS (src/search): SQLite in a
 * contentless FTS5 table (`ascii` tokenizer: the tokens pass through unchanged), PostgreSQL in a
 * tsvector with a GIN index (built from the literal, so no text-search configuration or extension
 * is involved). Each couple has a number; its tokens carry a tag derived from it, so a couple's
 * query touches only its own entries however many couples share the server.
 */

/** Letters in a couple's tag (models/message-search.repository.ts), which starts every token. */
export const COUPLE_TAG_LENGTH = 4;

/** One message's tokens (already tagged for its couple). */
export interface IndexedMessage {
  coupleNo: number;
  seq: number;
  tokens: string[];
}

/** Index clauses, ANDed: tokens at consecutive positions, or any token starting with `prefix`. */
export type TokenClause = { phrase: string[] } | { prefix: string };

/** Seqs `lo` … `hi`, both included. */
export interface SeqRange {
  lo: number;
  hi: number;
}

export interface FullTextDialect {
  createSchema(db: Kysely<unknown>): Promise<void>;
  dropSchema(db: Kysely<unknown>): Promise<void>;
  /** Settings of the index that an existing schema is brought to (see the migrations). */
  configure(db: Kysely<unknown>): Promise<void>;
  insert(db: Kysely<unknown>, rows: readonly IndexedMessage[]): Promise<void>;
  remove(db: Kysely<unknown>, coupleNo: number, seq: number): Promise<void>;
  removeCouple(db: Kysely<unknown>, coupleNo: number): Promise<void>;
  count(
    db: Kysely<unknown>,
    coupleNo: number,
    clauses: readonly TokenClause[],
    range: SeqRange,
  ): Promise<number>;
  /** Matching seqs in the range, newest first. */
  seqs(
    db: Kysely<unknown>,
    coupleNo: number,
    clauses: readonly TokenClause[],
    range: SeqRange,
    limit: number,
  ): Promise<number[]>;
}

/** Rows per multi-row insert: well under both databases' bound-parameter limits. */
const CHUNK = 500;
const chunks = <T>(rows: readonly T[]) =>
  Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) =>
    rows.slice(i * CHUNK, (i + 1) * CHUNK),
  );

// SQLite: rowid = couple number × 2^36 + seq, so a couple is one rowid range (and a page is a
// range scan in rowid order) and deleting needs no lookup. Computed in SQL: better-sqlite3 binds
// JS numbers as REAL, and such rowids do not fit a double.
const SEQ_BITS = 36;
const SEQ_MASK = 2 ** SEQ_BITS - 1;
const rowid = (no: number | RawBuilder<unknown>, seq: number | RawBuilder<unknown>) =>
  sql`((cast(${no} as integer) << ${sql.lit(SEQ_BITS)}) + cast(${typeof seq === 'number' ? Math.max(0, Math.min(seq, SEQ_MASK)) : seq} as integer))`;

/**
 * Committing an FTS5 write costs about 150 µs whatever its size (a new segment and its bookkeeping),
 * more than storing the message itself. So, like PostgreSQL's GIN "pending list", new rows go to a
 * plain table first and move into FTS5 together once PENDING_MAX have gathered — in the
 * transaction that brings the last one, so the index is always complete. Queries read both.
 * A move of 500 took 6 ms at the median and up to 56 ms at chat's full load, stalling every send
 * queued behind it; moves of 100 cost the same in all and stop at about a third of that.
 */
export const PENDING_MAX = 100;

/**
 * The most leaf pages the merge step after each move writes. A move of PENDING_MAX messages adds a
 * few pages, and each is merged about once per level of the index, so 32 keeps up (bench:search's
 * million messages left the index its usual size).
 */
const MERGE_STEP = 32;

interface PendingRow {
  couple_no: number;
  seq: number;
  grams: string;
}

const pendingInsert: InsertShape<PendingRow> = {
  table: 'message_search_pending',
  columns: ['couple_no', 'seq', 'grams'],
  tail: 'returning id',
};

/** FTS5 query syntax; tokens never hold a quote (src/search), doubled anyway. */
function fts5Match(clauses: readonly TokenClause[]): string {
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
  return clauses
    .map((c) => ('prefix' in c ? `${quote(c.prefix)}*` : quote(c.phrase.join(' '))))
    .join(' AND ');
}

/** The same clauses over a pending row's space-separated tokens (LIKE, wildcards escaped). */
function pendingMatch(clauses: readonly TokenClause[]): RawBuilder<unknown> {
  const literal = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
  const patterns = clauses.map((c) =>
    'prefix' in c ? `% ${literal(c.prefix)}%` : `% ${c.phrase.map(literal).join(' ')} %`,
  );
  return sql.join(
    patterns.map((p) => sql`(' ' || grams || ' ') like ${p} escape '\\'`),
    sql` and `,
  );
}

const sqliteMatching = (coupleNo: number, clauses: readonly TokenClause[], range: SeqRange) => ({
  indexed: sql`message_search match ${fts5Match(clauses)}
    and rowid between ${rowid(coupleNo, range.lo)} and ${rowid(coupleNo, range.hi)}`,
  pending: sql`couple_no = ${coupleNo} and seq between ${range.lo} and ${range.hi}
    and ${pendingMatch(clauses)}`,
});

export const sqliteFullText: FullTextDialect = {
  async createSchema(db) {
    await db.schema
      .createTable('message_search_couples')
      .addColumn('no', 'integer', (c) => c.primaryKey())
      .addColumn('couple_id', 'text', (c) =>
        c.notNull().unique().references('couples.id').onDelete('cascade'),
      )
      .execute();
    // contentless: the text stays in messages only; contentless_delete: rows can be deleted by
    // rowid; prefix: tag + one character has its own index, so a one-syllable query reads one
    // list instead of merging every bigram that starts with it (5× faster, the index 60% larger).
    await sql`create virtual table message_search using fts5(grams, content='', contentless_delete=1,
      tokenize='ascii', prefix='${sql.raw(String(COUPLE_TAG_LENGTH + 1))}')`.execute(db);
    // secure-delete: a deleted message's tokens leave the index at once, not at a later merge.

    await sql`insert into message_search(message_search, rank) values ('secure-delete', 1)`.execute(
      db,
    );
    await sqliteFullText.configure(db);
    await sql`create table message_search_pending (
      id integer primary key,
      couple_no integer not null,
      seq integer not null,
      grams text not null
    )`.execute(db);
  },
  async configure(db) {
    // FTS5 merges its segments itself in units of 64 pages, 8–25 ms each at chat's full load,
    // stalling every send queued behind. Instead each move from the pending list is followed by
    // a merge step of at most MERGE_STEP pages (below).
    await sql`insert into message_search(message_search, rank) values ('automerge', 0)`.execute(db);
  },
  async dropSchema(db) {
    await sql`drop table if exists message_search_pending`.execute(db);
    await sql`drop table if exists message_search`.execute(db);
    await db.schema.dropTable('message_search_couples').ifExists().execute();
  },
  async insert(db, rows) {
    const ids = await insertRows<PendingRow, { id: number }>(
      db,
      pendingInsert,
      rows.map((r) => ({ couple_no: r.coupleNo, seq: r.seq, grams: r.tokens.join(' ') })),
    );
    let last = 0;
    for (const { id } of ids) last = Math.max(last, Number(id));
    // Ids restart at 1 once the table is emptied, so the last id bounds how many are waiting.
    if (last < PENDING_MAX) return;
    await sql`insert into message_search(rowid, grams)
      select ${rowid(sql.ref('couple_no'), sql.ref('seq'))}, grams from message_search_pending order by id`.execute(
      db,
    );
    await sql`delete from message_search_pending`.execute(db);
    // Merges levels of four or more segments, as automerge did, by a bounded step.
    await sql`insert into message_search(message_search, rank)
      values ('merge', ${sql.lit(MERGE_STEP)})`.execute(db);
  },
  async remove(db, coupleNo, seq) {
    await sql`delete from message_search where rowid = ${rowid(coupleNo, seq)}`.execute(db);
    await sql`delete from message_search_pending where couple_no = ${coupleNo} and seq = ${seq}`.execute(
      db,
    );
  },
  async removeCouple(db, coupleNo) {
    await sql`delete from message_search where rowid between ${rowid(coupleNo, 0)} and ${rowid(coupleNo, SEQ_MASK)}`.execute(
      db,
    );
    await sql`delete from message_search_pending where couple_no = ${coupleNo}`.execute(db);
  },
  // One statement each, so both parts are read in the same snapshot.
  async count(db, coupleNo, clauses, range) {
    const where = sqliteMatching(coupleNo, clauses, range);
    const r = await sql<{ n: number }>`select count(*) as n from (
      select rowid from message_search where ${where.indexed}
      union all
      select id from message_search_pending where ${where.pending})`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  },
  async seqs(db, coupleNo, clauses, range, limit) {
    const where = sqliteMatching(coupleNo, clauses, range);
    const r = await sql<{ seq: number }>`select seq from (
      select * from (
        select rowid & ${sql.lit(SEQ_MASK)} as seq from message_search where ${where.indexed}
        order by rowid desc limit ${limit})
      union all
      select seq from message_search_pending where ${where.pending})
      order by seq desc limit ${limit}`.execute(db);
    return r.rows.map((row) => Number(row.seq));
  },
};

/** tsvector/tsquery input syntax: a lexeme in single quotes, `'` and `\` escaped. */
const lexeme = (s: string) => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
/** tsvector positions stop at 16383. */
const MAX_POSITION = 16383;

function tsvectorLiteral(tokens: readonly string[]): string {
  return tokens.map((t, i) => `${lexeme(t)}:${Math.min(i + 1, MAX_POSITION)}`).join(' ');
}

function tsquery(clauses: readonly TokenClause[]): string {
  return clauses
    .map((c) =>
      'prefix' in c ? `${lexeme(c.prefix)}:*` : `(${c.phrase.map(lexeme).join(' <-> ')})`,
    )
    .join(' & ');
}

const inRange = (coupleNo: number, range: SeqRange): RawBuilder<unknown> =>
  sql`couple_no = ${coupleNo} and seq between ${range.lo} and ${range.hi}`;

export const postgresFullText: FullTextDialect = {
  async createSchema(db) {
    await db.schema
      .createTable('message_search_couples')
      .addColumn('no', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      .addColumn('couple_id', 'text', (c) =>
        c.notNull().unique().references('couples.id').onDelete('cascade'),
      )
      .execute();
    await sql`create table message_search (
      couple_no integer not null,
      seq bigint not null,
      grams tsvector not null,
      primary key (couple_no, seq)
    )`.execute(db);
    await sql`create index message_search_grams_idx on message_search using gin (grams)`.execute(
      db,
    );
  },
  async configure() {
    // GIN's pending list is merged by PostgreSQL itself (gin_pending_list_limit, vacuum).
  },
  async dropSchema(db) {
    await sql`drop table if exists message_search`.execute(db);
    await db.schema.dropTable('message_search_couples').ifExists().execute();
  },
  async insert(db, rows) {
    for (const part of chunks(rows)) {
      const values = part.map(
        (r) => sql`(${r.coupleNo}, ${r.seq}, ${tsvectorLiteral(r.tokens)}::tsvector)`,
      );
      await sql`insert into message_search (couple_no, seq, grams) values ${sql.join(values)}`.execute(
        db,
      );
    }
  },
  async remove(db, coupleNo, seq) {
    await sql`delete from message_search where couple_no = ${coupleNo} and seq = ${seq}`.execute(
      db,
    );
  },
  async removeCouple(db, coupleNo) {
    await sql`delete from message_search where couple_no = ${coupleNo}`.execute(db);
  },
  async count(db, coupleNo, clauses, range) {
    const r = await sql<{ n: number }>`select count(*) as n from message_search
      where ${inRange(coupleNo, range)} and grams @@ ${tsquery(clauses)}::tsquery`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  },
  async seqs(db, coupleNo, clauses, range, limit) {
    const r = await sql<{ seq: number }>`select seq from message_search
      where ${inRange(coupleNo, range)} and grams @@ ${tsquery(clauses)}::tsquery
      order by seq desc limit ${limit}`.execute(db);
    return r.rows.map((row) => Number(row.seq));
  },
};

export function fullTextOf(db: Kysely<unknown>): FullTextDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? postgresFullText : sqliteFullText;
}
