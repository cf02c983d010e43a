import { useQueryClient } from '@tanstack/react-query';
import { type Dispatch, useCallback, useEffect, useRef } from 'react';
import { forgetFile, keepFile, takeFile } from '../files/fileStore';
import { storageQueryKey } from '../files/keys';
import { uploadManager } from '../files/uploadManager';
import type { UploadStatus } from '../files/uploads';
import type { ChatAction, OutboxEntry, OutboxFile } from './chatState';

function settled(key: string, status: UploadStatus): ChatAction | null {
  if (status.state === 'done')
    return { type: 'upload.done', key, attachmentId: status.attachmentId };
  if (status.state === 'failed') return { type: 'upload.failed', key, code: status.code };
  return null;
}

/**
 * Joins the outbox to the upload manager: new files start uploading, outcomes (also those that
 * came while the chat was closed) reach the outbox, a file whose page was closed comes back from
 * IndexedDB, and files let go once their message is committed or cancelled.
 */
export function useOutboxUploads(outbox: readonly OutboxEntry[], dispatch: Dispatch<ChatAction>) {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      uploadManager().onSettle((key, status) => {
        const action = settled(key, status);
        if (action) dispatch(action);
        // The server's count of the couple's storage changed with this upload (or its failure).
        void queryClient.invalidateQueries({ queryKey: storageQueryKey });
      }),
    [dispatch, queryClient],
  );

  const restoring = useRef(new Set<string>());
  useEffect(() => {
    const manager = uploadManager();
    for (const file of outbox.flatMap((e) => e.files ?? [])) {
      if (file.upload !== 'uploading') continue;
      const status = manager.status(file.key);
      const action = status && settled(file.key, status);
      if (action) dispatch(action);
      else if (!status && !restoring.current.has(file.key)) {
        restoring.current.add(file.key);
        void takeFile(file.key).then((kept) => {
          restoring.current.delete(file.key);
          if (kept) manager.add(file.key, kept);
          else dispatch({ type: 'upload.failed', key: file.key, code: 'file_missing' });
        });
      }
    }
  }, [outbox, dispatch]);

  const known = useRef(new Set<string>());
  useEffect(() => {
    const keys = new Set(outbox.flatMap((e) => e.files ?? []).map((f) => f.key));
    for (const key of known.current) {
      if (keys.has(key)) continue;
      uploadManager().release(key);
      void forgetFile(key);
    }
    known.current = keys;
  }, [outbox]);

  /** Starts uploading the files of a new message; returns what the outbox remembers of them. */
  const startFiles = useCallback((picked: readonly PickedFile[]): OutboxFile[] => {
    const manager = uploadManager();
    return picked.map(({ file, kind, width, height, durationMs }) => {
      const key = crypto.randomUUID();
      manager.add(key, file);
      void keepFile(key, file);
      return {
        key,
        name: file.name,
        size: file.size,
        type: file.type,
        kind,
        width,
        height,
        durationMs,
        upload: 'uploading',
      };
    });
  }, []);

  const cancelFile = useCallback(
    (key: string) => {
      uploadManager().cancel(key);
      dispatch({ type: 'upload.remove', key });
    },
    [dispatch],
  );

  const retryFile = useCallback(
    (key: string) => {
      const manager = uploadManager();
      if (!manager.has(key)) return;
      manager.retry(key);
      dispatch({ type: 'upload.retry', key });
    },
    [dispatch],
  );

  return { startFiles, cancelFile, retryFile };
}

/** A file chosen in the composer, with what its preview measured. */
export interface PickedFile {
  file: File;
  kind: OutboxFile['kind'];
  width?: number | undefined;
  height?: number | undefined;
  durationMs?: number | undefined;
}
