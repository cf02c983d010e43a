import type { CoupleEventPayload } from '@couple-chat/protocol';

/** Events after which a day may gain its first message or lose its last one. */
export function changesMessageDays(event: CoupleEventPayload): boolean {
  return event.type === 'message.created' || event.type === 'message.deleted';
}
