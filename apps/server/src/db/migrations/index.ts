import type { Migration } from 'kysely';
import * as accounts from './20261124000000-accounts.js';
import * as couples from './20261124010000-couples.js';
import * as messages from './20261124020000-messages.js';
import * as words from './20261125000000-words.js';
import * as questions from './20261125010000-questions.js';
import * as calendar from './20261125020000-calendar.js';
import * as attachments from './20261125030000-attachments.js';
import * as search from './20261125040000-search.js';
import * as messagesAreTheirLog from './20261126000000-messages-are-their-log.js';
import * as searchMergeSteps from './20261126010000-search-merge-steps.js';

/** Listed statically (not read from disk) so the compiled server needs no file globbing. */
export const migrations: Record<string, Migration> = {
  '20261124000000-accounts': accounts,
  '20261124010000-couples': couples,
  '20261124020000-messages': messages,
  '20261125000000-words': words,
  '20261125010000-questions': questions,
  '20261125020000-calendar': calendar,
  '20261125030000-attachments': attachments,
  '20261125040000-search': search,
  '20261126000000-messages-are-their-log': messagesAreTheirLog,
  '20261126010000-search-merge-steps': searchMergeSteps,
};
