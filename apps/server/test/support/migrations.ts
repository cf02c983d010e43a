import type { Kysely } from 'kysely';
import { migrations } from '../../src/db/migrations/index.js';

/**
 * Takes a database back to before migration `name`: undoes it and every later one, newest first,
 * as an older version of the server left it. The next start migrates it up again.
 */
export async function rollBackTo(db: Kysely<unknown>, name: string): Promise<void> {
  const names = Object.keys(migrations).sort();
  if (!names.includes(name)) throw new Error(`no migration named ${name}`);
  for (const later of names.filter((n) => n >= name).reverse()) {
    await migrations[later]?.down?.(db);
    await db
      .deleteFrom('kysely_migration' as never)
      .where('name' as never, '=', later as never)
      .execute();
  }
}
