import { CompiledQuery, type Kysely, PostgresAdapter } from 'kysely';

/**
 * Statements over many rows at once (multi-row inserts and upserts, updates and lookups by a list
 * of keys) written as SQL text directly. The send path runs several per batch; Kysely's builder
 * makes, visits and freezes a node per value, which was about a tenth of the SQLite thread's time
 * at saturation. A text depends only on its form and the row count, so each is built once.
 */

/** A multi-row INSERT of one fixed shape. */
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

const texts = new Map<string, string>();

/**
 * `(?, ?), (?, ?)` on SQLite, `($1, $2), ($3, $4)` on PostgreSQL: `rows` tuples of one value per
 * entry of `types`, where a type casts its value (PostgreSQL cannot infer a parameter's type inside
 * VALUES). Built once per form on SQLite (see textPerCount).
 */
export function tuplesText(
  rows: number,
  types: readonly (string | null)[],
  postgres: boolean,
): string {
  const key = `${rows} ${types.join(',')}`;
  let text = postgres ? undefined : texts.get(key);
  if (text === undefined) {
    const width = types.length;
    const value = (row: number, column: number) => {
      const param = postgres ? `$${row * width + column + 1}` : '?';
      const type = types[column];
      return type ? `cast(${param} as ${type})` : param;
    };
    text = Array.from(
      { length: rows },
      (_, r) => `(${types.map((_, c) => value(r, c)).join(', ')})`,
    ).join(', ');
    if (!postgres) texts.set(key, text);
  }
  return text;
}

/**
 * `build`, remembered per row count on SQLite, where the counts are powers of two: the same string
 * each time also spares the statement cache from hashing a fresh copy of a long text on every
 * lookup. On PostgreSQL any count up to 500 occurs and nothing is prepared: built each time.
 */
export function textPerCount(
  build: (rows: number, postgres: boolean) => string,
): (rows: number, postgres: boolean) => string {
  const built = new Map<number, string>();
  return (rows, postgres) => {
    if (postgres) return build(rows, postgres);
    let text = built.get(rows);
    if (text === undefined) {
      text = build(rows, postgres);
      built.set(rows, text);
    }
    return text;
  };
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

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Runs one statement per chunk of `items` (see the chunk sizes above), in order, and returns every
 * row they return. `text` writes a chunk's statement around `tuplesText(chunk.length, …)`;
 * `values` gives an item's parameters, in the order of its tuple.
 */
export async function perChunk<Item, Returned>(
  // biome-ignore lint/suspicious/noExplicitAny: any database of the app's, or a migration's.
  db: Kysely<any>,
  items: readonly Item[],
  text: (rows: number, postgres: boolean) => string,
  values: (item: Item) => readonly unknown[],
): Promise<Returned[]> {
  if (items.length === 0) return [];
  const postgres = isPostgres(db);
  const returned: Returned[] = [];
  let start = 0;
  for (const size of chunkSizes(items.length, postgres)) {
    const params: unknown[] = [];
    for (let i = start; i < start + size; i++) params.push(...values(items[i] as Item));
    const result = await db.executeQuery<Returned>(CompiledQuery.raw(text(size, postgres), params));
    returned.push(...result.rows);
    start += size;
  }
  return returned;
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
  let text = insertTexts.get(shape);
  if (!text) {
    const untyped = shape.columns.map(() => null);
    const head = `insert into "${shape.table}" (${shape.columns.map((c) => `"${c}"`).join(', ')}) values `;
    const tail = shape.tail ? ` ${shape.tail}` : '';
    text = textPerCount((count, postgres) => head + tuplesText(count, untyped, postgres) + tail);
    insertTexts.set(shape, text);
  }
  return perChunk<Row, Returned>(db, rows, text, (row) =>
    shape.columns.map((column) => row[column] ?? null),
  );
}

const insertTexts = new WeakMap<object, (rows: number, postgres: boolean) => string>();
