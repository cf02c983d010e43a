import type { AttachmentDto, MessageDto } from '@couple-chat/protocol';
import type { AttachmentRow } from '../models/attachment.repository.js';
import type { MessageRow } from '../models/message.repository.js';

export function toMessageDto(m: MessageRow): MessageDto {
  return {
    id: m.id,
    seq: Number(m.seq),
    senderId: m.sender_id,
    body: m.body,
    createdAt: new Date(m.created_at).toISOString(),
    deletedAt: m.deleted_at === null ? null : new Date(m.deleted_at).toISOString(),
    // Stored as served when the message was written: attachments never change after that.
    attachments: m.attachments ? (JSON.parse(m.attachments) as AttachmentDto[]) : [],
  };
}

/** A processed attachment as the partners see it. */
export function toAttachmentDto(a: AttachmentRow): AttachmentDto {
  return {
    id: a.id,
    kind: a.kind ?? 'file',
    name: a.name,
    mime: a.mime ?? 'application/octet-stream',
    size: Number(a.size ?? 0),
    width: a.width,
    height: a.height,
    durationMs: a.duration_ms === null ? null : Number(a.duration_ms),
    placeholder: a.placeholder,
    animated: a.animated === 1,
    variants: JSON.parse(a.variants) as AttachmentDto['variants'],
  };
}
