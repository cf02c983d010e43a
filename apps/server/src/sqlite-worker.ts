// The SQLite thread's entry (db/sqlite-worker-dialect.ts): the database, and the procedures that
// run next to it.
import { serveSqlite } from './db/sqlite-thread.js';
import { appProcedures } from './sqlite-procedures.js';

serveSqlite(appProcedures);
