import type { MeDto } from '@couple-chat/protocol';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as api from './api';

export const meQueryKey = ['me'] as const;

export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => api.fetchMe(signal),
    staleTime: 60_000,
  });
}

function signedIn(queryClient: QueryClient, user: MeDto): void {
  queryClient.setQueryData(meQueryKey, user);
}

let loggedOutOnPurpose = false;

/** True once after a log-out from this tab, so the next log-in starts at home, not the page left behind. */
export function takeDeliberateLogOut(): boolean {
  const value = loggedOutOnPurpose;
  loggedOutOnPurpose = false;
  return value;
}

function signedOut(queryClient: QueryClient): void {
  loggedOutOnPurpose = true;
  // Drop everything the previous user could see, then mark the session as gone.
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
  queryClient.setQueryData(meQueryKey, null);
}

export function useSignUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.signUp,
    onSuccess: (user) => signedIn(queryClient, user),
  });
}

export function useLogIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.logIn,
    onSuccess: (user) => signedIn(queryClient, user),
  });
}

export function useLogOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.logOut,
    onSuccess: () => signedOut(queryClient),
  });
}

export function useLogOutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.logOutEverywhere,
    onSuccess: () => signedOut(queryClient),
  });
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.updateMe,
    onSuccess: (user) => signedIn(queryClient, user),
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: api.changePassword });
}

/** Resolves after the account is gone; the caller navigates away before calling `finish`. */
export function useDeleteAccount() {
  const queryClient = useQueryClient();
  const mutation = useMutation({ mutationFn: api.deleteAccount });
  return { ...mutation, finish: () => signedOut(queryClient) };
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: api.requestPasswordReset });
}

/** After a reset every session has ended, including this browser's if it had one. */
export function useConfirmPasswordReset() {
  const queryClient = useQueryClient();
  const mutation = useMutation({ mutationFn: api.confirmPasswordReset });
  return { ...mutation, finish: () => signedOut(queryClient) };
}
