import type { CoupleEventPayload } from '@couple-chat/protocol';

/** Events after which the ranking's counts may differ: messages come and go, words leave or return. */
export function changesRanking(event: CoupleEventPayload): boolean {
  return (
    event.type === 'message.created' || event.type === 'message.deleted' || changesExclusions(event)
  );
}

export function changesExclusions(event: CoupleEventPayload): boolean {
  return event.type === 'words.excluded' || event.type === 'words.restored';
}
