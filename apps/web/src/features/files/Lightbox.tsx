import { attachmentUrl } from '@couple-chat/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icons';
import { downloadUrl, posterSource, viewerSource } from './pictures';
import type { ViewerItem } from './viewer';
import { ZoomableImage } from './ZoomableImage';

interface LightboxProps {
  items: ViewerItem[];
  /** The attachment shown first. */
  startId: string;
  /** "준호 · 11월 25일 오후 9:01": who sent it and when. */
  describe(item: ViewerItem): string;
  onClose(): void;
  /** Closes the viewer and shows the message in the chat. */
  onShowInChat(item: ViewerItem): void;
}

const swipeMinPx = 60;

const isViewerEntry = () => Boolean((history.state as { lightbox?: boolean } | null)?.lightbox);

/**
 * The full-screen viewer of the couple's photos and videos: swipe or arrow keys for the previous
 * and next, pinch or double-tap to zoom (the original loads then), download, and the way back to
 * the message. It takes a history entry, so a phone's back gesture closes it.
 */
export function Lightbox({ items, startId, describe, onClose, onShowInChat }: LightboxProps) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [currentId, setCurrentId] = useState(startId);
  const index = items.findIndex((item) => item.attachment.id === currentId);
  const item = items[index];
  const [swipe, setSwipe] = useState(0);

  // The viewer is a history entry: back (or Esc, or ×) pops it, and popping it closes the viewer.
  const latestClose = useRef(onClose);
  latestClose.current = onClose;
  const afterClose = useRef<(() => void) | null>(null);
  useEffect(() => {
    // Focus goes back to the photo that opened the viewer.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!isViewerEntry()) history.pushState({ ...history.state, lightbox: true }, '');
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    const onPop = () => {
      if (isViewerEntry()) return;
      latestClose.current();
      afterClose.current?.();
    };
    window.addEventListener('popstate', onPop);
    return () => {
      window.removeEventListener('popstate', onPop);
      opener?.focus({ preventScroll: true });
    };
  }, []);
  const close = useCallback((after?: () => void) => {
    afterClose.current = after ?? null;
    if (isViewerEntry()) history.back();
    else {
      latestClose.current();
      after?.();
    }
  }, []);

  const go = useCallback(
    (step: number) => {
      const next = items[index + step];
      if (next) setCurrentId(next.attachment.id);
    },
    [items, index],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'ArrowLeft') go(-1);
      else if (event.key === 'ArrowRight') go(1);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [go]);

  // The neighbours load ahead, so paging feels instant.
  useEffect(() => {
    for (const neighbour of [items[index - 1], items[index + 1]]) {
      if (neighbour?.attachment.kind === 'image')
        new Image().src = viewerSource(neighbour.attachment);
    }
  }, [items, index]);

  // The message (or its file) was deleted meanwhile: nothing is left to show.
  useEffect(() => {
    if (!item) close();
  }, [item, close]);
  if (!item) return null;
  const { attachment } = item;

  return (
    <dialog
      ref={dialog}
      className="lightbox"
      aria-label={t('lightbox.title')}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      <div className="lightbox-bar lightbox-top">
        <button
          type="button"
          className="lightbox-button"
          aria-label={t('lightbox.close')}
          onClick={() => close()}
        >
          <Icon name="close" />
        </button>
        <p className="lightbox-caption">
          <span className="lightbox-who">{describe(item)}</span>
          <span className="lightbox-position">
            {t('lightbox.position', { index: index + 1, count: items.length })}
          </span>
        </p>
      </div>
      <div
        className="lightbox-stage"
        style={swipe ? { transform: `translateX(${swipe}px)` } : undefined}
      >
        {attachment.kind === 'video' ? (
          // biome-ignore lint/a11y/useMediaCaption: personal videos have no captions to offer
          <video
            key={attachment.id}
            className="lightbox-video"
            src={attachmentUrl(attachment.id, 'original')}
            poster={posterSource(attachment)}
            controls
            playsInline
          />
        ) : (
          <ZoomableImage
            key={attachment.id}
            attachment={attachment}
            label={attachment.name}
            onSwipe={(dx, done) => {
              if (!done) return setSwipe(dx);
              setSwipe(0);
              if (dx <= -swipeMinPx) go(1);
              else if (dx >= swipeMinPx) go(-1);
            }}
          />
        )}
      </div>
      {index > 0 && (
        <button
          type="button"
          className="lightbox-button lightbox-previous"
          aria-label={t('lightbox.previous')}
          onClick={() => go(-1)}
        >
          <Icon name="previous" />
        </button>
      )}
      {index < items.length - 1 && (
        <button
          type="button"
          className="lightbox-button lightbox-next"
          aria-label={t('lightbox.next')}
          onClick={() => go(1)}
        >
          <Icon name="next" />
        </button>
      )}
      <div className="lightbox-bar lightbox-bottom">
        <a className="lightbox-action" href={downloadUrl(attachment)} download={attachment.name}>
          <Icon name="download" />
          {t('lightbox.download')}
        </a>
        <button
          type="button"
          className="lightbox-action"
          onClick={() => close(() => onShowInChat(item))}
        >
          <Icon name="chat" />
          {t('lightbox.showInChat')}
        </button>
      </div>
    </dialog>
  );
}
