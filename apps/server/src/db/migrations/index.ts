import type { Migration } from 'kysely';
import * as accounts from './20261124000000-accounts.js';
import * as couples from './20261124010000-couples.js';
import * as messages from './20261124020000-messages.js';

/** Listed statically (not read from disk) so the compiled server needs no file globbing. */
export const migrations: Record<string, Migration> = {
  '20261124000000-accounts': accounts,
  '20261124010000-couples': couples,
  '20261124020000-messages': messages,
};
