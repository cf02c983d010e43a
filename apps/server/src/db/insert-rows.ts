import { CompiledQuery, type Kysely, PostgresAdapter } from 'kysely';

/**
 * A multi-row INSERT of one fixed shape, written as SQL text directly. The send path writes
 * several of these per batch; Kysely's builder makes, visits and freezes a node per value, which
 * was about a tenth of the SQLite thread's time at saturation. The text depends only on the shape
 * and the row count, so each is built once.
 */
export interface InsertShape<Row> {
  table: string;
  columns: readonly (keyof Row & string)[];
  /** What follows the values, e.g. an `on conflict … do update` clause or `returning id`. */
  tail?: string;
}

/**
 * SQLite: one statement per power of two in the row count (50 rows: 32 + 16 + 2), so a shape has
 * at most nine texts and the statement cache prepares each once, whatever the batch sizes.
 * PostgreSQL prepares nothing by name: one statement per 500 rows, one round trip.
 */
const SQLITE_LARGEST = 256;
const POSTGRES_CHUNK = 500;

const texts = new WeakMap<InsertShape<never>, Map<string, string>>();

function textOf(shape: InsertShape<never>, rows: number, postgres: boolean): string {
  let byCount = texts.get(shape);
  if (!byCount) {
    byCount = new Map();
    texts.set(shape, byCount);
  }
  const key = `${postgres ? 'pg' : 'sqlite'} ${rows}`;
  let text = byCount.get(key);
  if (text === undefined) {
    const width = shape.columns.length;
    const tuple = (row: number) =>
      `(${shape.columns.map((_, c) => (postgres ? `$${row * width + c + 1}` : '?')).join(', ')})`;
    text = `insert into "${shape.table}" (${shape.columns.map((c) => `"${c}"`).join(', ')}) values ${Array.from({ length: rows }, (_, r) => tuple(r)).join(', ')}${shape.tail ? ` ${shape.tail}` : ''}`;
    byCount.set(key, text);
  }
  return text;
}

/** The chunk sizes `count` rows go in, largest first. */
function chunkSizes(count: number, postgres: boolean): number[] {
  const sizes: number[] = [];
  let left = count;
  if (postgres) {
    for (; left > 0; left -= POSTGRES_CHUNK) sizes.push(Math.min(left, POSTGRES_CHUNK));
    return sizes;
  }
  for (; left >= SQLITE_LARGEST; left -= SQLITE_LARGEST) sizes.push(SQLITE_LARGEST);
  for (let size = SQLITE_LARGEST / 2; size >= 1; size /= 2) if (left & size) sizes.push(size);
  return sizes;
}

/**
 * Inserts the rows (a missing value is stored as null) and returns what `returning` gave, in
 * order. Identifiers come from the shape, never from the rows; every value is a parameter.
 */
export async function insertRows<Row, Returned = never>(
  // biome-ignore lint/suspicious/noExplicitAny: any database of the app's, or a migration's.
  db: Kysely<any>,
  shape: InsertShape<Row>,
  rows: readonly Row[],
): Promise<Returned[]> {
  if (rows.length === 0) return [];
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const returned: Returned[] = [];
  let start = 0;
  for (const size of chunkSizes(rows.length, postgres)) {
    const params: unknown[] = [];
    for (let r = start; r < start + size; r++) {
      const row = rows[r] as Row;
      for (const column of shape.columns) params.push(row[column] ?? null);
    }
    const result = await db.executeQuery<Returned>(
      CompiledQuery.raw(textOf(shape as InsertShape<never>, size, postgres), params),
    );
    returned.push(...result.rows);
    start += size;
  }
  return returned;
}
