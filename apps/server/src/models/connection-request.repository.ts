import type { Kysely, Selectable } from 'kysely';
import type { ConnectionRequestsTable, Database } from '../db/schema.js';

export type ConnectionRequestRow = Selectable<ConnectionRequestsTable>;

export interface PersonRow {
  id: string;
  username: string;
  display_name: string;
}

export interface ConnectionRequestView {
  id: string;
  created_at: number;
  from: PersonRow;
  to: PersonRow;
}

/** Requests are user-scoped: every read names the user who must be a party to it. */
export class ConnectionRequestRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(request: ConnectionRequestsTable): Promise<void> {
    await this.db.insertInto('connection_requests').values(request).execute();
  }

  /** A request the user sent or received; undefined for anyone else's. */
  findInvolving(userId: string, requestId: string): Promise<ConnectionRequestRow | undefined> {
    return this.db
      .selectFrom('connection_requests')
      .selectAll()
      .where('id', '=', requestId)
      .where((eb) => eb.or([eb('from_user_id', '=', userId), eb('to_user_id', '=', userId)]))
      .executeTakeFirst();
  }

  private views() {
    return this.db
      .selectFrom('connection_requests as r')
      .innerJoin('users as f', 'f.id', 'r.from_user_id')
      .innerJoin('users as t', 't.id', 'r.to_user_id')
      .select([
        'r.id',
        'r.created_at',
        'f.id as from_id',
        'f.username as from_username',
        'f.display_name as from_display_name',
        't.id as to_id',
        't.username as to_username',
        't.display_name as to_display_name',
      ]);
  }

  async listFor(
    userId: string,
  ): Promise<{ received: ConnectionRequestView[]; sent: ConnectionRequestView[] }> {
    const rows = await this.views()
      .where((eb) => eb.or([eb('r.from_user_id', '=', userId), eb('r.to_user_id', '=', userId)]))
      .orderBy('r.created_at', 'desc')
      .execute();
    const views = rows.map(toView);
    return {
      received: views.filter((v) => v.to.id === userId),
      sent: views.filter((v) => v.from.id === userId),
    };
  }

  async findView(requestId: string): Promise<ConnectionRequestView | undefined> {
    const row = await this.views().where('r.id', '=', requestId).executeTakeFirst();
    return row ? toView(row) : undefined;
  }

  /** Deletes a request only if it still exists; true when this call removed it. */
  async delete(requestId: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('connection_requests')
      .where('id', '=', requestId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  /** Every pending request either user sent or received; returns the other parties to notify. */
  async deleteAllInvolving(userIds: string[]): Promise<string[]> {
    const rows = await this.db
      .deleteFrom('connection_requests')
      .where((eb) => eb.or([eb('from_user_id', 'in', userIds), eb('to_user_id', 'in', userIds)]))
      .returning(['from_user_id', 'to_user_id'])
      .execute();
    return [...new Set(rows.flatMap((r) => [r.from_user_id, r.to_user_id]))];
  }
}

interface ViewRow {
  id: string;
  created_at: number;
  from_id: string;
  from_username: string;
  from_display_name: string;
  to_id: string;
  to_username: string;
  to_display_name: string;
}

function toView(r: ViewRow): ConnectionRequestView {
  return {
    id: r.id,
    created_at: r.created_at,
    from: { id: r.from_id, username: r.from_username, display_name: r.from_display_name },
    to: { id: r.to_id, username: r.to_username, display_name: r.to_display_name },
  };
}
