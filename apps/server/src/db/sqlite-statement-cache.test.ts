import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './sqlite-statement-cache.js';

describe('withStatementCache', () => {
  const sqlite = new SqliteDatabase(':memory:');
  afterEach(() => sqlite.exec('drop table if exists t'));

  it('prepares each SQL string once and reuses the statement', () => {
    const db = withStatementCache(sqlite);
    const first = db.prepare('select 1 as one');
    expect(db.prepare('select 1 as one')).toBe(first);
    expect(first.all([])).toEqual([{ one: 1 }]);
    expect(db.prepare('select 2 as two')).not.toBe(first);
  });

  it('evicts the least recently used statement beyond its capacity', () => {
    const db = withStatementCache(sqlite, 2);
    const a = db.prepare('select 1');
    const b = db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(a); // a is now the most recent
    db.prepare('select 3'); // evicts b
    expect(db.prepare('select 1')).toBe(a);
    expect(db.prepare('select 2')).not.toBe(b);
  });

  it('keeps working after the schema changes under a cached statement', () => {
    const db = withStatementCache(sqlite);
    sqlite.exec('create table t (x integer)');
    const insert = db.prepare('insert into t (x) values (?)');
    insert.run([1]);
    sqlite.exec('alter table t add column y integer');
    db.prepare('insert into t (x) values (?)').run([2]);
    expect(db.prepare('select x from t order by x').all([])).toEqual([{ x: 1 }, { x: 2 }]);
  });
});
