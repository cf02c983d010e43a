import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import {
  errorFromWire,
  type SqliteWorkerData,
  type WorkerReply,
  type WorkerRequest,
} from './sqlite-worker-protocol.js';

/**
 * Every transaction here writes. A deferred one that reads first cannot become a writer once
 * another connection (a second process on the same file) has committed: SQLite answers "database
 * is locked" at once. Taking the write lock at the start waits for it instead (busy_timeout).
 */
export const BEGIN = 'begin immediate';

/** Calls a procedure the SQLite thread registered (see serveSqlite), on the one connection. */
export type ProcedureCaller = (name: string, args: unknown) => Promise<unknown>;

/**
 * SQLite on its own thread. better-sqlite3 is synchronous: on the main thread every statement,
 * and every commit's write to the WAL, stops the event loop that serves the sockets. Here the
 * connection lives in a worker (sqlite-worker.js), as PostgreSQL lives in its own process, and
 * the main thread awaits each statement like a network database's. Still one connection, used by
 * one caller at a time (a mutex, as in Kysely's own SQLite driver), so transactions keep SQLite's
 * single-writer semantics. Work that needs many statements in a row (a batch of sends) runs there
 * whole, as a named procedure: one message each way instead of one per statement.
 */
export class SqliteWorkerDialect implements Dialect {
  private readonly driver: SqliteWorkerDriver;

  constructor(options: SqliteWorkerOptions) {
    this.driver = new SqliteWorkerDriver(options);
  }

  /** Runs a procedure of the worker's entry module, holding the connection while it runs. */
  readonly call: ProcedureCaller = (name, args) => this.driver.call(name, args);

  createAdapter() {
    return new SqliteAdapter();
  }
  createDriver(): Driver {
    return this.driver;
  }
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's own dialects take Kysely<any> here.
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
}

export interface SqliteWorkerOptions {
  /** The module that calls serveSqlite with its procedures (a `.ts` file when run from source). */
  entry: URL;
  file: string;
  /** Run in order right after opening, e.g. `journal_mode = WAL`. */
  pragmas: readonly string[];
  /**
   * Checkpoint the WAL from a thread of its own every `intervalMs` (sqlite-checkpointer.js), with
   * the writer's `synchronous`. The writer's `wal_autocheckpoint` stays as a backstop.
   */
  checkpoints?: CheckpointSettings;
}

export interface CheckpointSettings {
  intervalMs: number;
  synchronous: string;
}

type Reply = WorkerReply;
type RequestBody = WorkerRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'id'>
    : never
  : never;

interface Pending {
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
}

class SqliteWorkerDriver implements Driver {
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopped?: Error;
  private readonly mutex = new Mutex();
  private readonly connection: DatabaseConnection = {
    executeQuery: (query) => this.execute(query),
    streamQuery: () => {
      throw new Error('The SQLite worker does not stream queries.');
    },
  };

  constructor(private readonly options: SqliteWorkerOptions) {}

  private started?: Promise<void>;

  /** Idempotent: Kysely starts the driver on first use, and so does the first procedure call. */
  init(): Promise<void> {
    this.started ??= this.start();
    return this.started;
  }

  private async start(): Promise<void> {
    const { entry, file, pragmas } = this.options;
    const workerData: SqliteWorkerData = { entry: entry.href, file, pragmas };
    const worker = new Worker(new URL('../lib/worker-bootstrap.js', import.meta.url), {
      workerData,
      // From source the entry is TypeScript, and the workspace packages resolve to their sources.
      // (A profiler asked of this process profiles the worker too.)
      ...(entry.pathname.endsWith('.ts')
        ? {
            execArgv: [
              ...process.execArgv.filter((arg) => arg.startsWith('--cpu-prof')),
              '--conditions=source',
            ],
          }
        : {}),
    });
    this.worker = worker;
    const opened = new Promise<Reply>((resolve, reject) =>
      this.pending.set(0, { resolve, reject }),
    );
    worker.on('message', (reply: Reply) => this.settle(reply));
    worker.on('error', (err) => this.stop(err));
    worker.on('exit', (code) => this.stop(new Error(`The SQLite worker stopped (exit ${code}).`)));
    const reply = await opened;
    if ('error' in reply) throw errorFromWire(reply.error);
    this.idleUnlessWaiting();
    if (this.options.checkpoints) this.startCheckpointer(this.options.checkpoints);
  }

  private checkpointer?: { worker: Worker; exited: Promise<unknown> };

  private startCheckpointer(settings: CheckpointSettings) {
    const checkpointer = new Worker(new URL('./sqlite-checkpointer.js', import.meta.url), {
      workerData: { file: this.options.file, ...settings },
    });
    // A background helper: it never keeps the process alive, and if it fails the writer's own
    // checkpoint threshold still bounds the WAL.
    checkpointer.unref();
    checkpointer.on('error', () => {});
    this.checkpointer = {
      worker: checkpointer,
      exited: new Promise((resolve) => checkpointer.once('exit', resolve)),
    };
  }

  async call(name: string, args: unknown): Promise<unknown> {
    await this.init();
    // Held only while posting: no statement of someone's open transaction can come between, and
    // procedures queue at the thread, which runs them in order.
    await this.mutex.lock();
    let replied: Promise<Reply>;
    try {
      replied = this.request({ procedure: name, args });
    } finally {
      this.mutex.unlock();
    }
    const reply = await replied;
    if ('error' in reply) throw errorFromWire(reply.error);
    if ('result' in reply) return reply.result;
    throw new Error('The SQLite worker gave an unexpected reply.');
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock();
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(BEGIN));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteName(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoteName(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoteName(name)}`));
  }

  async releaseConnection(): Promise<void> {
    this.mutex.unlock();
  }

  async destroy(): Promise<void> {
    const worker = this.worker;
    if (!worker || this.stopped) return;
    // Whoever holds the connection finishes first; nothing starts after the close.
    await this.mutex.lock();
    // (If the checkpointer already failed, it has exited and the message goes nowhere.)
    this.checkpointer?.worker.postMessage('close');
    await this.checkpointer?.exited;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    // Closing in the worker checkpoints the WAL; then its port closes and the thread ends.
    await this.request({ close: true }).catch(() => {});
    await exited;
    // Anyone still waiting for the connection now gets the "stopped" error.
    this.mutex.unlock();
  }

  private async execute<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const reply = await this.request({ sql: query.sql, params: query.parameters });
    if ('error' in reply) throw errorFromWire(reply.error);
    if ('rows' in reply) return { rows: reply.rows as R[] };
    if ('changes' in reply) {
      return {
        numAffectedRows: BigInt(reply.changes),
        insertId: BigInt(reply.lastInsertRowid),
        rows: [],
      };
    }
    throw new Error('The SQLite worker gave an unexpected reply.');
  }

  private request(body: RequestBody): Promise<Reply> {
    if (this.stopped) return Promise.reject(this.stopped);
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('The SQLite worker is not started.'));
    const id = this.nextId++;
    const reply = new Promise<Reply>((resolve, reject) =>
      this.pending.set(id, { resolve, reject }),
    );
    if (this.pending.size === 1) worker.ref();
    worker.postMessage({ id, ...body } satisfies WorkerRequest);
    return reply;
  }

  private settle(reply: Reply) {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    this.idleUnlessWaiting();
    waiting.resolve(reply);
  }

  /** An idle worker does not keep the process alive; one with a statement running does. */
  private idleUnlessWaiting() {
    if (this.pending.size === 0) this.worker?.unref();
  }

  private stop(error: Error) {
    this.stopped ??= error;
    for (const waiting of this.pending.values()) waiting.reject(this.stopped);
    this.pending.clear();
  }
}

const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** One holder at a time, served in arrival order. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  private release?: () => void;

  async lock(): Promise<void> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.release = release;
  }

  unlock() {
    const release = this.release;
    this.release = undefined;
    release?.();
  }
}
