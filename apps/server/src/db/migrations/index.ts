import type { Migration } from 'kysely';
import * as accounts from './20261124000000-accounts.js';

/** Listed statically (not read from disk) so the compiled server needs no file globbing. */
export const migrations: Record<string, Migration> = {
  '20261124000000-accounts': accounts,
};
