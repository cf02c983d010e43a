import pg from 'pg';
import { exitCodeWithin, type ServerProcess } from './server-process.js';
import { waitFor } from './wait.js';

/** The base URL a spawned server logs once it listens (it was started with PORT=0). */
export async function listeningAt(server: ServerProcess, timeoutMs = 30_000): Promise<string> {
  let baseUrl: string | undefined;
  await waitFor(
    () => {
      baseUrl = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output())?.[1];
      if (baseUrl === undefined && server.child.exitCode !== null)
        throw new Error(`the server exited with ${server.child.exitCode}:\n${server.output()}`);
      return baseUrl !== undefined;
    },
    'the server to listen',
    timeoutMs,
  );
  return baseUrl as string;
}

/** SIGKILLs a server (if it still runs) and waits, bounded, for the process to be gone. */
export async function killHard(server: ServerProcess, timeoutMs = 5000) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGKILL');
  await exitCodeWithin(server, timeoutMs);
}

/** One statement on a short-lived connection. */
export async function pgQuery<R extends pg.QueryResultRow = any>(
  url: string,
  statement: string,
  params: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query<R>(statement, params);
  } finally {
    await client.end();
  }
}

/** A new, empty PostgreSQL schema with a name no other run uses. */
export async function createSchema(url: string, tag: string): Promise<string> {
  const schema = `t_${tag}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  await pgQuery(url, `create schema ${schema}`);
  return schema;
}

export const dropSchema = (url: string, schema: string) =>
  pgQuery(url, `drop schema if exists ${schema} cascade`);

/** The DATABASE_URL that makes a server process work in `schema`. */
export function urlWithSchema(url: string, schema: string): string {
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  return withSchema.toString();
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
