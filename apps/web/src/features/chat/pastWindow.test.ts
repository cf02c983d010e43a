import type { MessageDto } from '@couple-chat/protocol';
import { describe, expect, it } from 'vitest';
import { type ChatAction, type ChatState, chatReducer, initialChatState } from './chatState';
import { shownMessages } from './pastWindow';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const message = (seq: number): MessageDto => ({
  id: id(seq),
  seq,
  senderId: seq % 2 ? 'me' : 'partner',
  body: `message ${seq}`,
  createdAt: `2026-11-24T06:${String(seq % 60).padStart(2, '0')}:00.000Z`,
  deletedAt: null,
  attachments: [],
});
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => message(from + i));
const run = (state: ChatState, ...actions: ChatAction[]) => actions.reduce(chatReducer, state);
const seqs = (messages: readonly MessageDto[]) => messages.map((m) => m.seq);
/** The live chat with its newest page: messages 101–150, older ones before. */
const live = () =>
  run(initialChatState(), { type: 'page', messages: range(101, 150), hasMore: true, older: false });
const open = (from: number, to: number, hasNewer = true): ChatAction => ({
  type: 'past.open',
  messages: range(from, to),
  hasMore: from > 1,
  hasNewer,
});

describe('a window in the past', () => {
  it('is shown instead of the live chat, which keeps its messages', () => {
    const state = run(live(), open(20, 40));
    const shown = shownMessages(state);
    expect(shown).toMatchObject({ live: false, hasMore: true, hasNewer: true });
    expect(seqs(shown.messages)).toEqual(seqs(range(20, 40)));
    expect(seqs(state.messages)).toEqual(seqs(range(101, 150)));
  });

  it('grows both ways, each page only onto the window it was asked for', () => {
    let state = run(
      live(),
      open(20, 40),
      { type: 'past.older', edge: 20, messages: range(10, 19), hasMore: true },
      { type: 'past.newer', edge: 40, messages: range(41, 60), hasNewer: true },
    );
    expect(seqs(shownMessages(state).messages)).toEqual(seqs(range(10, 60)));
    // A page asked for before another jump replaced the window is dropped.
    const stale: ChatAction = {
      type: 'past.newer',
      edge: 40,
      messages: range(41, 45),
      hasNewer: true,
    };
    state = run(state, open(70, 80), stale);
    expect(seqs(shownMessages(state).messages)).toEqual(seqs(range(70, 80)));
  });

  it('joins the live chat once scrolling down reaches it, keeping every message once', () => {
    const state = run(live(), open(60, 80), {
      type: 'past.newer',
      edge: 80,
      messages: range(81, 110),
      hasNewer: true,
    });
    expect(state.past).toBeNull();
    expect(seqs(state.messages)).toEqual(seqs(range(60, 150)));
    // The older side of the window is now the live chat's.
    expect(state.hasMore).toBe(true);
    expect(shownMessages(state).live).toBe(true);
  });

  it('joins at once when the page around a result already reaches the newest message', () => {
    const state = run(live(), open(90, 150, false));
    expect(state.past).toBeNull();
    expect(seqs(state.messages)).toEqual(seqs(range(90, 150)));
  });

  it('keeps following live messages meanwhile, and closing returns to them', () => {
    const created: ChatAction = {
      type: 'event',
      at: '2026-11-24T07:00:00.000Z',
      event: { type: 'message.created', message: message(151) },
    };
    let state = run(live(), open(20, 40), created);
    expect(seqs(shownMessages(state).messages)).toEqual(seqs(range(20, 40)));
    state = run(state, { type: 'past.close' });
    expect(shownMessages(state).live).toBe(true);
    expect(state.messages.at(-1)?.seq).toBe(151);
  });

  it('shows a deletion in the window too', () => {
    const state = run(live(), open(20, 40), {
      type: 'event',
      at: '2026-11-24T08:00:00.000Z',
      event: { type: 'message.deleted', id: id(30), by: 'partner' },
    });
    const deleted = shownMessages(state).messages.find((m) => m.seq === 30);
    expect(deleted).toMatchObject({ body: null, deletedAt: '2026-11-24T08:00:00.000Z' });
  });

  it('waits for the live chat’s first page before joining it', () => {
    let state = run(initialChatState(), open(1, 10, false));
    expect(state.past).not.toBeNull();
    state = run(state, { type: 'page', messages: range(5, 20), hasMore: true, older: false });
    expect(state.past).toBeNull();
    expect(seqs(state.messages)).toEqual(seqs(range(1, 20)));
    expect(state.hasMore).toBe(false);
  });
});
