import fs from 'node:fs';
import path from 'node:path';
import {
  Kysely,
  type MigrationResultSet,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  sql,
} from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';
import { type ProcedureCaller, SqliteWorkerDialect } from './sqlite-worker-dialect.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** SQLite only: runs a procedure of the database thread (db/sqlite-thread.ts). */
  call?: ProcedureCaller;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | {
      kind: 'sqlite';
      file: string;
      synchronous: 'NORMAL' | 'FULL';
      /** The worker's entry, which names its procedures; the app's own by default. */
      entry?: URL;
    }
  | { kind: 'postgres'; url: string; poolSize: number; schema?: string };

const INT8_OID = 20;

/** The app's SQLite thread: `src/sqlite-worker.ts`, or its build. */
const APP_SQLITE_WORKER = new URL(
  import.meta.url.endsWith('.ts') ? '../sqlite-worker.ts' : '../sqlite-worker.js',
  import.meta.url,
);

function openSqlite(
  file: string,
  synchronous: 'NORMAL' | 'FULL',
  entry = APP_SQLITE_WORKER,
): { db: Kysely<Database>; call: ProcedureCaller } {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const pragmas = [
    'journal_mode = WAL',
    // WAL + NORMAL: a committed transaction survives a process crash (DESIGN.md invariant 2).
    `synchronous = ${synchronous}`,
    'foreign_keys = ON',
    'busy_timeout = 5000',
    'cache_size = -65536',
    // A multi-row statement in a transaction saves the pages it changes in a statement journal, to
    // undo itself alone; in a file, that was half the writer's write calls.
    'temp_store = MEMORY',
    // Checkpoints run on a thread of their own (sqlite-checkpointer.js): at the default threshold
    // of 1,000 pages, a busy batch's commit also paid a checkpoint and its fsyncs. The writer
    // checkpoints itself (mostly copied already) once the WAL reaches 20,000 pages, about 80 MiB.
    // The file may keep up to 128 MiB after that: cut back below what a busy server writes between
    // two such checkpoints (it was 64 MiB), it was cut and grown again twice a second, and each
    // time the next commit stalled.
    'wal_autocheckpoint = 20000',
    'journal_size_limit = 134217728',
  ];
  const dialect = new SqliteWorkerDialect({
    entry,
    file,
    pragmas,
    // Often, so that what the writer's own checkpoint has left to copy and fsync (stalling every
    // send behind it) is at most a few milliseconds' worth: at 100 ms, 20+ ms stalls were common.
    ...(file === ':memory:' ? {} : { checkpoints: { intervalMs: 25, synchronous } }),
  });
  return { db: new Kysely<Database>({ dialect }), call: dialect.call };
}

function openPostgres(url: string, poolSize: number, schema?: string): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Epoch-millisecond timestamps are bigint columns; they fit a JS number exactly.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  const { db, call } =
    options.kind === 'sqlite'
      ? openSqlite(options.file, options.synchronous, options.entry)
      : { db: openPostgres(options.url, options.poolSize, options.schema), call: undefined };
  return {
    db,
    dialect: options.kind,
    ...(call ? { call } : {}),
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
}

/** Brings the schema up to date; both dialects run the same migration set. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  // Unless told the schema, Kysely counts its bookkeeping tables in any schema as ours, and then
  // fails in a fresh one (a database shared with other schemas, or parallel test schemas).
  const migrationTableSchema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
          ?.schema
      : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
