import type { CoupleEventPayload, ErrorCode, MessageDto, QuestionDto } from '@couple-chat/protocol';
import type { UploadErrorCode } from '../files/uploads';
import { isQuestionEvent } from '../questions/events';
import { type ChatQuestions, onQuestionEvent, withQuestions } from './chatQuestions';
import { type OutboxFile, removeFile, updateFile, uploadsDone } from './outboxFileState';
import {
  deleteInPast,
  type PastAction,
  type PastWindow,
  pastReducer,
  settlePast,
} from './pastWindow';

export type { OutboxFile } from './outboxFileState';

/**
 * A message not yet committed by the server. Its id is chosen once, so every resend is the same
 * message to the server (never a duplicate).
 */
export interface OutboxEntry {
  id: string;
  /** The text, or a caption (may be empty) when the message carries files. */
  body: string;
  /** The device's clock when typed: where it shows until the server gives it a place. */
  createdAt: string;
  /**
   * pending: waits for the connection (and for its uploads); sending: went out, no ack yet;
   * failed: refused; held: refused until I answer the open question, then it goes out by itself;
   * sent: acked, shown from the local files until the committed message (with its files) arrives.
   */
  status: 'pending' | 'sending' | 'failed' | 'held' | 'sent';
  error?: ErrorCode | undefined;
  /** Photos, videos and files, in the order chosen; absent for a text message. */
  files?: OutboxFile[] | undefined;
}

export type NewOutboxEntry = Pick<OutboxEntry, 'id' | 'body' | 'createdAt' | 'files'>;

export interface ChatState {
  /** Committed messages, oldest first, each id once. */
  messages: MessageDto[];
  /** Deleted ids and when: a page fetched before a deletion must not bring the text back. */
  deleted: Readonly<Record<string, string>>;
  hasMore: boolean;
  loaded: boolean;
  outbox: OutboxEntry[];
  /** userId → the newest seq that user has read. */
  reads: Readonly<Record<string, number>>;
  /** Questions the chat brought up, by id; they are drawn among the messages. */
  questions: ChatQuestions;
  /** A stretch of the past shown instead of the newest messages (after a jump), or null. */
  past: PastWindow | null;
}

export type ChatAction =
  | PastAction
  | { type: 'page'; messages: MessageDto[]; hasMore: boolean; older: boolean }
  | { type: 'event'; at: string; event: CoupleEventPayload; seq?: number }
  | { type: 'ack'; messageId: string; seq: number; at: string; senderId: string }
  | { type: 'reads'; positions: { userId: string; seq: number }[] }
  | { type: 'queue'; entry: NewOutboxEntry }
  | { type: 'sending'; ids: string[] }
  | { type: 'failed'; messageId: string; code: ErrorCode }
  | { type: 'disconnected' }
  /** `newId` is used only if the id itself was refused (taken by another message). */
  | { type: 'retry'; messageId: string; newId: string }
  | { type: 'discard'; messageId: string }
  | { type: 'questions'; questions: QuestionDto[] }
  /** The open question is answered: what it held back goes out now. */
  | { type: 'release' }
  | { type: 'upload.done'; key: string; attachmentId: string }
  | { type: 'upload.failed'; key: string; code: UploadErrorCode }
  | { type: 'upload.retry'; key: string }
  /** One file of a message is cancelled; the message goes on with the rest (or its text alone). */
  | { type: 'upload.remove'; key: string };

export function initialChatState(outbox: OutboxEntry[] = []): ChatState {
  return {
    messages: [],
    deleted: {},
    hasMore: false,
    loaded: false,
    outbox,
    reads: {},
    questions: {},
    past: null,
  };
}

/** Adds messages the list may already hold (pages, live events, acks): each id once, in seq order. */
export function mergeMessages(
  current: MessageDto[],
  incoming: readonly MessageDto[],
  deleted: Readonly<Record<string, string>> = {},
): MessageDto[] {
  if (incoming.length === 0) return current;
  const byId = new Map(current.map((m) => [m.id, m]));
  let changed = false;
  for (const message of incoming) {
    const known = byId.get(message.id);
    // A copy that knows of a deletion wins; otherwise both copies say the same.
    if (known && (known.deletedAt !== null || message.deletedAt === null)) continue;
    byId.set(message.id, message);
    changed = true;
  }
  if (!changed) return current;
  return [...byId.values()]
    .map((m) => applyDeletion(m, deleted[m.id]))
    .sort((a, b) => a.seq - b.seq);
}

function applyDeletion(message: MessageDto, deletedAt: string | undefined): MessageDto {
  return deletedAt && message.deletedAt === null ? { ...message, body: null, deletedAt } : message;
}

/** An outbox without the messages the server has committed (by ack, event or page). */
function settle(outbox: OutboxEntry[], messages: readonly MessageDto[]): OutboxEntry[] {
  if (outbox.length === 0) return outbox;
  const committed = new Set(messages.map((m) => m.id));
  const rest = outbox.filter((entry) => !committed.has(entry.id));
  return rest.length === outbox.length ? outbox : rest;
}

function withMessages(state: ChatState, incoming: MessageDto[]): ChatState {
  const messages = mergeMessages(state.messages, incoming, state.deleted);
  return { ...state, messages, outbox: settle(state.outbox, incoming) };
}

function updateEntry(
  state: ChatState,
  id: string,
  update: (entry: OutboxEntry) => OutboxEntry,
): ChatState {
  if (!state.outbox.some((entry) => entry.id === id)) return state;
  return { ...state, outbox: state.outbox.map((e) => (e.id === id ? update(e) : e)) };
}

function withOutbox(state: ChatState, outbox: OutboxEntry[]): ChatState {
  return outbox === state.outbox ? state : { ...state, outbox };
}

function readUpTo(state: ChatState, userId: string, seq: number): ChatState {
  if ((state.reads[userId] ?? 0) >= seq) return state;
  return { ...state, reads: { ...state.reads, [userId]: seq } };
}

function withQuestionChange(state: ChatState, questions: ChatQuestions): ChatState {
  return questions === state.questions ? state : { ...state, questions };
}

function onEvent(
  state: ChatState,
  at: string,
  event: CoupleEventPayload,
  seq: number | undefined,
): ChatState {
  if (isQuestionEvent(event)) {
    return withQuestionChange(state, onQuestionEvent(state.questions, event, at, seq ?? null));
  }
  switch (event.type) {
    case 'message.created':
      return withMessages(state, [event.message]);
    case 'message.deleted': {
      const deleted = { ...state.deleted, [event.id]: at };
      const messages = state.messages.map((m) => (m.id === event.id ? applyDeletion(m, at) : m));
      return { ...state, deleted, messages, past: deleteInPast(state.past, event.id, at) };
    }
    case 'read.updated':
      return readUpTo(state, event.userId, event.seq);
    default:
      return state;
  }
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'page': {
      const next = withMessages(state, action.messages);
      // A refreshed newest page says nothing about what lies before the already loaded ones.
      const hasMore = action.older || !state.loaded ? action.hasMore : state.hasMore;
      return settlePast({ ...next, hasMore, loaded: true }, mergeMessages);
    }
    case 'past.open':
    case 'past.older':
    case 'past.newer':
    case 'past.close':
      return pastReducer(state, action, mergeMessages);
    case 'event':
      return onEvent(state, action.at, action.event, action.seq);
    case 'ack': {
      const entry = state.outbox.find((e) => e.id === action.messageId);
      if (!entry) return state;
      // The ack does not carry the files: the local copies show until message.created brings them.
      if (entry.files) return updateEntry(state, entry.id, (e) => ({ ...e, status: 'sent' }));
      const message: MessageDto = {
        id: entry.id,
        seq: action.seq,
        senderId: action.senderId,
        body: entry.body,
        createdAt: action.at,
        deletedAt: null,
        attachments: [],
      };
      return withMessages(state, [message]);
    }
    case 'reads':
      return action.positions.reduce((s, p) => readUpTo(s, p.userId, p.seq), state);
    case 'queue':
      if (state.outbox.some((e) => e.id === action.entry.id)) return state;
      return { ...state, outbox: [...state.outbox, { ...action.entry, status: 'pending' }] };
    case 'sending': {
      const ids = new Set(action.ids);
      return {
        ...state,
        outbox: state.outbox.map((e) =>
          ids.has(e.id) && e.status === 'pending' ? { ...e, status: 'sending' } : e,
        ),
      };
    }
    case 'failed':
      return updateEntry(state, action.messageId, (e) =>
        // Not a failure: the message waits for my answer, and nothing of it is lost.
        action.code === 'question_unanswered'
          ? { ...e, status: 'held', error: undefined }
          : { ...e, status: 'failed', error: action.code },
      );
    case 'disconnected':
      // No ack came before the socket closed; resending is safe, so everything waits again.
      if (!state.outbox.some((e) => e.status === 'sending')) return state;
      return {
        ...state,
        outbox: state.outbox.map((e) => (e.status === 'sending' ? { ...e, status: 'pending' } : e)),
      };
    case 'retry':
      return updateEntry(state, action.messageId, (e) => {
        if (e.status !== 'failed') return e;
        const id = e.error === 'message_id_conflict' ? action.newId : e.id;
        return { ...e, id, status: 'pending', error: undefined };
      });
    case 'discard':
      return { ...state, outbox: state.outbox.filter((e) => e.id !== action.messageId) };
    case 'questions':
      return withQuestionChange(state, withQuestions(state.questions, action.questions));
    case 'release':
      if (!state.outbox.some((e) => e.status === 'held')) return state;
      return {
        ...state,
        outbox: state.outbox.map((e) => (e.status === 'held' ? { ...e, status: 'pending' } : e)),
      };
    case 'upload.done':
      return withOutbox(
        state,
        updateFile(state.outbox, action.key, (f) => ({
          ...f,
          upload: 'done',
          attachmentId: action.attachmentId,
          error: undefined,
        })),
      );
    case 'upload.failed':
      return withOutbox(
        state,
        updateFile(state.outbox, action.key, (f) =>
          f.upload === 'done' ? f : { ...f, upload: 'failed', error: action.code },
        ),
      );
    case 'upload.retry':
      return withOutbox(
        state,
        updateFile(state.outbox, action.key, (f) =>
          f.upload === 'failed' ? { ...f, upload: 'uploading', error: undefined } : f,
        ),
      );
    case 'upload.remove':
      return withOutbox(state, removeFile(state.outbox, action.key));
  }
}

/** The entries that should go out now, oldest first; one with files waits for all its uploads. */
export function dueEntries(state: ChatState): OutboxEntry[] {
  return state.outbox.filter((e) => e.status === 'pending' && uploadsDone(e));
}

/** The newest seq among the partner's messages, which the reader has now seen. */
export function newestFrom(messages: readonly MessageDto[], senderId: string): number {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i];
    if (message && message.senderId === senderId) return message.seq;
  }
  return 0;
}

/** Shows "1" beside my message until the partner has read up to it; a deleted one has nothing to read. */
export function isUnreadByPartner(message: MessageDto, myId: string, partnerRead: number): boolean {
  return message.senderId === myId && message.body !== null && message.seq > partnerRead;
}
