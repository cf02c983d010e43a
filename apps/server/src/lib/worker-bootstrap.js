// @ts-check
// Starts a worker thread whose entry is a TypeScript module when the server runs from source
// (tests, `tsx`), or its compiled JavaScript when it runs built. Plain JavaScript, because a
// worker thread does not inherit the TypeScript loader of the thread that started it.
import { workerData } from 'node:worker_threads';

/** @type {{ entry: string }} */
const { entry } = workerData;
if (entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(entry);
