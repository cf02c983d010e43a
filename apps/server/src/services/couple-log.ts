import type { CoupleEventDto, CoupleEventPayload, UserNotice } from '@couple-chat/protocol';
import type { Logger } from '../lib/logger.js';
import type { CoupleLogEntry } from '../models/couple-event.repository.js';
import type { Repositories } from '../models/repositories.js';
import { coupleTopic, type Hub, userTopic } from '../realtime/hub.js';
import { toMessageDto } from './message.presenter.js';

/** The couple's own milestones, as opposed to chat traffic (messages, read positions). */
export type CoupleLifecycleEvent = Extract<CoupleEventPayload, { type: `couple.${string}` }>;
export type CoupleLifecycleEventDto = CoupleEventDto & { event: CoupleLifecycleEvent };

export function isLifecycleEvent(e: CoupleEventDto): e is CoupleLifecycleEventDto {
  return e.event.type.startsWith('couple.');
}

/** Appends an event to the couple's ordered log; call inside the transaction that made the change. */
export async function appendCoupleEvent(
  repos: Repositories,
  coupleId: string,
  event: CoupleEventPayload,
  now: number,
): Promise<CoupleEventDto> {
  const seq = await repos.couples.nextSeq(coupleId);
  await repos.coupleEvents.insert({
    couple_id: coupleId,
    seq,
    type: event.type,
    payload: JSON.stringify(event),
    created_at: now,
  });
  return { seq, at: new Date(now).toISOString(), event };
}

/** A log entry as clients get it; a message is shown as it is now (a tombstone once deleted). */
export function toCoupleEventDto(entry: CoupleLogEntry): CoupleEventDto {
  return {
    seq: entry.seq,
    at: new Date(entry.created_at).toISOString(),
    event: entry.message
      ? { type: 'message.created', message: toMessageDto(entry.message) }
      : (JSON.parse(entry.payload) as CoupleEventPayload),
  };
}

/** Publishes after commit. A failed publish loses nothing: subscribers catch up from the log. */
export class Publisher {
  constructor(
    private readonly hub: Hub,
    private readonly logger: Logger,
  ) {}

  async coupleEvents(coupleId: string, events: CoupleEventDto[]): Promise<void> {
    for (const e of events) {
      await this.hub
        .publish(coupleTopic(coupleId), { kind: 'couple-event', coupleId, ...e })
        .catch((err) =>
          this.logger.warn({ err, coupleId }, 'publish failed; clients will catch up'),
        );
    }
  }

  async notice(userIds: Iterable<string>, notice: UserNotice): Promise<void> {
    for (const id of new Set(userIds)) {
      await this.hub
        .publish(userTopic(id), { kind: 'notice', notice })
        .catch((err) => this.logger.warn({ err }, 'publish failed'));
    }
  }
}
