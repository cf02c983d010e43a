import type { Kysely, Selectable } from 'kysely';
import type { Database, InvitesTable } from '../db/schema.js';

export type InviteRow = Selectable<InvitesTable>;

export class InviteRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findByUser(userId: string): Promise<InviteRow | undefined> {
    return this.db
      .selectFrom('invites')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }

  findByCode(code: string): Promise<InviteRow | undefined> {
    return this.db.selectFrom('invites').selectAll().where('code', '=', code).executeTakeFirst();
  }

  /** Replaces the user's code: the old one stops working at once. */
  async replace(invite: InvitesTable): Promise<void> {
    await this.db.deleteFrom('invites').where('user_id', '=', invite.user_id).execute();
    await this.db.insertInto('invites').values(invite).execute();
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('invites').where('user_id', '=', userId).execute();
  }
}
