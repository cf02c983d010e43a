import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, UsersTable } from '../db/schema.js';

export type UserRow = Selectable<UsersTable>;

export type NewUser = Insertable<UsersTable>;

/** Users are not couple-scoped: each row belongs to the person it describes. */
export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findById(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByUsernameKey(key: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('username_key', '=', key)
      .executeTakeFirst();
  }

  findByEmailKey(key: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('email_key', '=', key).executeTakeFirst();
  }

  async insert(user: NewUser): Promise<void> {
    await this.db.insertInto('users').values(user).execute();
  }

  async update(
    id: string,
    changes: Partial<Pick<UsersTable, 'display_name' | 'locale' | 'password_hash'>> & {
      updated_at: number;
    },
  ): Promise<void> {
    await this.db.updateTable('users').set(changes).where('id', '=', id).execute();
  }

  async setRankingSize(id: string, size: number): Promise<void> {
    await this.db.updateTable('users').set({ ranking_size: size }).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('users').where('id', '=', id).execute();
  }
}
