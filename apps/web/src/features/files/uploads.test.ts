import { describe, expect, it, vi } from 'vitest';
import {
  type TransferCallbacks,
  UploadManager,
  type UploadManagerOptions,
  type UploadStatus,
} from './uploads';

/** A manager over fake transfers that the test finishes by hand. */
function setup(options: Partial<UploadManagerOptions> = {}) {
  const transfers: { file: File; callbacks: TransferCallbacks; abort: ReturnType<typeof vi.fn> }[] =
    [];
  const manager = new UploadManager({
    start: (file, callbacks) => {
      const abort = vi.fn();
      transfers.push({ file, callbacks, abort });
      return { abort };
    },
    createUrl: (file) => `blob:${file.name}`,
    revokeUrl: vi.fn(),
    ...options,
  });
  const settled: [string, UploadStatus][] = [];
  manager.onSettle((key, status) => settled.push([key, status]));
  const file = (name: string) => new File(['x'.repeat(10)], name, { type: 'image/jpeg' });
  return { manager, transfers, settled, file };
}

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('UploadManager', () => {
  it('sends two files at a time, the next when one settles', async () => {
    const { manager, transfers, file } = setup();
    manager.add('a', file('a.jpg'));
    manager.add('b', file('b.jpg'));
    manager.add('c', file('c.jpg'));
    expect(transfers.map((t) => t.file.name)).toEqual(['a.jpg', 'b.jpg']);
    expect(manager.status('c')).toEqual({ state: 'queued' });
    transfers[0]?.callbacks.onSuccess(id(1));
    await flush();
    expect(transfers.map((t) => t.file.name)).toEqual(['a.jpg', 'b.jpg', 'c.jpg']);
  });

  it('reports progress per file and the attachment id once done', async () => {
    const { manager, transfers, settled, file } = setup();
    const heard = vi.fn();
    manager.onProgress('a', heard);
    manager.add('a', file('a.jpg'));
    transfers[0]?.callbacks.onProgress(0.4);
    expect(manager.progress('a')).toBe(0.4);
    expect(heard).toHaveBeenCalled();
    transfers[0]?.callbacks.onSuccess(id(1));
    await flush();
    expect(manager.status('a')).toEqual({ state: 'done', attachmentId: id(1) });
    expect(manager.progress('a')).toBe(1);
    expect(settled).toEqual([['a', { state: 'done', attachmentId: id(1) }]]);
  });

  it('waits for the finishing step (a poster) and ignores its failure', async () => {
    let release: () => void = () => {};
    const finish = vi.fn(
      () =>
        new Promise<void>((_resolve, reject) => {
          release = () => reject(new Error('no poster'));
        }),
    );
    const { manager, transfers, file } = setup({ finish });
    manager.add('v', file('v.mp4'));
    transfers[0]?.callbacks.onSuccess(id(2));
    await flush();
    expect(finish).toHaveBeenCalledWith(expect.any(File), id(2));
    expect(manager.status('v')).toEqual({ state: 'uploading' });
    release();
    await flush();
    expect(manager.status('v')).toEqual({ state: 'done', attachmentId: id(2) });
  });

  it('a failed file is sent again on retry, and a late callback of the old try is ignored', () => {
    const { manager, transfers, settled, file } = setup();
    manager.add('a', file('a.jpg'));
    transfers[0]?.callbacks.onError('network_error');
    expect(manager.status('a')).toEqual({ state: 'failed', code: 'network_error' });
    manager.retry('a');
    expect(transfers).toHaveLength(2);
    transfers[0]?.callbacks.onProgress(0.9);
    expect(manager.progress('a')).toBe(0);
    transfers[1]?.callbacks.onError('file_type_mismatch');
    expect(settled.map(([, s]) => s)).toEqual([
      { state: 'failed', code: 'network_error' },
      { state: 'failed', code: 'file_type_mismatch' },
    ]);
  });

  it('retries only network failures when the browser is back online', () => {
    const { manager, transfers, file } = setup();
    manager.add('a', file('a.jpg'));
    manager.add('b', file('b.jpg'));
    transfers[0]?.callbacks.onError('network_error');
    transfers[1]?.callbacks.onError('file_too_large');
    manager.retryNetworkFailures();
    expect(transfers.map((t) => t.file.name)).toEqual(['a.jpg', 'b.jpg', 'a.jpg']);
    expect(manager.status('b')).toEqual({ state: 'failed', code: 'file_too_large' });
  });

  it('cancel stops a running upload and terminates it on the server', () => {
    const { manager, transfers, settled, file } = setup();
    manager.add('a', file('a.jpg'));
    manager.previewUrl('a');
    manager.cancel('a');
    expect(transfers[0]?.abort).toHaveBeenCalledWith(true);
    expect(manager.has('a')).toBe(false);
    transfers[0]?.callbacks.onSuccess(id(1));
    expect(settled).toEqual([]);
  });

  it('cancel of a finished upload asks the server to drop the file; release does not', async () => {
    const discard = vi.fn();
    const { manager, transfers, file } = setup({ discard });
    manager.add('a', file('a.jpg'));
    manager.add('b', file('b.jpg'));
    transfers[0]?.callbacks.onSuccess(id(1));
    transfers[1]?.callbacks.onSuccess(id(2));
    await flush();
    manager.cancel('a');
    manager.release('b');
    expect(discard).toHaveBeenCalledTimes(1);
    expect(discard).toHaveBeenCalledWith(id(1));
  });

  it('makes one preview URL per file and revokes it when the file is let go', () => {
    const revokeUrl = vi.fn();
    const { manager, file } = setup({ revokeUrl });
    manager.add('a', file('a.jpg'));
    expect(manager.previewUrl('a')).toBe('blob:a.jpg');
    expect(manager.previewUrl('a')).toBe('blob:a.jpg');
    manager.release('a');
    expect(revokeUrl).toHaveBeenCalledWith('blob:a.jpg');
    expect(manager.previewUrl('a')).toBeUndefined();
  });
});
