import type { MessageDto } from '@couple-chat/protocol';
import { memo, type PointerEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDayHeading, formatTime } from '../../lib/dates';
import type { OutboxEntry } from './chatState';
import type { ChatRow } from './rows';

// Held this long without moving, a touch opens the message menu (phones have no right click).
const longPressMs = 500;

export interface RowHandlers {
  /** Opens the menu of one of my messages at a point on screen. */
  onMenu(message: MessageDto, x: number, y: number): void;
  onRetry(id: string): void;
  onDiscard(id: string): void;
}

interface MessageRowProps extends RowHandlers {
  /** Question cards have their own row (QuestionRow). */
  row: Exclude<ChatRow, { kind: 'question' }>;
  mine: boolean;
  unread: boolean;
  timeZone: string;
}

/** One line of the chat; memoised, so a new message re-renders only the rows it changes. */
export const MessageRow = memo(function MessageRow({ row, ...props }: MessageRowProps) {
  if (row.kind === 'day') return <DaySeparator date={row.date} rowKey={row.key} />;
  if (row.kind === 'outbox') return <OutboxRow entry={row.entry} {...props} />;
  return <CommittedRow message={row.message} {...props} />;
});

function DaySeparator({ date, rowKey }: { date: string; rowKey: string }) {
  const { t } = useTranslation();
  return (
    <li className="chat-day" data-key={rowKey}>
      <time dateTime={date}>{formatDayHeading(date, t('app.locale'))}</time>
    </li>
  );
}

function useLongPress(onPress: (x: number, y: number) => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cancel = () => clearTimeout(timer.current);
  return {
    onPointerDown: (event: PointerEvent) => {
      if (event.pointerType !== 'touch') return;
      const { clientX, clientY } = event;
      cancel();
      timer.current = setTimeout(() => onPress(clientX, clientY), longPressMs);
    },
    onPointerUp: cancel,
    onPointerMove: cancel,
    onPointerCancel: cancel,
    onPointerLeave: cancel,
  };
}

function CommittedRow({
  message,
  mine,
  unread,
  timeZone,
  onMenu,
}: Omit<MessageRowProps, 'row'> & { message: MessageDto }) {
  const { t } = useTranslation();
  const deleted = message.body === null;
  const canDelete = mine && !deleted;
  const openAt = (x: number, y: number) => onMenu(message, x, y);
  const longPress = useLongPress(openAt);
  const time = formatTime(new Date(message.createdAt), t('app.locale'), timeZone);

  return (
    <li className={`chat-row ${mine ? 'chat-row-mine' : 'chat-row-theirs'}`} data-key={message.id}>
      <div className="chat-line">
        <p
          className={`bubble${deleted ? ' bubble-deleted' : ''}`}
          {...(canDelete && {
            ...longPress,
            onContextMenu: (event) => {
              event.preventDefault();
              openAt(event.clientX, event.clientY);
            },
          })}
        >
          {deleted ? t('chat.deleted') : message.body}
        </p>
        <div className="chat-meta">
          {canDelete && (
            <button
              type="button"
              className="chat-options"
              aria-label={t('chat.options')}
              aria-haspopup="menu"
              onClick={(event) => {
                const box = event.currentTarget.getBoundingClientRect();
                openAt(box.left, box.bottom);
              }}
            >
              <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <circle cx="5" cy="12" r="1.8" />
                <circle cx="12" cy="12" r="1.8" />
                <circle cx="19" cy="12" r="1.8" />
              </svg>
            </button>
          )}
          {unread && (
            <span className="chat-unread">
              <span aria-hidden="true">1</span>
              <span className="visually-hidden">{t('chat.unread')}</span>
            </span>
          )}
          <time className="chat-time" dateTime={message.createdAt}>
            {time}
          </time>
        </div>
      </div>
    </li>
  );
}

function OutboxRow({
  entry,
  onRetry,
  onDiscard,
}: Omit<MessageRowProps, 'row'> & { entry: OutboxEntry }) {
  const { t } = useTranslation();
  const failed = entry.status === 'failed';
  return (
    <li className="chat-row chat-row-mine chat-row-outbox" data-key={entry.id}>
      <div className="chat-line">
        <p className="bubble bubble-pending">{entry.body}</p>
        <div className="chat-meta">
          {failed ? (
            <span className="chat-failed-mark" aria-hidden="true">
              !
            </span>
          ) : (
            <span className="chat-clock" title={t('chat.pending')}>
              <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <circle cx="12" cy="12" r="8.5" />
                <path d="M12 7.5V12l3 2" />
              </svg>
              <span className="visually-hidden">{t('chat.pending')}</span>
            </span>
          )}
        </div>
      </div>
      {entry.status === 'held' && <p className="chat-held">{t('chat.held')}</p>}
      {failed && (
        <p className="chat-failed" role="alert">
          <span>{t('chat.failed')}</span>
          <span aria-hidden="true"> · </span>
          <button type="button" className="chat-link-button" onClick={() => onRetry(entry.id)}>
            {t('chat.retry')}
          </button>
          <span aria-hidden="true"> · </span>
          <button type="button" className="chat-link-button" onClick={() => onDiscard(entry.id)}>
            {t('chat.discard')}
          </button>
        </p>
      )}
    </li>
  );
}
