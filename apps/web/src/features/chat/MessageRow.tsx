import type { MessageDto, SearchMatch } from '@couple-chat/protocol';
import {
  type HTMLAttributes,
  type MouseEvent,
  memo,
  type PointerEvent,
  type ReactNode,
  useCallback,
  useRef,
} from 'react';
import { useTranslation } from 'react-i18next';
import { formatDayHeading, formatTime } from '../../lib/dates';
import { MessageAttachments } from '../files/Attachments';
import type { OutboxEntry } from './chatState';
import { MessageText } from './MessageText';
import { type FileHandlers, OutboxFiles, UploadProblems, uploadErrorMessage } from './OutboxFiles';
import type { ChatRow } from './rows';

// Held this long without moving, a touch opens the message menu (phones have no right click).
const longPressMs = 500;

export interface RowHandlers extends FileHandlers {
  /** Opens the menu of one of my messages at a point on screen. */
  onMenu(message: MessageDto, x: number, y: number): void;
  onRetry(id: string): void;
  onDiscard(id: string): void;
  /** Opens the full-screen viewer at one of a message's photos or videos. */
  onOpenMedia(messageId: string, attachmentId: string): void;
}

interface MessageRowProps extends RowHandlers {
  /** Question cards have their own row (QuestionRow). */
  row: Exclude<ChatRow, { kind: 'question' }>;
  mine: boolean;
  unread: boolean;
  timeZone: string;
  /** Just jumped to (from the drawer or the viewer): drawn out for a moment. */
  highlighted?: boolean;
  /** Where a search matched its text: marked while the search is open. */
  marks?: readonly SearchMatch[] | undefined;
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
  highlighted,
  marks,
  onMenu,
  onOpenMedia,
}: Omit<MessageRowProps, 'row'> & { message: MessageDto }) {
  const { t } = useTranslation();
  const deleted = message.body === null;
  const canDelete = mine && !deleted;
  const openAt = (x: number, y: number) => onMenu(message, x, y);
  const longPress = useLongPress(openAt);
  const time = formatTime(new Date(message.createdAt), t('app.locale'), timeZone);
  const hasFiles = !deleted && message.attachments.length > 0;
  const menuHandlers = canDelete && {
    ...longPress,
    onContextMenu: (event: MouseEvent) => {
      event.preventDefault();
      openAt(event.clientX, event.clientY);
    },
  };
  const onOpen = useCallback(
    (attachmentId: string) => onOpenMedia(message.id, attachmentId),
    [onOpenMedia, message.id],
  );

  const meta = (
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
  );

  return (
    <li className={rowClass(mine, highlighted)} data-key={message.id}>
      {hasFiles ? (
        <FilesLine
          files={<MessageAttachments attachments={message.attachments} onOpen={onOpen} />}
          caption={message.body ? <MessageText text={message.body} marks={marks} /> : null}
          meta={meta}
          contentProps={menuHandlers || undefined}
        />
      ) : (
        <div className="chat-line">
          <p className={`bubble${deleted ? ' bubble-deleted' : ''}`} {...menuHandlers}>
            {message.body === null ? (
              t('chat.deleted')
            ) : (
              <MessageText text={message.body} marks={marks} />
            )}
          </p>
          {meta}
        </div>
      )}
    </li>
  );
}

interface FilesLineProps {
  files: ReactNode;
  caption: ReactNode;
  meta: ReactNode;
  pending?: boolean;
  contentProps?: HTMLAttributes<HTMLDivElement> | undefined;
}

/** Pictures and cards above, then the caption with the time beside it (or the time beside the pictures). */
function FilesLine({ files, caption, meta, pending, contentProps }: FilesLineProps) {
  return (
    <div className="chat-line">
      <div className="chat-content" {...contentProps}>
        {files}
        {caption && (
          <div className="chat-line">
            <p className={`bubble${pending ? ' bubble-pending' : ''}`}>{caption}</p>
            {meta}
          </div>
        )}
      </div>
      {!caption && meta}
    </div>
  );
}

function rowClass(mine: boolean, highlighted: boolean | undefined): string {
  const side = mine ? 'chat-row-mine' : 'chat-row-theirs';
  return `chat-row ${side}${highlighted ? ' chat-row-highlight' : ''}`;
}

function OutboxRow({
  entry,
  onRetry,
  onDiscard,
  onCancelFile,
  onRetryFile,
}: Omit<MessageRowProps, 'row'> & { entry: OutboxEntry }) {
  const { t } = useTranslation();
  const failed = entry.status === 'failed';
  // A message with files can be cancelled while its files upload (or wait for the connection).
  const cancellable =
    entry.files !== undefined && !failed && entry.status !== 'sending' && entry.status !== 'sent';
  const meta = (
    <div className="chat-meta">
      {entry.status === 'sent' ? null : failed ? (
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
  );
  return (
    <li className="chat-row chat-row-mine chat-row-outbox" data-key={entry.id}>
      {entry.files ? (
        <FilesLine
          files={
            <OutboxFiles entry={entry} onCancelFile={onCancelFile} onRetryFile={onRetryFile} />
          }
          caption={entry.body ? <MessageText text={entry.body} /> : null}
          meta={meta}
          pending
        />
      ) : (
        <div className="chat-line">
          <p className="bubble bubble-pending">{entry.body}</p>
          {meta}
        </div>
      )}
      {entry.files && (
        <UploadProblems entry={entry} onCancelFile={onCancelFile} onRetryFile={onRetryFile} />
      )}
      {entry.status === 'held' && <p className="chat-held">{t('chat.held')}</p>}
      {cancellable && (
        <p className="chat-outbox-actions">
          <button type="button" className="chat-link-button" onClick={() => onDiscard(entry.id)}>
            {t('files.cancelMessage')}
          </button>
        </p>
      )}
      {failed && (
        <p className="chat-failed" role="alert">
          <span>
            {entry.files && entry.error
              ? `${t('chat.failed')}: ${uploadErrorMessage(t, entry.error)}`
              : t('chat.failed')}
          </span>
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
