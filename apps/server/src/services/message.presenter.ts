import type { MessageDto } from '@couple-chat/protocol';
import type { MessageRow } from '../models/message.repository.js';

export function toMessageDto(m: MessageRow): MessageDto {
  return {
    id: m.id,
    seq: Number(m.seq),
    senderId: m.sender_id,
    body: m.body,
    createdAt: new Date(m.created_at).toISOString(),
    deletedAt: m.deleted_at === null ? null : new Date(m.deleted_at).toISOString(),
    attachments: [],
  };
}
