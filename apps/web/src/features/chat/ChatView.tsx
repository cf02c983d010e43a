import type { CoupleDto, MessageDto } from '@couple-chat/protocol';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { Banner } from '../../components/Banner';
import { formErrorMessage } from '../../i18n/errorMessages';
import { relationshipDay } from '../../lib/dates';
import { useTakeFocus } from '../../lib/pendingFocus';
import { useNow } from '../../lib/useNow';
import { usePartnerOnline } from '../../realtime/hooks';
import { PinnedLine } from '../calendar/PinnedLine';
import { Composer } from './Composer';
import { placeQuestions } from './chatQuestions';
import { MessageList, type RevealRequest } from './MessageList';
import { ConfirmDeleteDialog, MessageMenu } from './MessageMenu';
import { buildRows, questionRowKey } from './rows';
import { useChat } from './useChat';

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
  const { send } = chat;
  const onSend = useCallback(
    (body: string) => {
      send(body);
      setJumpToEnd((n) => n + 1);
    },
    [send],
  );

  return (
    <section className="chat" aria-labelledby="chat-title">
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
        onDraftChange={chat.onDraftChange}
        locked={chat.owed !== undefined}
        onShowQuestion={showOwed}
      />
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
    </header>
  );
}
