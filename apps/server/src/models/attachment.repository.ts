import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { AttachmentsTable, Database, UploadChunksTable } from '../db/schema.js';

export type AttachmentRow = Selectable<AttachmentsTable>;
export type UploadChunkRow = Selectable<UploadChunksTable>;

/** A place in the drawer: the message's seq, then the attachment's position in it. */
export interface DrawerCursor {
  seq: number;
  position: number;
}

export class AttachmentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: Insertable<AttachmentsTable>): Promise<void> {
    await this.db.insertInto('attachments').values(row).execute();
  }

  find(coupleId: string, id: string): Promise<AttachmentRow | undefined> {
    return this.db
      .selectFrom('attachments')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  findMany(coupleId: string, ids: readonly string[]): Promise<AttachmentRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('attachments')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .where('id', 'in', [...ids])
      .execute();
  }

  /** Moves the upload's offset from `from` to `to`; false if another request moved it first. */
  async advance(coupleId: string, id: string, from: number, to: number, now: number) {
    const r = await this.db
      .updateTable('attachments')
      .set({ received: to, updated_at: now })
      .where('couple_id', '=', coupleId)
      .where('id', '=', id)
      .where('state', '=', 'uploading')
      .where('received', '=', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async addChunk(chunk: UploadChunksTable): Promise<void> {
    await this.db.insertInto('upload_chunks').values(chunk).execute();
  }

  chunks(id: string): Promise<UploadChunkRow[]> {
    return this.db
      .selectFrom('upload_chunks')
      .selectAll()
      .where('attachment_id', '=', id)
      .orderBy('offset')
      .execute();
  }

  /** The processed upload becomes sendable; false if it was already (another request won). */
  async markReady(
    coupleId: string,
    id: string,
    fields: Updateable<AttachmentsTable>,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('attachments')
      .set({ ...fields, state: 'ready' })
      .where('couple_id', '=', coupleId)
      .where('id', '=', id)
      .where('state', '=', 'uploading')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await this.db.deleteFrom('upload_chunks').where('attachment_id', '=', id).execute();
    return true;
  }

  async update(coupleId: string, id: string, fields: Updateable<AttachmentsTable>) {
    await this.db
      .updateTable('attachments')
      .set(fields)
      .where('couple_id', '=', coupleId)
      .where('id', '=', id)
      .execute();
  }

  /** Claims ready, unsent attachments of this sender for a message; false if any was not. */
  async attach(
    coupleId: string,
    uploaderId: string,
    ids: readonly string[],
    message: { id: string; seq: number },
  ): Promise<boolean> {
    for (const [position, id] of ids.entries()) {
      const r = await this.db
        .updateTable('attachments')
        .set({ message_id: message.id, message_seq: message.seq, position })
        .where('couple_id', '=', coupleId)
        .where('id', '=', id)
        .where('uploader_id', '=', uploaderId)
        .where('state', '=', 'ready')
        .where('message_id', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
    }
    return true;
  }

  ofMessage(coupleId: string, messageId: string): Promise<AttachmentRow[]> {
    return this.db
      .selectFrom('attachments')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .where('message_id', '=', messageId)
      .orderBy('position')
      .execute();
  }

  async delete(coupleId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .deleteFrom('attachments')
      .where('couple_id', '=', coupleId)
      .where('id', 'in', [...ids])
      .execute();
  }

  async deleteAll(coupleId: string): Promise<void> {
    await this.db.deleteFrom('attachments').where('couple_id', '=', coupleId).execute();
  }

  /** Sent attachments of these kinds, newest first, after the cursor. */
  drawer(
    coupleId: string,
    kinds: readonly NonNullable<AttachmentsTable['kind']>[],
    before: DrawerCursor | undefined,
    limit: number,
  ): Promise<AttachmentRow[]> {
    let q = this.db
      .selectFrom('attachments')
      .selectAll()
      .where('couple_id', '=', coupleId)
      .where('message_seq', 'is not', null)
      .where('kind', 'in', [...kinds]);
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

  /** Uploads never sent in a message and untouched since `before`, any couple. */
  unsentSince(before: number, limit: number): Promise<AttachmentRow[]> {
    return this.db
      .selectFrom('attachments')
      .selectAll()
      .where('message_seq', 'is', null)
      .where('updated_at', '<', before)
      .limit(limit)
      .execute();
  }
}
