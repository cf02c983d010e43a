import type { ErrorCode } from '@couple-chat/protocol';

/** Why an upload stopped: the server's code, the browser's, or the file is gone (the page was closed). */
export type UploadErrorCode = ErrorCode | 'network_error' | 'unexpected_response' | 'file_missing';

export type UploadStatus =
  | { state: 'queued' }
  | { state: 'uploading' }
  | { state: 'done'; attachmentId: string }
  | { state: 'failed'; code: UploadErrorCode };

export interface TransferCallbacks {
  /** 0…1 of the bytes sent. */
  onProgress(fraction: number): void;
  onSuccess(attachmentId: string): void;
  onError(code: UploadErrorCode): void;
}

export interface Transfer {
  /** Stops sending; `terminate` also asks the server to drop what it has. */
  abort(terminate: boolean): void;
}

export type StartTransfer = (file: File, callbacks: TransferCallbacks) => Transfer;

export interface UploadManagerOptions {
  start: StartTransfer;
  /** Runs after the bytes are up and before the file counts as done (a video's poster); may fail. */
  finish?: (file: File, attachmentId: string) => Promise<void>;
  /** Drops an uploaded file no message will carry (its message was cancelled). */
  discard?: (attachmentId: string) => void;
  /** Files sent at the same time; the rest wait their turn, oldest first. */
  concurrency?: number;
  createUrl?: (file: File) => string;
  revokeUrl?: (url: string) => void;
}

interface Item {
  file: File;
  status: UploadStatus;
  progress: number;
  transfer?: Transfer | undefined;
  url?: string | undefined;
}

type SettleListener = (key: string, status: UploadStatus) => void;

/**
 * The files of unsent messages, each uploaded once (resumable, see tusTransfer) and remembered by
 * a local key. It outlives the chat screen, so leaving the chat does not stop an upload; the chat
 * reads the outcome when it comes back.
 */
export class UploadManager {
  private readonly items = new Map<string, Item>();
  private readonly settleListeners = new Set<SettleListener>();
  private readonly progressListeners = new Map<string, Set<() => void>>();
  private readonly options: Required<Omit<UploadManagerOptions, 'finish' | 'discard'>> &
    Pick<UploadManagerOptions, 'finish' | 'discard'>;

  constructor(options: UploadManagerOptions) {
    this.options = {
      concurrency: 2,
      createUrl: (file) => URL.createObjectURL(file),
      revokeUrl: (url) => URL.revokeObjectURL(url),
      ...options,
    };
  }

  /** Queues a file under its key; a key already known is left as it is. */
  add(key: string, file: File): void {
    if (this.items.has(key)) return;
    this.items.set(key, { file, status: { state: 'queued' }, progress: 0 });
    this.pump();
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  status(key: string): UploadStatus | undefined {
    return this.items.get(key)?.status;
  }

  progress(key: string): number {
    return this.items.get(key)?.progress ?? 0;
  }

  /** A local URL of the file for previews, made once and revoked when the file is let go. */
  previewUrl(key: string): string | undefined {
    const item = this.items.get(key);
    if (!item) return undefined;
    item.url ??= this.options.createUrl(item.file);
    return item.url;
  }

  /** Sends a failed file again (tus resumes where it stopped). */
  retry(key: string): void {
    const item = this.items.get(key);
    if (item?.status.state !== 'failed') return;
    item.status = { state: 'queued' };
    item.progress = 0;
    this.pump();
  }

  /** Sends again every file that failed only because the network was gone. */
  retryNetworkFailures(): void {
    for (const [key, item] of this.items) {
      if (item.status.state === 'failed' && item.status.code === 'network_error') this.retry(key);
    }
  }

  /** The file will not be sent: stop it, and drop what the server has of it. */
  cancel(key: string): void {
    const item = this.items.get(key);
    if (!item) return;
    if (item.status.state === 'done') this.options.discard?.(item.status.attachmentId);
    this.forget(key, true);
  }

  /** The file's message is committed: only the local copy is let go. */
  release(key: string): void {
    this.forget(key, false);
  }

  /** Hears every upload that is done or failed. */
  onSettle(listener: SettleListener): () => void {
    this.settleListeners.add(listener);
    return () => this.settleListeners.delete(listener);
  }

  onProgress(key: string, listener: () => void): () => void {
    let set = this.progressListeners.get(key);
    if (!set) {
      set = new Set();
      this.progressListeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.progressListeners.delete(key);
    };
  }

  private forget(key: string, terminate: boolean): void {
    const item = this.items.get(key);
    if (!item) return;
    this.items.delete(key);
    item.transfer?.abort(terminate);
    if (item.url) this.options.revokeUrl(item.url);
    this.notifyProgress(key);
    this.pump();
  }

  private pump(): void {
    let running = 0;
    for (const item of this.items.values()) if (item.status.state === 'uploading') running += 1;
    for (const [key, item] of this.items) {
      if (running >= this.options.concurrency) return;
      if (item.status.state !== 'queued') continue;
      running += 1;
      this.begin(key, item);
    }
  }

  private begin(key: string, item: Item): void {
    item.status = { state: 'uploading' };
    // Callbacks of a transfer that was cancelled or replaced (a retry) are ignored.
    const current = (transfer: Transfer | undefined) =>
      this.items.get(key) === item && item.transfer === transfer;
    let transfer: Transfer | undefined;
    const settle = (status: UploadStatus) => {
      if (!current(transfer)) return;
      item.status = status;
      item.transfer = undefined;
      if (status.state === 'done') item.progress = 1;
      this.notifyProgress(key);
      for (const listener of this.settleListeners) listener(key, status);
      this.pump();
    };
    transfer = this.options.start(item.file, {
      onProgress: (fraction) => {
        if (!current(transfer)) return;
        item.progress = Math.min(1, Math.max(0, fraction));
        this.notifyProgress(key);
      },
      onSuccess: (attachmentId) => {
        const finish = this.options.finish?.(item.file, attachmentId) ?? Promise.resolve();
        void finish.catch(() => undefined).then(() => settle({ state: 'done', attachmentId }));
      },
      onError: (code) => settle({ state: 'failed', code }),
    });
    item.transfer = transfer;
  }

  private notifyProgress(key: string): void {
    for (const listener of this.progressListeners.get(key) ?? []) listener();
  }
}
