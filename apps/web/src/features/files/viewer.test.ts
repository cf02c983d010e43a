import type { AttachmentDto, MessageDto } from '@couple-chat/protocol';
import { describe, expect, it } from 'vitest';
import { clampZoom, mediaOfMessages, noZoom, zoomAround } from './viewer';

const attachment = (id: string, kind: AttachmentDto['kind']): AttachmentDto => ({
  id,
  kind,
  name: id,
  mime: 'x/y',
  size: 1,
  width: 100,
  height: 100,
  durationMs: null,
  placeholder: null,
  animated: false,
  variants: [],
});
const message = (
  seq: number,
  attachments: AttachmentDto[],
  body: string | null = '',
): MessageDto => ({
  id: `m${seq}`,
  seq,
  senderId: 'u1',
  body,
  createdAt: '2026-11-25T10:00:00.000Z',
  deletedAt: body === null ? '2026-11-25T11:00:00.000Z' : null,
  attachments,
});

describe('mediaOfMessages', () => {
  it('pages through photos and videos of every message in order, skipping other files', () => {
    const items = mediaOfMessages([
      message(1, [attachment('p1', 'image'), attachment('doc', 'file')]),
      message(2, [attachment('v1', 'video'), attachment('p2', 'image')]),
      message(3, [], null),
    ]);
    expect(items.map((i) => [i.messageId, i.attachment.id])).toEqual([
      ['m1', 'p1'],
      ['m2', 'v1'],
      ['m2', 'p2'],
    ]);
  });
});

describe('zoomAround', () => {
  const stage = { width: 400, height: 800 };

  it('keeps the point under the fingers where it was', () => {
    const point = { x: 100, y: -50 };
    const zoomed = zoomAround(noZoom, 2, point, stage);
    expect(zoomed).toEqual({ scale: 2, x: -100, y: 50 });
    // The picture's point that was under the fingers: (point - translate) / scale, unchanged.
    expect((point.x - zoomed.x) / zoomed.scale).toBe(point.x);
  });

  it('never zooms out past the whole picture or beyond five times', () => {
    expect(zoomAround({ scale: 2, x: 30, y: 30 }, 0.5, { x: 0, y: 0 }, stage)).toEqual(noZoom);
    expect(zoomAround(noZoom, 20, { x: 0, y: 0 }, stage).scale).toBe(5);
  });

  it('keeps a zoomed picture from sliding off the stage', () => {
    expect(clampZoom({ scale: 2, x: 900, y: -900 }, stage)).toEqual({ scale: 2, x: 200, y: -400 });
  });
});
