import type { AttachmentDto, DrawerItem, MessageDto } from '@couple-chat/protocol';
import { isMedia } from './kinds';

/** One photo or video in the full-screen viewer, with the message it came in. */
export interface ViewerItem {
  attachment: AttachmentDto;
  messageId: string;
  seq: number;
  senderId: string;
  createdAt: string;
}

/** Every photo and video of the loaded chat, oldest first, as the viewer pages through them. */
export function mediaOfMessages(messages: readonly MessageDto[]): ViewerItem[] {
  const items: ViewerItem[] = [];
  for (const message of messages) {
    if (message.body === null) continue;
    for (const attachment of message.attachments) {
      if (!isMedia(attachment)) continue;
      const { id: messageId, seq, senderId, createdAt } = message;
      items.push({ attachment, messageId, seq, senderId, createdAt });
    }
  }
  return items;
}

/** The drawer's (newest first) media, oldest first like the chat's. */
export function mediaOfDrawer(items: readonly DrawerItem[]): ViewerItem[] {
  const media: ViewerItem[] = [];
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const item = items[i];
    if (!item?.attachment || !isMedia(item.attachment)) continue;
    const { messageId, seq, senderId, createdAt, attachment } = item;
    media.push({ attachment, messageId, seq, senderId, createdAt });
  }
  return media;
}

export interface Zoom {
  scale: number;
  x: number;
  y: number;
}

export const noZoom: Zoom = { scale: 1, x: 0, y: 0 };
export const maxZoom = 5;

/**
 * The zoom after scaling to `scale` around a point (relative to the stage's centre) that stays
 * where it is on screen; the picture is kept from sliding off the stage.
 */
export function zoomAround(
  zoom: Zoom,
  scale: number,
  point: { x: number; y: number },
  stage: { width: number; height: number },
): Zoom {
  const next = Math.min(maxZoom, Math.max(1, scale));
  const ratio = next / zoom.scale;
  return clampZoom(
    {
      scale: next,
      x: point.x - (point.x - zoom.x) * ratio,
      y: point.y - (point.y - zoom.y) * ratio,
    },
    stage,
  );
}

export function clampZoom(zoom: Zoom, stage: { width: number; height: number }): Zoom {
  if (zoom.scale <= 1) return noZoom;
  const limitX = ((zoom.scale - 1) * stage.width) / 2;
  const limitY = ((zoom.scale - 1) * stage.height) / 2;
  return {
    scale: zoom.scale,
    x: Math.min(limitX, Math.max(-limitX, zoom.x)),
    y: Math.min(limitY, Math.max(-limitY, zoom.y)),
  };
}
