import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';

type Table = keyof Database;

/** Row count of a table, optionally only the rows of one user (`id` for users, `user_id` otherwise). */
export async function countRows(
  db: Kysely<Database>,
  table: Table,
  userId?: string,
): Promise<number> {
  let query = db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (userId !== undefined) {
    query =
      table === 'users'
        ? query.where('id' as any, '=', userId)
        : query.where('user_id' as any, '=', userId);
  }
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}
