import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadOutbox, saveOutbox } from './outboxStorage';

const entry = {
  id: '00000000-0000-4000-8000-000000000001',
  body: '곧 도착해',
  createdAt: '2026-11-24T08:00:00.000Z',
};

beforeEach(() => {
  const store = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => store.get(key) ?? null,
    setItem: (key: string, value: string) => store.set(key, value),
    removeItem: (key: string) => store.delete(key),
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the stored outbox', () => {
  it('survives a reload per couple; what was in flight is pending again', () => {
    saveOutbox('c1', [
      { ...entry, status: 'sending' },
      {
        ...entry,
        id: '00000000-0000-4000-8000-000000000002',
        status: 'failed',
        error: 'rate_limited',
      },
    ]);
    expect(loadOutbox('c1').map((e) => e.status)).toEqual(['pending', 'failed']);
    expect(loadOutbox('c2')).toEqual([]);
  });

  it('tries a message held for a question again after a reload', () => {
    saveOutbox('c1', [{ ...entry, status: 'held' }]);
    expect(loadOutbox('c1').map((e) => e.status)).toEqual(['pending']);
  });

  it('ignores what it cannot read', () => {
    localStorage.setItem('couple-chat.outbox.c1', '{not json');
    expect(loadOutbox('c1')).toEqual([]);
    localStorage.setItem('couple-chat.outbox.c1', JSON.stringify([{ id: 'x' }]));
    expect(loadOutbox('c1')).toEqual([]);
  });

  it('forgets an empty outbox', () => {
    saveOutbox('c1', [{ ...entry, status: 'pending' }]);
    saveOutbox('c1', []);
    expect(localStorage.getItem('couple-chat.outbox.c1')).toBeNull();
  });

  it('keeps a message with files across a reload, its uploads and an empty caption included', () => {
    const files = [
      {
        key: 'k1',
        name: '바다.jpg',
        size: 2048,
        type: 'image/jpeg',
        kind: 'image' as const,
        width: 800,
        height: 600,
        upload: 'done' as const,
        attachmentId: '00000000-0000-4000-8000-0000000000a1',
      },
      {
        key: 'k2',
        name: '영상.mp4',
        size: 4096,
        type: 'video/mp4',
        kind: 'video' as const,
        upload: 'failed' as const,
        error: 'network_error' as const,
      },
    ];
    saveOutbox('c1', [{ ...entry, body: '', status: 'sent', files }]);
    const [restored] = loadOutbox('c1');
    // Acked but not yet seen committed: sent again under the same id, which the server recognises.
    expect(restored).toEqual({ ...entry, body: '', status: 'pending', files });
  });

  it('refuses an empty text message that has no files', () => {
    localStorage.setItem(
      'couple-chat.outbox.c1',
      JSON.stringify([{ ...entry, body: '', status: 'pending' }]),
    );
    expect(loadOutbox('c1')).toEqual([]);
  });
});
