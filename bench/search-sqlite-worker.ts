// bench:search's SQLite thread: the app's procedures, plus a switch for the search index's two
// writes. The send path runs on this thread, so switching them off on the main thread alone
// would change nothing there.
import { serveSqlite } from '../apps/server/src/db/sqlite-thread.js';
import { appProcedures } from '../apps/server/src/sqlite-procedures.js';
import { setSearchIndexing } from './search-indexing.js';

serveSqlite({
  ...appProcedures,
  async setSearchIndexing(_db, on) {
    setSearchIndexing(on as boolean);
  },
});
