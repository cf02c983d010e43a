import type { QuestionSettingsResponse } from '@couple-chat/protocol';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import * as api from './api';
import type { ArchiveFilter } from './archive';
import { archiveQueryKey, questionSettingsQueryKey, questionsQueryKey } from './keys';

export const archivePageSize = 20;

/** The archive, newest first, a page at a time; a new filter shows the old list until it loads. */
export function useQuestionArchive(filter: ArchiveFilter) {
  return useInfiniteQuery({
    queryKey: archiveQueryKey(filter),
    queryFn: ({ pageParam, signal }) =>
      api.fetchQuestions({ ...filter, before: pageParam, limit: archivePageSize }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.hasMore ? last.questions.at(-1)?.askedAt : undefined),
    placeholderData: keepPreviousData,
  });
}

/** Answers (or edits the answer to) a question; the archive then shows it too. */
export function useAnswerQuestion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: string }) => api.answerQuestion(id, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: questionsQueryKey }),
  });
}

export function useQuestionSettings() {
  return useQuery({
    queryKey: questionSettingsQueryKey,
    queryFn: ({ signal }) => api.fetchQuestionSettings(signal),
  });
}

/** A keyword's switch moves at once; a failed save puts the server's state back. */
export function useToggleKeyword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      api.setKeywordEnabled(id, enabled),
    onMutate: async ({ id, enabled }) => {
      await queryClient.cancelQueries({ queryKey: questionSettingsQueryKey });
      queryClient.setQueryData<QuestionSettingsResponse>(questionSettingsQueryKey, (old) =>
        old
          ? { ...old, keywords: old.keywords.map((k) => (k.id === id ? { ...k, enabled } : k)) }
          : old,
      );
    },
    onSuccess: (settings) => queryClient.setQueryData(questionSettingsQueryKey, settings),
    onError: () => queryClient.invalidateQueries({ queryKey: questionSettingsQueryKey }),
  });
}

export function useAddCustomQuestion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.addCustomQuestion,
    onSuccess: (settings) => queryClient.setQueryData(questionSettingsQueryKey, settings),
  });
}

export function useRemoveCustomQuestion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.removeCustomQuestion,
    onSuccess: (settings) => queryClient.setQueryData(questionSettingsQueryKey, settings),
  });
}

/** `value`, once it has stopped changing for `ms` (a search box asks the server once per pause). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
