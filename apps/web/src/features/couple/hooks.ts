import type { CoupleDto } from '@couple-chat/protocol';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as api from './api';
import {
  coupleEventsQueryKey,
  coupleQueryKey,
  invitePreviewQueryKey,
  myInviteQueryKey,
  requestsQueryKey,
} from './keys';

// While an ending is overdue, ask again until the server's sweeper has ended it.
const overduePollMs = 15_000;

export function useCouple() {
  return useQuery({
    queryKey: coupleQueryKey,
    queryFn: ({ signal }) => api.fetchCouple(signal),
    refetchInterval: (query) => {
      const endsAt = query.state.data?.endsAt;
      return endsAt && Date.parse(endsAt) <= Date.now() ? overduePollMs : false;
    },
  });
}

export function useConnectionRequests(enabled = true) {
  return useQuery({
    queryKey: requestsQueryKey,
    queryFn: ({ signal }) => api.fetchRequests(signal),
    enabled,
  });
}

export function useMyInvite(enabled = true) {
  return useQuery({
    queryKey: myInviteQueryKey,
    queryFn: ({ signal }) => api.fetchMyInvite(signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useInvitePreview(code: string) {
  return useQuery({
    queryKey: invitePreviewQueryKey(code),
    queryFn: ({ signal }) => api.fetchInvitePreview(code, signal),
  });
}

/** The couple's history, for the list on the home page (the live stream is realtime's). */
export function useCoupleHistory(enabled = true) {
  return useQuery({
    queryKey: coupleEventsQueryKey,
    queryFn: ({ signal }) => api.fetchCoupleEvents(signal),
    enabled,
  });
}

/** A couple came into being, changed or is ending: show it at once, then refresh what depends on it. */
function coupleChanged(queryClient: QueryClient, couple: CoupleDto): void {
  queryClient.setQueryData(coupleQueryKey, couple);
  void queryClient.invalidateQueries({ queryKey: coupleEventsQueryKey });
}

function connected(queryClient: QueryClient, couple: CoupleDto): void {
  coupleChanged(queryClient, couple);
  void queryClient.invalidateQueries({ queryKey: requestsQueryKey });
}

/** After any failure the server knows better than this page: re-read requests and couple. */
function resync(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: requestsQueryKey });
  void queryClient.invalidateQueries({ queryKey: coupleQueryKey });
}

export function useSendRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.sendRequest,
    onSuccess: (request) => {
      queryClient.setQueryData(requestsQueryKey, (old: api.RequestLists | undefined) => ({
        received: old?.received ?? [],
        sent: [request],
      }));
    },
    onError: () => resync(queryClient),
  });
}

export function useDeleteRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.deleteRequest,
    onSuccess: (_result, id) => {
      queryClient.setQueryData(requestsQueryKey, (old: api.RequestLists | undefined) =>
        old
          ? {
              received: old.received.filter((r) => r.id !== id),
              sent: old.sent.filter((r) => r.id !== id),
            }
          : old,
      );
    },
    onError: () => resync(queryClient),
  });
}

export function useApproveRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.approveRequest,
    onSuccess: (couple) => connected(queryClient, couple),
    onError: () => resync(queryClient),
  });
}

export function useRenewInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.renewMyInvite,
    onSuccess: (invite) => queryClient.setQueryData(myInviteQueryKey, invite),
  });
}

export function useAcceptInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.acceptInvite,
    onSuccess: (couple) => connected(queryClient, couple),
    onError: () => resync(queryClient),
  });
}

export function useUpdateCouple() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.updateCouple,
    onSuccess: (couple) => coupleChanged(queryClient, couple),
  });
}

export function useStartEnding() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.startEnding,
    onSuccess: (couple) => coupleChanged(queryClient, couple),
    onError: () => resync(queryClient),
  });
}

export function useCancelEnding() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.cancelEnding,
    onSuccess: (couple) => coupleChanged(queryClient, couple),
    onError: () => resync(queryClient),
  });
}
