import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { createRepositories } from '../../src/models/repositories.js';
import { toCoupleEventDto } from '../../src/services/couple-log.js';

/**
 * Every stored row of one couple: the couple, its memberships, event log, messages, reads,
 * calendar events, D-days, files, links and message days (date search).
 */
export async function coupleRows(db: Kysely<Database>, coupleId: string) {
  const couple = await db
    .selectFrom('couples')
    .selectAll()
    .where('id', '=', coupleId)
    .executeTakeFirst();
  const members = await db
    .selectFrom('couple_members')
    .selectAll()
    .where('couple_id', '=', coupleId)
    .orderBy('user_id')
    .execute();
  // The log as the server reads it: couple_events and the messages (each its message.created).
  const events = (
    await createRepositories(db).coupleEvents.listAfter(coupleId, 0, Number.MAX_SAFE_INTEGER)
  ).map((entry) => {
    const { event } = toCoupleEventDto(entry);
    return {
      couple_id: coupleId,
      seq: entry.seq,
      type: event.type,
      payload: JSON.stringify(event),
      created_at: entry.created_at,
    };
  });
  const messages = await db
    .selectFrom('messages')
    .selectAll()
    .where('couple_id', '=', coupleId)
    .orderBy('seq')
    .execute();
  const reads = await db
    .selectFrom('read_positions')
    .selectAll()
    .where('couple_id', '=', coupleId)
    .orderBy('user_id')
    .execute();
  const calendar = await db
    .selectFrom('calendar_events')
    .selectAll()
    .where('couple_id', '=', coupleId)
    .orderBy('id')
    .execute();
  const ddays = await db
    .selectFrom('ddays')
    .selectAll()
    .where('couple_id', '=', coupleId)
    .orderBy('id')
    .execute();
  const attachments = await db
    .selectFrom('attachments')
    .selectAll()
    .where('couple_id', '=', coupleId)
    .orderBy('id')
    .execute();
  const links = await db
    .selectFrom('message_links')
    .selectAll()
    .where('couple_id', '=', coupleId)
    .orderBy('message_seq')
    .orderBy('position')
    .execute();
  const days = await db
    .selectFrom('message_days')
    .selectAll()
    .where('couple_id', '=', coupleId)
    .orderBy('day')
    .execute();
  return { couple, members, events, messages, reads, calendar, ddays, attachments, links, days };
}

/** All pending connection requests, in a stable order. */
export function requestRows(db: Kysely<Database>) {
  return db.selectFrom('connection_requests').selectAll().orderBy('id').execute();
}

/** The couple ids the given users belong to, one entry per membership row. */
export async function membershipsOf(db: Kysely<Database>, userIds: string[]) {
  return db
    .selectFrom('couple_members')
    .select(['user_id', 'couple_id'])
    .where('user_id', 'in', userIds)
    .orderBy('user_id')
    .execute();
}

/** Everything that forming or changing a couple touches, for "nothing changed" checks. */
export async function connectionState(db: Kysely<Database>) {
  return {
    requests: await requestRows(db),
    couples: await db.selectFrom('couples').selectAll().orderBy('id').execute(),
    members: await db.selectFrom('couple_members').selectAll().orderBy('user_id').execute(),
    invites: await db.selectFrom('invites').selectAll().orderBy('user_id').execute(),
  };
}
