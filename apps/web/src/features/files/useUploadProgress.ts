import { useCallback, useSyncExternalStore } from 'react';
import { uploadManager } from './uploadManager';

/** How much of a file is up (0…1), re-rendering only the one file's progress as it moves. */
export function useUploadProgress(key: string): number {
  const subscribe = useCallback(
    (onChange: () => void) => uploadManager().onProgress(key, onChange),
    [key],
  );
  return useSyncExternalStore(subscribe, () => uploadManager().progress(key));
}
