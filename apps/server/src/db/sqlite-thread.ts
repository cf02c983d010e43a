import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import type { Database } from './schema.js';
import { withStatementCache } from './sqlite-statement-cache.js';
import { BEGIN } from './sqlite-worker-dialect.js';
import {
  type Procedure,
  type SqliteWorkerData,
  type WorkerReply,
  type WorkerRequest,
  wireError,
} from './sqlite-worker-protocol.js';

/** Structured cloning turns a Buffer into a plain Uint8Array; SQLite binds only Buffers as blobs. */
const bindable = (value: unknown) =>
  value instanceof Uint8Array && !Buffer.isBuffer(value)
    ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    : value;

/** Kysely's synchronous SQLite dialect, beginning transactions as the main thread's driver does. */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly config: SqliteDialectConfig) {
    super(config);
  }

  override createDriver(): Driver {
    return new (class extends SqliteDriver {
      override async beginTransaction(connection: DatabaseConnection): Promise<void> {
        await connection.executeQuery(CompiledQuery.raw(BEGIN));
      }
    })(this.config);
  }
}

/**
 * The SQLite thread's main loop (see sqlite-worker-dialect.ts): opens the database, then runs what
 * the main thread asks, one request at a time — single statements, or a named procedure that runs
 * whole transactions here, with this thread's own Kysely over the same connection.
 */
export function serveSqlite(procedures: Record<string, Procedure>) {
  const port = parentPort;
  if (!port) throw new Error('serveSqlite runs only in a worker thread');
  const { file, pragmas } = workerData as SqliteWorkerData;
  const reply = (message: WorkerReply) => port.postMessage(message);

  let sqlite: SqliteDatabase.Database;
  try {
    sqlite = new SqliteDatabase(file);
    for (const pragma of pragmas) sqlite.pragma(pragma);
  } catch (err) {
    reply({ id: 0, error: wireError(err) });
    port.close();
    return;
  }
  const statements = withStatementCache(sqlite);
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: statements }),
  });
  reply({ id: 0, ready: true });

  port.on('message', async (request: WorkerRequest) => {
    const { id } = request;
    try {
      if ('close' in request) {
        await db.destroy();
        reply({ id, closed: true });
        port.close();
      } else if ('procedure' in request) {
        const procedure = procedures[request.procedure];
        if (!procedure) throw new Error(`No procedure named ${request.procedure}.`);
        reply({ id, result: await procedure(db, request.args) });
      } else {
        const statement = statements.prepare(request.sql);
        const params = request.params.map(bindable);
        if (statement.reader) {
          reply({ id, rows: statement.all(params) as unknown[] });
        } else {
          const { changes, lastInsertRowid } = statement.run(params);
          reply({ id, changes: Number(changes), lastInsertRowid: BigInt(lastInsertRowid ?? 0) });
        }
      }
    } catch (err) {
      reply({ id, error: wireError(err) });
    }
  });
}
