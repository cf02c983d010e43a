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

export async function openPostgresTestDatabase(url: string): Promise<DatabaseHandle> {
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = openDatabase({ kind: 'postgres', url, poolSize: 5, schema });
  return {
    ...handle,
    async close() {
      await handle.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}
