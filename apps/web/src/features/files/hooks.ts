import { useQuery } from '@tanstack/react-query';
import { fetchStorage } from './api';
import { defaultFileLimits, type FileLimits } from './checks';
import { storageQueryKey } from './keys';

export function useStorage(enabled = true) {
  return useQuery({
    queryKey: storageQueryKey,
    queryFn: ({ signal }) => fetchStorage(signal),
    enabled,
    staleTime: 30_000,
  });
}

/**
 * The limits to check picked files against (until the server has said, only the count), and
 * when the usage in them was read.
 */
export function useFileLimits(): { limits: FileLimits; readAt: number } {
  const storage = useStorage();
  return { limits: storage.data ?? defaultFileLimits, readAt: storage.dataUpdatedAt };
}
