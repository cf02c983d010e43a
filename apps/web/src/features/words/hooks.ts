import type {
  ExcludedWordsResponse,
  RankingSize,
  WordRankingResponse,
} from '@couple-chat/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import * as api from './api';
import { excludedWordsQueryKey, rankingQueryKey, wordRankingQueryKey } from './keys';
import { resized, withoutWords } from './ranking';

/** The ranking at `top`, or at the saved size; a new size first shows the old lists, cut to fit. */
export function useWordRanking(top: RankingSize | undefined) {
  return useQuery({
    queryKey: rankingQueryKey(top ?? 'saved'),
    queryFn: ({ signal }) => api.fetchWordRanking(top, signal),
    placeholderData: (previous) => (previous && top ? resized(previous, top) : previous),
  });
}

/**
 * The size the user picks, shown at once and saved in the background (so the next visit, on any
 * device, starts with it); a failed save puts the previous choice back.
 */
export function useRankingSize() {
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<RankingSize>();
  const save = useMutation({
    mutationFn: api.saveRankingSize,
    // The saved-size ranking in the cache is now the wrong size; the next visit must not show it.
    onSuccess: () => queryClient.removeQueries({ queryKey: rankingQueryKey('saved'), exact: true }),
  });

  function choose(top: RankingSize, shown: RankingSize | undefined) {
    setChoice(top);
    save.mutate(top, {
      onError: () => setChoice((current) => (current === top ? shown : current)),
    });
  }

  return { choice, choose, error: save.error };
}

export function useExcludedWords() {
  return useQuery({
    queryKey: excludedWordsQueryKey,
    queryFn: ({ signal }) => api.fetchExcludedWords(signal),
  });
}

/** Excluded words leave the ranking at once; the refetch then fills the freed places. */
export function useExcludeWords() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.excludeWords,
    onMutate: async (words) => {
      await queryClient.cancelQueries({ queryKey: wordRankingQueryKey });
      queryClient.setQueriesData<WordRankingResponse>({ queryKey: wordRankingQueryKey }, (old) =>
        old ? withoutWords(old, words) : old,
      );
    },
    onSuccess: (response) => queryClient.setQueryData(excludedWordsQueryKey, response),
    onSettled: () => queryClient.invalidateQueries({ queryKey: wordRankingQueryKey }),
  });
}

/** Restored words leave the excluded list at once; their counts come back with the refetch. */
export function useRestoreWords() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.restoreWords,
    onMutate: async (words) => {
      await queryClient.cancelQueries({ queryKey: excludedWordsQueryKey });
      const back = new Set(words);
      queryClient.setQueryData<ExcludedWordsResponse>(excludedWordsQueryKey, (old) =>
        old ? { ...old, words: old.words.filter((entry) => !back.has(entry.word)) } : old,
      );
    },
    onSuccess: (response) => queryClient.setQueryData(excludedWordsQueryKey, response),
    onError: () => queryClient.invalidateQueries({ queryKey: excludedWordsQueryKey }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: wordRankingQueryKey }),
  });
}
