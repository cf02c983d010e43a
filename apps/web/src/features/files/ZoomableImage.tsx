import { type AttachmentDto, attachmentUrl } from '@couple-chat/protocol';
import { type PointerEvent, useRef, useState, type WheelEvent } from 'react';
import { viewerSource } from './pictures';
import { placeholderUrl } from './placeholder';
import { clampZoom, noZoom, type Zoom, zoomAround } from './viewer';

interface ZoomableImageProps {
  attachment: AttachmentDto;
  label: string;
  /** A horizontal drag while not zoomed: `dx` so far, and whether the finger has lifted. */
  onSwipe(dx: number, done: boolean): void;
}

const doubleTapMs = 300;
const tapSlopPx = 10;
const doubleTapZoom = 2.5;

interface Point {
  x: number;
  y: number;
}

/** A photo that zooms with two fingers, a double tap or the wheel, and pans once zoomed. */
export function ZoomableImage({ attachment, label, onSwipe }: ZoomableImageProps) {
  const stage = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState<Zoom>(noZoom);
  // The original is fetched only once someone zooms in; until it is in, the preview stays.
  const [wantOriginal, setWantOriginal] = useState(false);
  const [originalLoaded, setOriginalLoaded] = useState(false);
  const [previewLoaded, setPreviewLoaded] = useState(false);
  const pointers = useRef(new Map<number, Point>());
  const gesture = useRef<{
    start: Point;
    zoom: Zoom;
    distance: number;
    mid: Point;
    moved: boolean;
  } | null>(null);
  const lastTap = useRef(0);

  const box = () => {
    const rect = stage.current?.getBoundingClientRect();
    return {
      width: rect?.width ?? 0,
      height: rect?.height ?? 0,
      left: rect?.left ?? 0,
      top: rect?.top ?? 0,
    };
  };
  // A screen point relative to the stage's centre, where the zoom's origin is.
  const local = (point: Point): Point => {
    const b = box();
    return { x: point.x - b.left - b.width / 2, y: point.y - b.top - b.height / 2 };
  };
  const apply = (next: Zoom) => {
    setZoom(next);
    if (next.scale > 1) setWantOriginal(true);
  };

  const begin = () => {
    const points = [...pointers.current.values()];
    const [a, b] = points;
    if (!a) return;
    const mid = b ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } : a;
    const distance = b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
    gesture.current = { start: a, zoom, distance, mid, moved: gesture.current?.moved ?? false };
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.current.size === 1) gesture.current = null;
    begin();
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!pointers.current.has(event.pointerId) || !gesture.current) return;
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    const g = gesture.current;
    const [a, b] = [...pointers.current.values()];
    if (!a) return;
    if (b && g.distance > 0) {
      const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      const scale = (g.zoom.scale * Math.hypot(a.x - b.x, a.y - b.y)) / g.distance;
      const from = local(g.mid);
      const to = local(mid);
      const scaled = zoomAround(g.zoom, scale, from, box());
      g.moved = true;
      apply(
        clampZoom({ ...scaled, x: scaled.x + to.x - from.x, y: scaled.y + to.y - from.y }, box()),
      );
      return;
    }
    const dx = a.x - g.start.x;
    const dy = a.y - g.start.y;
    if (Math.hypot(dx, dy) > tapSlopPx) g.moved = true;
    if (g.zoom.scale > 1)
      apply(clampZoom({ ...g.zoom, x: g.zoom.x + dx, y: g.zoom.y + dy }, box()));
    else if (g.moved) onSwipe(dx, false);
  };

  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    const g = gesture.current;
    const point = pointers.current.get(event.pointerId);
    pointers.current.delete(event.pointerId);
    if (pointers.current.size > 0) {
      // One finger of a pinch lifted: the other pans on from here.
      begin();
      return;
    }
    gesture.current = null;
    if (!g || !point) return;
    if (g.zoom.scale <= 1 && g.moved && event.type === 'pointerup') {
      onSwipe(point.x - g.start.x, true);
      return;
    }
    if (g.moved || event.type !== 'pointerup') return;
    const now = event.timeStamp;
    if (now - lastTap.current < doubleTapMs) {
      lastTap.current = 0;
      apply(zoom.scale > 1 ? noZoom : zoomAround(zoom, doubleTapZoom, local(point), box()));
    } else lastTap.current = now;
  };

  const onWheel = (event: WheelEvent<HTMLDivElement>) => {
    const factor = Math.exp(-event.deltaY / 300);
    apply(
      zoomAround(zoom, zoom.scale * factor, local({ x: event.clientX, y: event.clientY }), box()),
    );
  };

  const placeholder = placeholderUrl(attachment.placeholder);
  const transform = `translate(${zoom.x}px, ${zoom.y}px) scale(${zoom.scale})`;
  const original = attachment.kind === 'image' && !attachment.animated && wantOriginal;
  return (
    <div
      ref={stage}
      className={`zoom-stage${zoom.scale > 1 ? ' zoom-stage-zoomed' : ''}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onWheel={onWheel}
    >
      <div className="zoom-layer" style={{ transform }}>
        <img
          className="zoom-img"
          src={viewerSource(attachment)}
          alt={label}
          draggable={false}
          // The blurred placeholder only until the picture is in: its proportions are approximate.
          style={
            placeholder && !previewLoaded ? { backgroundImage: `url("${placeholder}")` } : undefined
          }
          onLoad={() => setPreviewLoaded(true)}
        />
        {original && (
          <img
            className={`zoom-img zoom-original${originalLoaded ? ' zoom-original-loaded' : ''}`}
            src={attachmentUrl(attachment.id, 'original')}
            alt=""
            draggable={false}
            onLoad={() => setOriginalLoaded(true)}
          />
        )}
      </div>
    </div>
  );
}
