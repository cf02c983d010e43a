import type { Kysely, Selectable } from 'kysely';
import type { Database, MessageLinksTable } from '../db/schema.js';
import type { DrawerCursor } from './attachment.repository.js';

export type MessageLinkRow = Selectable<MessageLinksTable>;

export class MessageLinkRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(...links: MessageLinksTable[]): Promise<void> {
    if (links.length === 0) return;
    await this.db.insertInto('message_links').values(links).execute();
  }

  /** Newest first, after the cursor. */
  list(coupleId: string, before: DrawerCursor | undefined, limit: number) {
    let q = this.db.selectFrom('message_links').selectAll().where('couple_id', '=', coupleId);
    if (before) {
      q = q.where((eb) =>
        eb.or([
          eb('message_seq', '<', before.seq),
          eb.and([eb('message_seq', '=', before.seq), eb('position', '<', before.position)]),
        ]),
      );
    }
    return q.orderBy('message_seq', 'desc').orderBy('position', 'desc').limit(limit).execute();
  }

  async deleteOfMessage(coupleId: string, seq: number): Promise<void> {
    await this.db
      .deleteFrom('message_links')
      .where('couple_id', '=', coupleId)
      .where('message_seq', '=', seq)
      .execute();
  }

  async deleteAll(coupleId: string): Promise<void> {
    await this.db.deleteFrom('message_links').where('couple_id', '=', coupleId).execute();
  }
}
