import { type CoupleEventPayload, findLinks } from '@couple-chat/protocol';

/** Events after which the drawer may list something else: a message with files or links, or any deletion. */
export function changesDrawer(event: CoupleEventPayload): boolean {
  if (event.type === 'message.deleted') return true;
  if (event.type !== 'message.created') return false;
  const { message } = event;
  return message.attachments.length > 0 || findLinks(message.body ?? '').length > 0;
}

/** Events after which the couple's storage use may differ: files arrive, or leave with their message. */
export function changesStorage(event: CoupleEventPayload): boolean {
  if (event.type === 'message.deleted') return true;
  return event.type === 'message.created' && event.message.attachments.length > 0;
}
