import type { Database as BetterSqlite } from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Enough for every distinct query the app compiles; beyond it the least recently used goes. */
const DEFAULT_CAPACITY = 500;

/**
 * Kysely's SQLite driver prepares every query afresh, and preparing costs more than running a
 * small statement. The app issues a bounded set of distinct SQL strings, so each is prepared once.
 * Safe because the driver runs statements synchronously on one connection and never interleaves
 * two uses of a statement (the app does not stream queries).
 */
export function withStatementCache(
  sqlite: BetterSqlite,
  capacity = DEFAULT_CAPACITY,
): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) {
        // Re-inserting keeps the Map's order least- to most-recently used.
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= capacity) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}
