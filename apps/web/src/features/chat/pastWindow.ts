import type { MessageDto } from '@couple-chat/protocol';
import type { ChatState } from './chatState';

/**
 * Messages around a place in the past (a search result, a day), shown instead of the live chat
 * until the reader scrolls down to where the two meet. The live messages keep following events
 * meanwhile, so coming back is instant and nothing sent or received in between is missed.
 */
export interface PastWindow {
  /** Oldest first, each id once; never reaching the newest message (else it joins the live chat). */
  messages: MessageDto[];
  hasMore: boolean;
  hasNewer: boolean;
}

export type PastAction =
  /** A page around a seq or a day: it replaces any window shown. */
  | { type: 'past.open'; messages: MessageDto[]; hasMore: boolean; hasNewer: boolean }
  /** `edge` is the seq the page was asked against: a page for an earlier window is dropped. */
  | { type: 'past.older'; edge: number; messages: MessageDto[]; hasMore: boolean }
  | { type: 'past.newer'; edge: number; messages: MessageDto[]; hasNewer: boolean }
  /** Back to the live chat (search closed, or a message sent). */
  | { type: 'past.close' };

type Merge = (
  current: MessageDto[],
  incoming: readonly MessageDto[],
  deleted: Readonly<Record<string, string>>,
) => MessageDto[];

/**
 * The window joins the live chat once nothing lies between them: it reached the newest message,
 * or its newest overlaps the live chat's oldest.
 */
function joinLive(state: ChatState, past: PastWindow, merge: Merge): ChatState {
  const liveOldest = state.messages[0]?.seq;
  const newest = past.messages.at(-1)?.seq;
  const meets =
    state.loaded &&
    (!past.hasNewer || (liveOldest !== undefined && newest !== undefined && newest >= liveOldest));
  if (!meets) return { ...state, past };
  const oldest = past.messages[0]?.seq;
  const reachesFurther = oldest !== undefined && (liveOldest === undefined || oldest < liveOldest);
  return {
    ...state,
    messages: merge(state.messages, past.messages, state.deleted),
    hasMore: reachesFurther ? past.hasMore : state.hasMore,
    past: null,
  };
}

export function pastReducer(state: ChatState, action: PastAction, merge: Merge): ChatState {
  const { past } = state;
  switch (action.type) {
    case 'past.open':
      return joinLive(
        state,
        {
          messages: merge([], action.messages, state.deleted),
          hasMore: action.hasMore,
          hasNewer: action.hasNewer,
        },
        merge,
      );
    case 'past.older':
      if (!past || past.messages[0]?.seq !== action.edge) return state;
      return {
        ...state,
        past: {
          ...past,
          messages: merge(past.messages, action.messages, state.deleted),
          hasMore: action.hasMore,
        },
      };
    case 'past.newer':
      if (!past || past.messages.at(-1)?.seq !== action.edge) return state;
      return joinLive(
        state,
        {
          ...past,
          messages: merge(past.messages, action.messages, state.deleted),
          hasNewer: action.hasNewer,
        },
        merge,
      );
    case 'past.close':
      return past ? { ...state, past: null } : state;
  }
}

/** After the live chat changed (its first page came in): the window joins it if they now meet. */
export function settlePast(state: ChatState, merge: Merge): ChatState {
  return state.past ? joinLive(state, state.past, merge) : state;
}

/** A deletion shows in the window too (the live chat applies it itself). */
export function deleteInPast(past: PastWindow | null, id: string, at: string): PastWindow | null {
  if (!past?.messages.some((m) => m.id === id && m.deletedAt === null)) return past;
  return {
    ...past,
    messages: past.messages.map((m) => (m.id === id ? { ...m, body: null, deletedAt: at } : m)),
  };
}

/** What the list shows: the window when one is open, else the live chat. */
export function shownMessages(state: Pick<ChatState, 'past' | 'messages' | 'hasMore'>) {
  const { past } = state;
  return past
    ? { messages: past.messages, hasMore: past.hasMore, hasNewer: past.hasNewer, live: false }
    : { messages: state.messages, hasMore: state.hasMore, hasNewer: false, live: true };
}
