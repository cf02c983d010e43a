import type { CoupleDto, QuestionDto } from '@couple-chat/protocol';
import {
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import type { ApiErrorCode } from '../../api/client';
import { useCoupleEvents, useRealtime, useRealtimeConnection } from '../../realtime/hooks';
import { uploadManager } from '../files/uploadManager';
import { fetchMessages, fetchReadPositions } from './api';
import { questionToAnswer } from './chatQuestions';
import { chatReducer, dueEntries, initialChatState, newestFrom } from './chatState';
import { sendFrame } from './outboxFileState';
import { loadOutbox, saveOutbox } from './outboxStorage';
import { usePartnerTyping, useTypingSender } from './typing';
import { useChatQuestions } from './useChatQuestions';
import { useHistoryWindow } from './useHistoryWindow';
import { type PickedFile, useOutboxUploads } from './useOutboxUploads';

function subscribeVisibility(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

function useDocumentVisible(): boolean {
  return useSyncExternalStore(subscribeVisibility, () => document.visibilityState === 'visible');
}

/** The chat's state: pages from REST, live events, the outbox and read positions, kept in one reducer. */
export function useChat(couple: CoupleDto, myId: string) {
  const coupleId = couple.id;
  const partnerId = couple.partner.id;
  const connection = useRealtimeConnection();
  const { status } = useRealtime();
  const [state, dispatch] = useReducer(chatReducer, coupleId, (id) =>
    initialChatState(loadOutbox(id)),
  );
  const [loadError, setLoadError] = useState<unknown>(null);
  const [deleteError, setDeleteError] = useState<ApiErrorCode | null>(null);
  const outboxIds = useRef(new Set<string>());
  outboxIds.current = new Set(state.outbox.map((e) => e.id));

  useEffect(() => saveOutbox(coupleId, state.outbox), [coupleId, state.outbox]);
  const questions = useChatQuestions(dispatch);
  const { loadRecent, loadBackTo, recheckOpen } = questions;

  const loadNewest = useCallback(async (signal?: AbortSignal) => {
    try {
      const [page, positions] = await Promise.all([
        fetchMessages(undefined, signal),
        fetchReadPositions(signal),
      ]);
      dispatch({ type: 'page', messages: page.messages, hasMore: page.hasMore, older: false });
      dispatch({ type: 'reads', positions });
      setLoadError(null);
    } catch (error) {
      if (!signal?.aborted) setLoadError(error);
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    const load = () => {
      void loadNewest(controller.signal);
      void loadRecent(controller.signal);
    };
    load();
    // Each hello may follow a gap (first connect racing the first page, or a new socket): merge again.
    const off = connection.on('hello', load);
    return () => {
      off();
      controller.abort();
    };
  }, [connection, loadNewest, loadRecent]);

  const history = useHistoryWindow(state, dispatch, loadBackTo, setLoadError);

  const partnerTyping = usePartnerTyping(partnerId);

  useCoupleEvents((frame) => {
    if (frame.coupleId !== coupleId) return;
    const { event } = frame;
    dispatch({ type: 'event', at: frame.at, event, seq: frame.seq });
    if (event.type === 'message.created' && event.message.senderId === partnerId)
      partnerTyping.stop();
    // News of a question still loading over REST: read it again, the first copy may predate it.
    if (
      (event.type === 'question.answered' || event.type === 'question.revealed') &&
      !state.questions[event.questionId]
    )
      void loadRecent();
  });

  useEffect(() => {
    const offAck = connection.on('ack', ({ messageId, seq, at }) =>
      dispatch({ type: 'ack', messageId, seq, at, senderId: myId }),
    );
    const offError = connection.on('error', (frame) => {
      if (!frame.messageId) return;
      if (outboxIds.current.has(frame.messageId)) {
        dispatch({ type: 'failed', messageId: frame.messageId, code: frame.code });
        if (frame.code === 'question_unanswered') void recheckOpen();
      } else setDeleteError(frame.code);
    });
    return () => {
      offAck();
      offError();
    };
  }, [connection, myId, recheckOpen]);

  // While I owe an answer the composer is locked; once I have given it, what was held goes out.
  const owed = useMemo(() => questionToAnswer(state.questions, myId), [state.questions, myId]);
  const holding = state.outbox.some((e) => e.status === 'held');
  useEffect(() => {
    if (holding && !owed && !questions.checkingOpen) dispatch({ type: 'release' });
  }, [holding, owed, questions.checkingOpen]);

  const onQuestionChange = useCallback(
    (question: QuestionDto) => dispatch({ type: 'questions', questions: [question] }),
    [],
  );

  useEffect(() => {
    if (status !== 'open') dispatch({ type: 'disconnected' });
  }, [status]);

  // The outbox goes out whenever the connection is open, oldest first; acks or errors settle it.
  useEffect(() => {
    if (status !== 'open') return;
    const due = dueEntries(state);
    if (due.length === 0) return;
    const sent = due.filter((entry) => connection.send(sendFrame(entry)));
    if (sent.length > 0) dispatch({ type: 'sending', ids: sent.map((e) => e.id) });
  }, [connection, state, status]);

  // Read up to the partner's newest message while the chat is on screen.
  const visible = useDocumentVisible();
  const newestFromPartner = newestFrom(state.messages, partnerId);
  const myRead = state.reads[myId] ?? 0;
  const lastReadSent = useRef(0);
  useEffect(() => {
    if (!visible || status !== 'open') return;
    const seq = newestFromPartner;
    if (seq <= Math.max(myRead, lastReadSent.current)) return;
    if (connection.send({ type: 'read', seq })) lastReadSent.current = seq;
  }, [connection, myRead, newestFromPartner, status, visible]);

  const typing = useTypingSender(connection);
  const uploads = useOutboxUploads(state.outbox, dispatch);
  const { startFiles } = uploads;

  const send = useCallback(
    (body: string) => {
      typing.stop();
      const entry = { id: crypto.randomUUID(), body, createdAt: new Date().toISOString() };
      dispatch({ type: 'queue', entry });
    },
    [typing],
  );

  /** Photos, videos and files with an optional caption: one message, sent once all are uploaded. */
  const sendFiles = useCallback(
    (body: string, picked: readonly PickedFile[]) => {
      if (picked.length === 0) return;
      typing.stop();
      const files = startFiles(picked);
      const entry = { id: crypto.randomUUID(), body, createdAt: new Date().toISOString(), files };
      dispatch({ type: 'queue', entry });
    },
    [typing, startFiles],
  );

  const latest = useRef(state);
  latest.current = state;

  const deleteMessage = useCallback(
    (messageId: string) => {
      setDeleteError(null);
      if (!connection.send({ type: 'message.delete', messageId })) setDeleteError('network_error');
    },
    [connection],
  );

  const retry = useCallback(
    (messageId: string) => dispatch({ type: 'retry', messageId, newId: crypto.randomUUID() }),
    [],
  );
  // Cancelling a message cancels its uploads too (and drops the files already on the server).
  const discard = useCallback((messageId: string) => {
    const entry = latest.current.outbox.find((e) => e.id === messageId);
    for (const file of entry?.files ?? []) uploadManager().cancel(file.key);
    dispatch({ type: 'discard', messageId });
  }, []);

  return {
    state,
    partnerRead: state.reads[partnerId] ?? 0,
    partnerTyping: partnerTyping.typing,
    loadError,
    retryLoad: () => void loadNewest(),
    history,
    send,
    sendFiles,
    cancelFile: uploads.cancelFile,
    retryFile: uploads.retryFile,
    retry,
    discard,
    deleteMessage,
    deleteError,
    clearDeleteError: () => setDeleteError(null),
    owed,
    onQuestionChange,
    onDraftChange: typing.onDraftChange,
  };
}
