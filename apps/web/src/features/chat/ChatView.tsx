import { todayIn } from '@couple-chat/dates';
import type { CoupleDto, MessageDto } from '@couple-chat/protocol';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { Banner } from '../../components/Banner';
import { formErrorMessage } from '../../i18n/errorMessages';
import { useNow } from '../../lib/useNow';
import { PinnedLine } from '../calendar/PinnedLine';
import { useFileLimits } from '../files/hooks';
import { Icon } from '../files/Icons';
import { Lightbox } from '../files/Lightbox';
import { useFileTray } from '../files/useFileTray';
import { mediaOfMessages, type ViewerItem } from '../files/viewer';
import { DatePicker } from '../search/DatePicker';
import { SearchBar } from '../search/SearchBar';
import { SearchNav } from '../search/SearchNav';
import { SearchResults } from '../search/SearchResults';
import { useChatSearch } from '../search/useChatSearch';
import { ChatHeader } from './ChatHeader';
import { Composer } from './Composer';
import { placeQuestions } from './chatQuestions';
import { MessageList, type RevealRequest } from './MessageList';
import { ConfirmDeleteDialog, MessageMenu } from './MessageMenu';
import { pendingUploadBytes } from './outboxFileState';
import { buildRows, questionRowKey } from './rows';
import { useChat } from './useChat';
import { useFileDrop } from './useFileDrop';
import { useDescribeItem, useJumpToMessage } from './useJump';

/** The chat: partner and day count on top, the conversation, who is typing, and the composer. */
export function ChatView({ couple, myId }: { couple: CoupleDto; myId: string }) {
  const { t } = useTranslation();
  const chat = useChat(couple, myId);
  const { state } = chat;
  const partnerName = couple.partner.displayName;
  const { history } = chat;
  const { shown } = history;
  const rows = useMemo(() => {
    // Until the first page is in, a revealed question cannot know where it belongs.
    const hasOlder = shown.hasMore || !state.loaded;
    const questions = placeQuestions(shown.messages, state.questions, hasOlder, shown.hasNewer);
    // What waits to be sent belongs after the newest message, not under a stretch of the past.
    const outbox = shown.live ? state.outbox : [];
    return buildRows(shown.messages, outbox, couple.timeZone, questions);
  }, [shown, state.outbox, state.questions, state.loaded, couple.timeZone]);
  const [menu, setMenu] = useState<{ message: MessageDto; x: number; y: number } | null>(null);
  const [confirming, setConfirming] = useState<MessageDto | null>(null);
  const [jumpToEnd, setJumpToEnd] = useState(0);
  const [reveal, setReveal] = useState<RevealRequest | null>(null);
  const owedId = chat.owed?.id;
  const { backToLive } = history;
  // The question I owe is among the newest messages, not in a stretch of the past.
  const showOwed = useCallback(() => {
    if (!owedId) return;
    backToLive();
    setReveal((r) => ({ key: questionRowKey(owedId), request: (r?.request ?? 0) + 1 }));
  }, [owedId, backToLive]);

  const onMenu = useCallback((message: MessageDto, x: number, y: number) => {
    setMenu({ message, x, y });
  }, []);
  const closeMenu = useCallback(() => setMenu(null), []);
  const { send, sendFiles } = chat;
  // What I send shows at the newest message, so a look into the past ends with it.
  const onSend = useCallback(
    (body: string) => {
      send(body);
      backToLive();
      setJumpToEnd((n) => n + 1);
    },
    [send, backToLive],
  );
  const onSendFiles = useCallback(
    (...args: Parameters<typeof sendFiles>) => {
      sendFiles(...args);
      backToLive();
      setJumpToEnd((n) => n + 1);
    },
    [sendFiles, backToLive],
  );

  const { limits, readAt } = useFileLimits();
  const tray = useFileTray(limits, pendingUploadBytes(state.outbox, readAt));
  const locked = chat.owed !== undefined;
  const drop = useFileDrop(locked ? null : tray.add);

  const media = useMemo(() => mediaOfMessages(shown.messages), [shown.messages]);
  const [viewing, setViewing] = useState<string | null>(null);
  const onOpenMedia = useCallback((_messageId: string, attachmentId: string) => {
    setViewing(attachmentId);
  }, []);
  const closeViewer = useCallback(() => setViewing(null), []);
  const describe = useDescribeItem(couple, myId);
  const jump = useJumpToMessage(chat, setReveal, couple.timeZone);
  const { showMessage } = jump;
  const onShowInChat = useCallback(
    (item: ViewerItem) => void showMessage(item.messageId, item.seq),
    [showMessage],
  );
  const toLiveEnd = useCallback(() => setJumpToEnd((n) => n + 1), []);
  const search = useChatSearch(jump, toLiveEnd);
  const now = useNow(60_000);
  // Never before the newest message's day: a device clock running behind the server must not hide
  // the latest days from the date picker.
  const newest = state.messages.at(-1);
  const deviceToday = todayIn(couple.timeZone, now.getTime());
  const newestDay = newest && todayIn(couple.timeZone, Date.parse(newest.createdAt));
  const today = newestDay && newestDay > deviceToday ? newestDay : deviceToday;

  return (
    <section className="chat" aria-labelledby="chat-title" {...drop.handlers}>
      {drop.over && (
        <div className="chat-drop" aria-hidden="true">
          <Icon name="photo" />
          <p>{t('files.drop')}</p>
        </div>
      )}
      {search.open ? (
        <>
          <h1 id="chat-title" className="visually-hidden">
            {partnerName}
          </h1>
          <SearchBar
            partnerName={partnerName}
            today={today}
            error={search.search.state.status === 'failed' ? search.search.state.error : null}
            onSearch={search.submit}
            onClose={search.close}
            onPickDate={search.pickDate}
          />
        </>
      ) : (
        <>
          <ChatHeader couple={couple} onSearch={search.start} />
          <PinnedLine />
        </>
      )}
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
          <p>{jump.missing === 'day' ? t('chat.dayMissing') : t('chat.jumpMissing')}</p>
        </Banner>
      )}
      {jump.jumpError !== null && (
        <Banner tone="error">
          <p>{t('chat.jumpError')}</p>
          <p>{formErrorMessage(t, jump.jumpError)}</p>
        </Banner>
      )}
      {chat.deleteError && (
        <Banner tone="error">
          <p>{formErrorMessage(t, new ApiError({ code: chat.deleteError, status: 0 }))}</p>
        </Banner>
      )}
      <div className="chat-body">
        <MessageList
          rows={rows}
          myId={myId}
          partnerName={partnerName}
          partnerRead={chat.partnerRead}
          timeZone={couple.timeZone}
          hasMore={shown.hasMore}
          loadingOlder={history.loadingOlder}
          onLoadOlder={history.loadOlder}
          hasNewer={shown.hasNewer}
          loadingNewer={history.loadingNewer}
          onLoadNewer={history.loadNewer}
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
          marks={jump.marks}
          header={
            <>
              {history.loadingOlder && (
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
          footer={
            history.loadingNewer && (
              <p className="chat-status muted" role="status">
                <span className="spinner" aria-hidden="true" />
                {t('chat.loadingNewer')}
              </p>
            )
          }
        />
        {/* While searching, closing the search is the way back. */}
        {!shown.live && !search.open && (
          <button
            type="button"
            className="chat-to-latest"
            aria-label={t('chat.toLatest')}
            title={t('chat.toLatest')}
            onClick={() => {
              jump.leave();
              toLiveEnd();
            }}
          >
            <Icon name="latest" />
          </button>
        )}
        {search.open && search.listShown && search.query && (
          <SearchResults
            state={search.search.state}
            query={search.query}
            myId={myId}
            partnerName={partnerName}
            timeZone={couple.timeZone}
            onSelect={search.select}
            onMore={search.search.more}
            onRetry={search.search.retry}
          />
        )}
      </div>
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
      {search.open && search.search.state.items.length > 0 && (
        <SearchNav
          state={search.search.state}
          listShown={search.listShown}
          onToggleList={search.toggleList}
          onOlder={search.older}
          onNewer={search.newer}
        />
      )}
      {/* Kept while searching (hidden), so a draft survives a look into the past. */}
      <div className="chat-composer-slot" hidden={search.open}>
        <Composer
          onSend={onSend}
          onSendFiles={onSendFiles}
          tray={tray}
          maxFiles={limits.maxFilesPerMessage}
          onDraftChange={chat.onDraftChange}
          locked={locked}
          onShowQuestion={showOwed}
        />
      </div>
      {search.picking && (
        <DatePicker
          today={today}
          start={search.lastDay ?? today}
          onPick={search.pickDay}
          onClose={search.closePicker}
        />
      )}
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
