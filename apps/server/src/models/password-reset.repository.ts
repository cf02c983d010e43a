import type { Kysely, Selectable } from 'kysely';
import type { Database, PasswordResetsTable } from '../db/schema.js';

export type PasswordResetRow = Selectable<PasswordResetsTable>;

export class PasswordResetRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(reset: PasswordResetsTable): Promise<void> {
    await this.db.insertInto('password_resets').values(reset).execute();
  }

  async findLiveUserId(id: string, now: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('password_resets')
      .select('user_id')
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row?.user_id;
  }

  /**
   * Marks the token used if it is still unused and unexpired, and returns its user.
   * The conditional UPDATE makes redemption single-use even under concurrent requests.
   */
  async redeem(id: string, now: number): Promise<string | undefined> {
    const row = await this.db
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('user_id')
      .executeTakeFirst();
    return row?.user_id;
  }

  /** Older links stop working once a newer one is issued or the password changes. */
  async invalidateAllForUser(userId: string, now: number): Promise<void> {
    await this.db
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .execute();
  }

  async deleteExpired(now: number): Promise<number> {
    const result = await this.db
      .deleteFrom('password_resets')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
