import type { CoupleDto, MessageDto } from '@couple-chat/protocol';
import { type DragEvent, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client';
import { Banner } from '../../components/Banner';
import { formErrorMessage } from '../../i18n/errorMessages';
import { relationshipDay } from '../../lib/dates';
import { useTakeFocus } from '../../lib/pendingFocus';
import { useNow } from '../../lib/useNow';
import { usePartnerOnline } from '../../realtime/hooks';
import { PinnedLine } from '../calendar/PinnedLine';
import { useFileLimits } from '../files/hooks';
import { Icon } from '../files/Icons';
import { Lightbox } from '../files/Lightbox';
import { useFileTray } from '../files/useFileTray';
import { mediaOfMessages, type ViewerItem } from '../files/viewer';
import { Composer } from './Composer';
import { placeQuestions } from './chatQuestions';
import { MessageList, type RevealRequest } from './MessageList';
import { ConfirmDeleteDialog, MessageMenu } from './MessageMenu';
import { pendingUploadBytes } from './outboxFileState';
import { buildRows, questionRowKey } from './rows';
import { useChat } from './useChat';
import { useDescribeItem, useJumpToMessage } from './useJump';

/** The chat: partner and day count on top, the conversation, who is typing, and the composer. */
export function ChatView({ couple, myId }: { couple: CoupleDto; myId: string }) {
  const { t } = useTranslation();
  const chat = useChat(couple, myId);
  const { state } = chat;
  const partnerName = couple.partner.displayName;
  const rows = useMemo(() => {
    // Until the first page is in, a revealed question cannot know where it belongs.
    const hasOlder = state.hasMore || !state.loaded;
    const questions = placeQuestions(state.messages, state.questions, hasOlder);
    return buildRows(state.messages, state.outbox, couple.timeZone, questions);
  }, [state.messages, state.outbox, state.questions, state.hasMore, state.loaded, couple.timeZone]);
  const [menu, setMenu] = useState<{ message: MessageDto; x: number; y: number } | null>(null);
  const [confirming, setConfirming] = useState<MessageDto | null>(null);
  const [jumpToEnd, setJumpToEnd] = useState(0);
  const [reveal, setReveal] = useState<RevealRequest | null>(null);
  const owedId = chat.owed?.id;
  const showOwed = useCallback(() => {
    if (owedId) setReveal((r) => ({ key: questionRowKey(owedId), request: (r?.request ?? 0) + 1 }));
  }, [owedId]);

  const onMenu = useCallback((message: MessageDto, x: number, y: number) => {
    setMenu({ message, x, y });
  }, []);
  const closeMenu = useCallback(() => setMenu(null), []);
  const { send, sendFiles } = chat;
  const onSend = useCallback(
    (body: string) => {
      send(body);
      setJumpToEnd((n) => n + 1);
    },
    [send],
  );
  const onSendFiles = useCallback(
    (...args: Parameters<typeof sendFiles>) => {
      sendFiles(...args);
      setJumpToEnd((n) => n + 1);
    },
    [sendFiles],
  );

  const { limits, readAt } = useFileLimits();
  const tray = useFileTray(limits, pendingUploadBytes(state.outbox, readAt));
  const locked = chat.owed !== undefined;
  const drop = useFileDrop(locked ? null : tray.add);

  const media = useMemo(() => mediaOfMessages(state.messages), [state.messages]);
  const [viewing, setViewing] = useState<string | null>(null);
  const onOpenMedia = useCallback((_messageId: string, attachmentId: string) => {
    setViewing(attachmentId);
  }, []);
  const closeViewer = useCallback(() => setViewing(null), []);
  const describe = useDescribeItem(couple, myId);
  const jump = useJumpToMessage(chat, setReveal);
  const { showMessage } = jump;
  const onShowInChat = useCallback(
    (item: ViewerItem) => void showMessage(item.messageId, item.seq),
    [showMessage],
  );

  return (
    <section className="chat" aria-labelledby="chat-title" {...drop.handlers}>
      {drop.over && (
        <div className="chat-drop" aria-hidden="true">
          <Icon name="photo" />
          <p>{t('files.drop')}</p>
        </div>
      )}
      <ChatHeader couple={couple} />
      <PinnedLine />
      {chat.loadError !== null && (
        <Banner tone="error">
          <p>{t('chat.loadError')}</p>
          <p>{formErrorMessage(t, chat.loadError)}</p>
          <button type="button" className="text-button" onClick={chat.retryLoad}>
            {t('app.retry')}
          </button>
        </Banner>
      )}
      {jump.missing && (
        <Banner tone="info">
          <p>{t('chat.jumpMissing')}</p>
        </Banner>
      )}
      {chat.deleteError && (
        <Banner tone="error">
          <p>{formErrorMessage(t, new ApiError({ code: chat.deleteError, status: 0 }))}</p>
        </Banner>
      )}
      <MessageList
        rows={rows}
        myId={myId}
        partnerName={partnerName}
        partnerRead={chat.partnerRead}
        timeZone={couple.timeZone}
        hasMore={state.hasMore}
        loadingOlder={chat.loadingOlder}
        onLoadOlder={chat.loadOlder}
        label={t('chat.list', { name: partnerName })}
        jumpToEnd={jumpToEnd}
        reveal={reveal}
        onQuestionChange={chat.onQuestionChange}
        onMenu={onMenu}
        onRetry={chat.retry}
        onDiscard={chat.discard}
        onOpenMedia={onOpenMedia}
        onCancelFile={chat.cancelFile}
        onRetryFile={chat.retryFile}
        highlight={jump.highlight}
        header={
          <>
            {chat.loadingOlder && (
              <p className="chat-status muted" role="status">
                <span className="spinner" aria-hidden="true" />
                {t('chat.loadingOlder')}
              </p>
            )}
            {state.loaded && rows.length === 0 && (
              <p className="chat-empty muted">{t('chat.empty')}</p>
            )}
            {!state.loaded && chat.loadError === null && (
              <p className="chat-status muted" role="status">
                <span className="spinner" aria-hidden="true" />
                {t('app.loading')}
              </p>
            )}
          </>
        }
      />
      <p className="chat-typing" aria-live="polite">
        {chat.partnerTyping && (
          <>
            <span className="typing-dots" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            {t('chat.typing', { name: partnerName })}
          </>
        )}
      </p>
      <Composer
        onSend={onSend}
        onSendFiles={onSendFiles}
        tray={tray}
        maxFiles={limits.maxFilesPerMessage}
        onDraftChange={chat.onDraftChange}
        locked={locked}
        onShowQuestion={showOwed}
      />
      {viewing && (
        <Lightbox
          items={media}
          startId={viewing}
          describe={describe}
          onClose={closeViewer}
          onShowInChat={onShowInChat}
        />
      )}
      {menu && (
        <MessageMenu
          x={menu.x}
          y={menu.y}
          onClose={closeMenu}
          onDelete={() => {
            setConfirming(menu.message);
            setMenu(null);
          }}
        />
      )}
      <ConfirmDeleteDialog
        open={confirming !== null}
        partnerName={partnerName}
        onClose={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming) chat.deleteMessage(confirming.id);
          setConfirming(null);
        }}
      />
    </section>
  );
}

function ChatHeader({ couple }: { couple: CoupleDto }) {
  const { t } = useTranslation();
  // The count turns at midnight; a minute late is fine.
  const now = useNow(60_000);
  // Whoever just connected lands here: the partner's name takes focus.
  const titleRef = useTakeFocus<HTMLHeadingElement>('chat-title');
  // Only "has the app open right now"; when not, nothing is shown (no "last seen").
  const online = usePartnerOnline(couple.partner.id);
  const day = couple.startDate ? relationshipDay(couple.startDate, couple.timeZone, now) : null;
  return (
    <header className="chat-header">
      <span className="chat-avatar" aria-hidden="true">
        {couple.partner.displayName.slice(0, 1)}
      </span>
      <div className="chat-heading">
        <h1 ref={titleRef} id="chat-title" className="chat-title" tabIndex={-1}>
          {couple.partner.displayName}
        </h1>
        {online && (
          <span className="chat-presence">
            <span className="chat-presence-dot" aria-hidden="true" />
            {t('chat.online')}
          </span>
        )}
      </div>
      {day !== null && (
        <span className="chat-dday">
          {day > 0
            ? t('couple.dayCount', { count: day })
            : t('couple.daysAhead', { count: 1 - day })}
        </span>
      )}
      <Link to="/drawer" className="chat-header-button" title={t('chat.drawer')}>
        <Icon name="drawer" />
        <span className="visually-hidden">{t('chat.drawer')}</span>
      </Link>
    </header>
  );
}

/** Files dragged over the chat (desktop) join the tray when dropped; `add` null refuses them. */
function useFileDrop(add: ((files: File[]) => void) | null) {
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child crossed; only the outermost pair counts.
  const depth = useRef(0);
  const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  const handlers = {
    onDragEnter: (event: DragEvent) => {
      if (!add || !carriesFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setOver(true);
    },
    onDragOver: (event: DragEvent) => {
      if (!add || !carriesFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: () => {
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    },
    onDrop: (event: DragEvent) => {
      depth.current = 0;
      setOver(false);
      if (!add || !carriesFiles(event)) return;
      event.preventDefault();
      add([...event.dataTransfer.files]);
    },
  };
  return { over, handlers };
}
