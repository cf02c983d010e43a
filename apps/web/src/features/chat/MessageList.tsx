import type { QuestionDto } from '@couple-chat/protocol';
import { type ReactNode, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { isUnreadByPartner } from './chatState';
import { MessageRow, type RowHandlers } from './MessageRow';
import { QuestionRow } from './QuestionRow';
import type { ChatRow } from './rows';
import type { Marks } from './useJump';

/*
 * Windowing, our own and deliberately small: only the newest `baseWindow` rows are in the DOM, and
 * the window widens by `windowStep` as the reader scrolls up (then older pages are fetched), and
 * narrows again once they are back at the newest message. Chat rows have unpredictable heights
 * (wrapping Korean text, tombstones, failure lines), so a fixed-height virtualiser would jump,
 * and CSS `content-visibility: auto` still leaves every row in React's tree and needs estimated
 * heights that make upward scrolling jump where scroll anchoring is missing (iOS Safari). Keeping
 * the first visible row in place (see `Anchor`) makes prepending and trimming invisible.
 */
const baseWindow = 120;
const windowStep = 100;
// Within this distance of an edge counts as "at" it (px).
const nearTopPx = 400;
const atBottomPx = 48;

interface Anchor {
  key: string;
  top: number;
}

/** A row the reader asked to see; a new `request` scrolls to it again. */
export interface RevealRequest {
  key: string;
  request: number;
  /** Where it lands: the middle (a message) or the top (a day's heading). */
  block?: 'center' | 'start';
  /** No smooth scroll: the list around it was just replaced. */
  instant?: boolean;
}

interface MessageListProps extends RowHandlers {
  rows: ChatRow[];
  myId: string;
  partnerName: string;
  partnerRead: number;
  timeZone: string;
  hasMore: boolean;
  loadingOlder: boolean;
  onLoadOlder(): void;
  /** Showing a stretch of the past: newer messages load as the reader scrolls down. */
  hasNewer: boolean;
  loadingNewer: boolean;
  onLoadNewer(): void;
  label: string;
  /** Changes when I send: the list jumps to the newest message even if I had scrolled up. */
  jumpToEnd: number;
  /** Scrolls to a row (the question I owe an answer) and focuses what is in it. */
  reveal: RevealRequest | null;
  onQuestionChange(question: QuestionDto): void;
  /** The row drawn out for a moment after a jump to it. */
  highlight?: string | null;
  /** Search matches to mark in one message's text. */
  marks?: Marks | null;
  footer?: ReactNode;
  header?: ReactNode;
}

const prefersReducedMotion = () =>
  typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

// How long a smooth scroll to a revealed row may take; paging waits meanwhile (see `settling`).
const smoothScrollMs = 1000;

/**
 * Brings a drawn row into view and puts the focus in it (its first field, else its heading).
 * Returns false when the row is not drawn; `onSmooth` is told when the scroll is animated.
 */
function revealRow(
  list: HTMLOListElement | null,
  reveal: RevealRequest,
  onSmooth: () => void,
): boolean {
  const item = list?.querySelector<HTMLElement>(`[data-key="${CSS.escape(reveal.key)}"]`);
  if (!item) return false;
  const smooth = !reveal.instant && !prefersReducedMotion();
  if (smooth) onSmooth();
  item.scrollIntoView({ block: reveal.block ?? 'center', behavior: smooth ? 'smooth' : 'auto' });
  const target =
    item.querySelector('textarea') ?? item.querySelector<HTMLElement>('[tabindex="-1"]');
  target?.focus({ preventScroll: true });
  return true;
}

export function MessageList(props: MessageListProps) {
  const { rows, myId, partnerRead, timeZone, hasMore, loadingOlder, onLoadOlder } = props;
  const { hasNewer, loadingNewer, onLoadNewer } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  const anchor = useRef<Anchor | null>(null);
  const [size, setSize] = useState(baseWindow);
  const shown = rows.length > size ? rows.slice(rows.length - size) : rows;

  /** The first row at least partly on screen, and where it is, to keep it there across changes. */
  const captureAnchor = useCallback(() => {
    const box = scroller.current;
    const items = list.current?.children;
    if (!box || !items || items.length === 0) return;
    let low = 0;
    let high = items.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      const item = items[mid] as HTMLElement;
      if (item.offsetTop + item.offsetHeight <= box.scrollTop) low = mid + 1;
      else high = mid;
    }
    const item = items[low] as HTMLElement;
    const key = item.dataset.key;
    anchor.current = key ? { key, top: item.offsetTop - box.scrollTop } : null;
  }, []);

  const reachTop = useCallback(() => {
    if (rows.length > size) setSize((s) => s + windowStep);
    else if (hasMore && !loadingOlder) onLoadOlder();
  }, [rows.length, size, hasMore, loadingOlder, onLoadOlder]);

  const reachBottom = useCallback(() => {
    if (hasNewer && !loadingNewer) onLoadNewer();
  }, [hasNewer, loadingNewer, onLoadNewer]);

  // Until then a smooth scroll to a revealed row is under way: a page added meanwhile would move
  // the rows under it (keeping the anchor stops the animation short of the row).
  const settling = useRef(0);
  const settle = useCallback(() => {
    settling.current = performance.now() + smoothScrollMs;
  }, []);

  const onScroll = () => {
    const box = scroller.current;
    if (!box) return;
    const below = box.scrollHeight - box.scrollTop - box.clientHeight;
    // Below a stretch of the past come newer pages, not the newest message: nothing to stick to.
    atBottom.current = !hasNewer && below < atBottomPx;
    captureAnchor();
    if (performance.now() < settling.current) return;
    if (box.scrollTop < nearTopPx) reachTop();
    else if (hasNewer && below < nearTopPx) reachBottom();
    else if (atBottom.current && size > baseWindow) setSize(baseWindow);
  };

  // After every change: stay at the newest message, or keep the row the reader was looking at.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs for each new set of shown rows
  useLayoutEffect(() => {
    const box = scroller.current;
    if (!box) return;
    if (atBottom.current && !hasNewer) {
      box.scrollTop = box.scrollHeight;
    } else if (anchor.current) {
      const item = list.current?.querySelector<HTMLElement>(
        `[data-key="${CSS.escape(anchor.current.key)}"]`,
      );
      if (item) box.scrollTop = item.offsetTop - anchor.current.top;
    }
    captureAnchor();
    // A first page shorter than the screen cannot be scrolled up: fetch more at once.
    if (box.scrollHeight <= box.clientHeight) {
      reachTop();
      reachBottom();
    }
  }, [shown]);

  // A row outside the window widens it first; the reveal then happens once the row is drawn.
  const waitingReveal = useRef<RevealRequest | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new request reveals
  useEffect(() => {
    const { reveal } = props;
    if (!reveal) return;
    atBottom.current = false;
    if (revealRow(list.current, reveal, settle)) return;
    const index = rows.findIndex((row) => row.key === reveal.key);
    if (index < 0) return;
    waitingReveal.current = reveal;
    setSize((s) => Math.max(s, rows.length - index));
  }, [props.reveal]);
  useLayoutEffect(() => {
    if (waitingReveal.current && revealRow(list.current, waitingReveal.current, settle))
      waitingReveal.current = null;
  });

  useEffect(() => {
    if (props.jumpToEnd === 0) return;
    atBottom.current = true;
    setSize(baseWindow);
    const box = scroller.current;
    if (box) box.scrollTop = box.scrollHeight;
  }, [props.jumpToEnd]);

  return (
    <div
      ref={scroller}
      className="chat-scroller"
      onScroll={onScroll}
      onScrollEnd={() => {
        // Landed: now page in whatever the reveal brought near an edge.
        settling.current = 0;
        onScroll();
      }}
    >
      {props.header}
      <ol ref={list} className="chat-list" aria-label={props.label}>
        {shown.map((row) => {
          if (row.kind === 'question') {
            return (
              <QuestionRow
                key={row.key}
                rowKey={row.key}
                question={row.question}
                myId={myId}
                partnerName={props.partnerName}
                onChange={props.onQuestionChange}
              />
            );
          }
          const message = row.kind === 'message' ? row.message : null;
          return (
            <MessageRow
              key={row.key}
              row={row}
              mine={row.kind === 'outbox' || message?.senderId === myId}
              unread={message !== null && isUnreadByPartner(message, myId, partnerRead)}
              timeZone={timeZone}
              highlighted={props.highlight === row.key}
              marks={props.marks?.messageId === row.key ? props.marks.matches : undefined}
              onMenu={props.onMenu}
              onRetry={props.onRetry}
              onDiscard={props.onDiscard}
              onOpenMedia={props.onOpenMedia}
              onCancelFile={props.onCancelFile}
              onRetryFile={props.onRetryFile}
            />
          );
        })}
      </ol>
      {props.footer}
    </div>
  );
}
