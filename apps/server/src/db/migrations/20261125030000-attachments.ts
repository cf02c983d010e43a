import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A photo, video or file: an upload in progress until every byte is stored and processed
  // ('ready'), then part of one message. Its id is the tus upload's id.
  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('uploader_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    /** Upload-Length: the bytes the client announced. */
    .addColumn('length', 'bigint', (c) => c.notNull())
    /** Upload-Offset: the bytes stored so far. */
    .addColumn('received', 'bigint', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('declared_type', 'text')
    .addColumn('kind', 'text')
    .addColumn('mime', 'text')
    .addColumn('size', 'bigint')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('duration_ms', 'bigint')
    .addColumn('placeholder', 'text')
    .addColumn('animated', 'integer', (c) => c.notNull().defaultTo(0))
    /** JSON array of the renditions stored besides the original. */
    .addColumn('variants', 'text', (c) => c.notNull().defaultTo('[]'))
    /** What this attachment counts against the couple's quota right now. */
    .addColumn('counted_bytes', 'bigint', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('message_seq', 'bigint')
    .addColumn('position', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // The drawer: a couple's sent files, newest message first.
  await db.schema
    .createIndex('attachments_couple_seq_idx')
    .on('attachments')
    .columns(['couple_id', 'message_seq', 'position'])
    .execute();
  // The cleanup job: uploads that never became part of a message.
  await db.schema
    .createIndex('attachments_unsent_idx')
    .on('attachments')
    .columns(['message_seq', 'updated_at'])
    .execute();

  // The stored pieces of an upload in progress, in offset order.
  await db.schema
    .createTable('upload_chunks')
    .addColumn('attachment_id', 'text', (c) =>
      c.notNull().references('attachments.id').onDelete('cascade'),
    )
    .addColumn('offset', 'bigint', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('upload_chunks_pk', ['attachment_id', 'offset'])
    .execute();

  // Links found in messages, for the drawer's links tab.
  await db.schema
    .createTable('message_links')
    .addColumn('couple_id', 'text', (c) => c.notNull().references('couples.id').onDelete('cascade'))
    .addColumn('message_seq', 'bigint', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('sender_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_links_pk', ['couple_id', 'message_seq', 'position'])
    .execute();

  // Blobs whose rows are gone: written in the same transaction as the deletion, removed from
  // storage after commit, and retried by the cleanup job if that failed (storage is not
  // transactional).
  await db.schema
    .createTable('blob_deletions')
    .addColumn('prefix', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable('couples')
    .addColumn('storage_used', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  // The message's attachments as served (JSON of the protocol's AttachmentDto[]); null: none.
  await db.schema.alterTable('messages').addColumn('attachments', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('attachments').execute();
  await db.schema.alterTable('couples').dropColumn('storage_used').execute();
  await db.schema.dropTable('blob_deletions').execute();
  await db.schema.dropTable('message_links').execute();
  await db.schema.dropTable('upload_chunks').execute();
  await db.schema.dropTable('attachments').execute();
}
