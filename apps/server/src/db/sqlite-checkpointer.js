// @ts-check
// Copies the WAL back into the database file on a thread of its own (see sqlite-worker-dialect.ts),
// so the thread that writes never stops for a checkpoint's page copies and fsyncs. Plain
// JavaScript: it needs nothing but better-sqlite3, and so starts without a TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';

const port = parentPort;
if (!port) throw new Error('sqlite-checkpointer.js runs only as a worker thread');

/** @type {{ file: string; synchronous: string; intervalMs: number }} */
const { file, synchronous, intervalMs } = workerData;
const sqlite = new SqliteDatabase(file);
sqlite.pragma(`synchronous = ${synchronous}`);

// PASSIVE: copies what it can without waiting for the writer, which goes on appending meanwhile.
// The WAL starts over only when a write begins with everything copied, which a writer that never
// pauses does not give it; then the writer's own threshold checkpoints the little that is left.
const timer = setInterval(() => {
  try {
    sqlite.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or interrupted: the next turn tries again, and the writer's own threshold is a backstop.
  }
}, intervalMs);

port.on('message', () => {
  clearInterval(timer);
  sqlite.close();
  port.close();
});
