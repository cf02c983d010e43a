import type { ErrorCode } from '@couple-chat/protocol';
import type { Kysely } from 'kysely';
import { DomainError } from '../errors.js';
import type { Database } from './schema.js';

/** What the main thread and the SQLite thread say to each other (sqlite-worker-dialect.ts). */
export interface SqliteWorkerData {
  /** The module that calls serveSqlite, as a file URL. */
  entry: string;
  file: string;
  pragmas: readonly string[];
}

/**
 * A named unit of work that runs where the database lives, in as many transactions as it opens.
 * Its argument and result cross threads, so both must survive structured cloning.
 */
export type Procedure = (db: Kysely<Database>, args: unknown) => Promise<unknown>;

export type WorkerRequest =
  | { id: number; sql: string; params: readonly unknown[] }
  | { id: number; procedure: string; args: unknown }
  | { id: number; close: true };

export type WorkerReply =
  | { id: number; ready: true }
  | { id: number; closed: true }
  | { id: number; rows: unknown[] }
  | { id: number; changes: number; lastInsertRowid: bigint }
  | { id: number; result: unknown }
  | { id: number; error: WireError };

/** An error as it crosses threads: a DomainError stays one; others keep SQLite's code. */
export interface WireError {
  message: string;
  code?: string;
  domain?: true;
}

export function wireError(err: unknown): WireError {
  if (err instanceof DomainError) return { message: err.message, code: err.code, domain: true };
  const e = (err ?? {}) as { message?: unknown; code?: unknown };
  return {
    message: typeof e.message === 'string' ? e.message : String(err),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
  };
}

export function errorFromWire(wire: WireError): Error {
  if (wire.domain) return new DomainError(wire.code as ErrorCode, wire.message);
  return new SqliteWorkerError(wire.message, wire.code);
}

/** An error the SQLite thread reported, with SQLite's code (`SQLITE_CONSTRAINT_UNIQUE`, …) kept. */
export class SqliteWorkerError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'SqliteError';
  }
}
