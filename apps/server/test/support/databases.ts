import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty database (a new SQLite file, or a new PostgreSQL schema). */
  open(): Promise<DatabaseHandle>;
}

/**
 * One database that outlives its connections: every `open()` is a new handle to the same SQLite file
 * or PostgreSQL schema (a restarted or second instance); closing a handle keeps the data.
 */
export interface ReopenableTestDatabase extends TestDatabase {
  /** Removes the file or schema; call once every handle is closed. */
  dispose(): Promise<void>;
}

let noticePrinted = false;

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set — and a printed notice when it is not. */
export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'sqlite', open: openSqliteTestDatabase }];
  const url = process.env.TEST_DATABASE_URL;
  if (url) list.push({ name: 'postgres', open: () => openPostgresTestDatabase(url) });
  else if (!noticePrinted) {
    noticePrinted = true;
    console.warn(
      'NOTICE: TEST_DATABASE_URL is not set; the PostgreSQL variants of these suites are skipped.',
    );
  }
  return list;
}

export async function openSqliteTestDatabase(): Promise<DatabaseHandle> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-test-'));
  const handle = openDatabase({
    kind: 'sqlite',
    file: path.join(dir, 'test.sqlite'),
    synchronous: 'NORMAL',
  });
  return {
    ...handle,
    async close() {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

async function createPostgresSchema(url: string): Promise<string> {
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(url, `create schema ${schema}`);
  return schema;
}

export async function openPostgresTestDatabase(url: string): Promise<DatabaseHandle> {
  const schema = await createPostgresSchema(url);
  const handle = openDatabase({ kind: 'postgres', url, poolSize: 5, schema });
  return {
    ...handle,
    async close() {
      await handle.close();
      await adminQuery(url, `drop schema if exists ${schema} cascade`);
    },
  };
}

/** A database of the same kind as `database` that survives closing its handles. */
export async function reopenableTestDatabase(
  database: TestDatabase,
): Promise<ReopenableTestDatabase> {
  if (database.name === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const schema = await createPostgresSchema(url);
    return {
      name: 'postgres',
      open: async () => openDatabase({ kind: 'postgres', url, poolSize: 5, schema }),
      dispose: () => adminQuery(url, `drop schema if exists ${schema} cascade`),
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-test-'));
  const file = path.join(dir, 'test.sqlite');
  return {
    name: 'sqlite',
    open: async () => openDatabase({ kind: 'sqlite', file, synchronous: 'NORMAL' }),
    dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
