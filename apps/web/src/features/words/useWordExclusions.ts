import type { ExcludedWordsResponse } from '@couple-chat/protocol';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { newlyExcluded } from './exclusions';
import { useExcludeWords, useRestoreWords } from './hooks';
import { excludedWordsQueryKey } from './keys';

type NoticeBody =
  | { kind: 'excluded'; words: string[] }
  | { kind: 'restored'; words: string[] }
  | { kind: 'alreadyExcluded' }
  | { kind: 'failed'; error: unknown };

/** What the snackbar says after a change; only an exclusion offers an undo. */
export type WordsNotice = NoticeBody & { id: number };

export interface ExcludeOptions {
  onSuccess?(): void;
  /** A form shows its own errors; without this the snackbar does. */
  onError?(error: unknown): void;
}

/** Excluding and restoring words from anywhere on the page, with one snackbar to report and undo. */
export function useWordExclusions(myId: string) {
  const queryClient = useQueryClient();
  const excludeWords = useExcludeWords();
  const restoreWords = useRestoreWords();
  const [notice, setNotice] = useState<WordsNotice | null>(null);
  const lastId = useRef(0);

  // A new id restarts the snackbar's timer, even for the same words twice.
  const show = useCallback((body: NoticeBody) => {
    lastId.current += 1;
    setNotice({ ...body, id: lastId.current });
  }, []);
  const dismiss = useCallback(() => setNotice(null), []);

  // mutateAsync, not mutate: each tap gets its own answer even when taps overlap.
  async function exclude(words: string[], options: ExcludeOptions = {}) {
    const before = queryClient.getQueryData<ExcludedWordsResponse>(excludedWordsQueryKey);
    try {
      const response = await excludeWords.mutateAsync(words);
      const added = newlyExcluded(
        before?.words.map((entry) => entry.word),
        response.words,
        words,
        myId,
      );
      show(added.length > 0 ? { kind: 'excluded', words: added } : { kind: 'alreadyExcluded' });
      options.onSuccess?.();
    } catch (error) {
      if (options.onError) options.onError(error);
      else show({ kind: 'failed', error });
    }
  }

  async function restore(words: string[]) {
    try {
      await restoreWords.mutateAsync(words);
      show({ kind: 'restored', words });
    } catch (error) {
      show({ kind: 'failed', error });
    }
  }

  return { exclude, restore, notice, dismiss };
}
