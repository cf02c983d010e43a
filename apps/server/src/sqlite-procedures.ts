// What the app runs on SQLite's thread (db/sqlite-worker-dialect.ts), by name: one list for the
// app's thread entry (sqlite-worker.ts) and for any other entry that adds its own.
import type { Procedure } from './db/sqlite-worker-protocol.js';
import { sendProcedures } from './services/send-writer.js';

export const appProcedures: Record<string, Procedure> = { ...sendProcedures };
