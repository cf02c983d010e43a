import type { AttachmentDto, MessageDto } from '@couple-chat/protocol';
import { describe, expect, it } from 'vitest';
import {
  type ChatAction,
  type ChatState,
  chatReducer,
  dueEntries,
  initialChatState,
} from './chatState';
import { type OutboxFile, pendingUploadBytes, sendFrame } from './outboxFileState';

const messageId = '00000000-0000-4000-8000-000000000001';
const attachment = (n: number) => `00000000-0000-4000-8000-0000000000a${n}`;
const file = (n: number, over: Partial<OutboxFile> = {}): OutboxFile => ({
  key: `k${n}`,
  name: `photo-${n}.jpg`,
  size: 1000 * n,
  type: 'image/jpeg',
  kind: 'image',
  upload: 'uploading',
  ...over,
});
const queue = (files: OutboxFile[], body = '오늘 사진'): ChatAction => ({
  type: 'queue',
  entry: { id: messageId, body, createdAt: '2026-11-25T09:00:00.000Z', files },
});
const done = (n: number): ChatAction => ({
  type: 'upload.done',
  key: `k${n}`,
  attachmentId: attachment(n),
});
const run = (state: ChatState, ...actions: ChatAction[]) => actions.reduce(chatReducer, state);
const dto = (n: number): AttachmentDto => ({
  id: attachment(n),
  kind: 'image',
  name: `photo-${n}.jpg`,
  mime: 'image/jpeg',
  size: 1000 * n,
  width: 800,
  height: 600,
  durationMs: null,
  placeholder: null,
  animated: false,
  variants: ['thumb', 'preview'],
});
const committed = (attachments: AttachmentDto[]): MessageDto => ({
  id: messageId,
  seq: 7,
  senderId: 'me',
  body: '오늘 사진',
  createdAt: '2026-11-25T09:00:01.000Z',
  deletedAt: null,
  attachments,
});

describe('the outbox with files', () => {
  it('holds the message back until every upload has succeeded', () => {
    let state = run(initialChatState(), queue([file(1), file(2)]));
    expect(dueEntries(state)).toEqual([]);
    state = run(state, done(1));
    expect(dueEntries(state)).toEqual([]);
    state = run(state, done(2));
    expect(dueEntries(state).map((e) => e.id)).toEqual([messageId]);
  });

  it('sends one files frame with the caption and the attachment ids in the chosen order', () => {
    const state = run(initialChatState(), queue([file(1), file(2)], ''), done(2), done(1));
    const [entry] = dueEntries(state);
    expect(entry && sendFrame(entry)).toEqual({
      type: 'message.send.files',
      messageId,
      body: '',
      attachmentIds: [attachment(1), attachment(2)],
    });
  });

  it('a failed upload blocks the message until it is retried and succeeds', () => {
    let state = run(initialChatState(), queue([file(1), file(2)]), done(1), {
      type: 'upload.failed',
      key: 'k2',
      code: 'network_error',
    });
    expect(state.outbox[0]?.files?.[1]).toMatchObject({ upload: 'failed', error: 'network_error' });
    expect(dueEntries(state)).toEqual([]);
    state = run(state, { type: 'upload.retry', key: 'k2' });
    expect(state.outbox[0]?.files?.[1]).toMatchObject({ upload: 'uploading', error: undefined });
    state = run(state, done(2));
    expect(dueEntries(state)).toHaveLength(1);
  });

  it('a late failure report cannot undo a finished upload', () => {
    const state = run(initialChatState(), queue([file(1)]), done(1), {
      type: 'upload.failed',
      key: 'k1',
      code: 'network_error',
    });
    expect(state.outbox[0]?.files?.[0]?.upload).toBe('done');
  });

  it('cancelling one file sends the rest without it', () => {
    const state = run(initialChatState(), queue([file(1), file(2)]), done(1), {
      type: 'upload.remove',
      key: 'k2',
    });
    const [entry] = dueEntries(state);
    expect(entry && sendFrame(entry)).toMatchObject({ attachmentIds: [attachment(1)] });
  });

  it('cancelling the last file leaves the caption as a text message, or nothing without one', () => {
    const withCaption = run(initialChatState(), queue([file(1)], '  보고 싶어 '), {
      type: 'upload.remove',
      key: 'k1',
    });
    const [entry] = dueEntries(withCaption);
    expect(entry && sendFrame(entry)).toEqual({
      type: 'message.send',
      messageId,
      body: '보고 싶어',
    });
    const bare = run(initialChatState(), queue([file(1)], ''), {
      type: 'upload.remove',
      key: 'k1',
    });
    expect(bare.outbox).toEqual([]);
  });

  it('files cannot be taken out of a message that already went out', () => {
    const state = run(initialChatState(), queue([file(1), file(2)]), done(1), done(2), {
      type: 'sending',
      ids: [messageId],
    });
    expect(run(state, { type: 'upload.remove', key: 'k1' })).toBe(state);
  });

  it('cancelling the whole message drops it from the outbox', () => {
    const state = run(initialChatState(), queue([file(1)]), { type: 'discard', messageId });
    expect(state.outbox).toEqual([]);
  });

  it('a reconnect resends the same messageId with the same attachments', () => {
    const sent = run(initialChatState(), queue([file(1)]), done(1), {
      type: 'sending',
      ids: [messageId],
    });
    const first = sent.outbox.map(sendFrame);
    expect(dueEntries(sent)).toEqual([]);
    const again = run(sent, { type: 'disconnected' });
    expect(dueEntries(again).map(sendFrame)).toEqual(first);
  });

  it('after the ack the local copy stays until message.created brings the files', () => {
    let state = run(initialChatState(), queue([file(1)]), done(1), {
      type: 'sending',
      ids: [messageId],
    });
    state = run(state, {
      type: 'ack',
      messageId,
      seq: 7,
      at: '2026-11-25T09:00:01.000Z',
      senderId: 'me',
    });
    expect(state.outbox[0]?.status).toBe('sent');
    expect(state.messages).toEqual([]);
    // A reconnect in between does not send it again: the server has it.
    expect(dueEntries(run(state, { type: 'disconnected' }))).toEqual([]);
    state = run(state, {
      type: 'event',
      at: '2026-11-25T09:00:01.000Z',
      event: { type: 'message.created', message: committed([dto(1)]) },
    });
    expect(state.outbox).toEqual([]);
    expect(state.messages[0]?.attachments.map((a) => a.id)).toEqual([attachment(1)]);
  });

  it('a refused files frame fails the message; retry resends it under the same id', () => {
    const state = run(
      initialChatState(),
      queue([file(1)]),
      done(1),
      { type: 'sending', ids: [messageId] },
      { type: 'failed', messageId, code: 'attachment_not_ready' },
    );
    expect(state.outbox[0]).toMatchObject({ status: 'failed', error: 'attachment_not_ready' });
    const retried = run(state, { type: 'retry', messageId, newId: 'other' });
    expect(dueEntries(retried).map((e) => e.id)).toEqual([messageId]);
    expect(retried.outbox[0]?.files?.[0]?.attachmentId).toBe(attachment(1));
  });

  it('counts the bytes queued since the storage was read, which the server does not know yet', () => {
    const state = run(initialChatState(), queue([file(1), file(3)]));
    const queuedAt = Date.parse('2026-11-25T09:00:00.000Z');
    expect(pendingUploadBytes(state.outbox, queuedAt - 1)).toBe(4000);
    // Read after the uploads began: the server counts them already.
    expect(pendingUploadBytes(state.outbox, queuedAt + 1000)).toBe(0);
  });
});
