import type {
  CalendarEventDto,
  CalendarEventInput,
  DdaysResponse,
  PinnedDday,
} from '@couple-chat/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import * as api from './api';
import { calendarEventsQueryKey, ddaysQueryKey } from './keys';

export function useCalendarEvents() {
  return useQuery({
    queryKey: calendarEventsQueryKey,
    queryFn: ({ signal }) => api.fetchEvents(signal),
  });
}

/** Adds an event, or replaces every field of one being edited; the month shows it at once. */
export function useSaveEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string | undefined; input: CalendarEventInput }) =>
      id ? api.updateEvent(id, input) : api.createEvent(input),
    onSuccess: (saved) =>
      queryClient.setQueryData<CalendarEventDto[]>(calendarEventsQueryKey, (old) =>
        old ? [...old.filter((e) => e.id !== saved.id), saved] : old,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarEventsQueryKey }),
  });
}

export function useDeleteEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.deleteEvent,
    onSuccess: (_none, id) =>
      queryClient.setQueryData<CalendarEventDto[]>(calendarEventsQueryKey, (old) =>
        old?.filter((e) => e.id !== id),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: calendarEventsQueryKey }),
  });
}

/** D-days, the pin, and the couple's start date and today; the chat's pinned line reads it too. */
export function useDdays(enabled = true) {
  return useQuery({
    queryKey: ddaysQueryKey,
    queryFn: ({ signal }) => api.fetchDdays(signal),
    enabled,
  });
}

export function useAddDday() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.createDday,
    onSuccess: (dday) =>
      queryClient.setQueryData<DdaysResponse>(ddaysQueryKey, (old) =>
        old ? { ...old, ddays: [...old.ddays.filter((d) => d.id !== dday.id), dday] } : old,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ddaysQueryKey }),
  });
}

export function useDeleteDday() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.deleteDday,
    onSuccess: (_none, id) =>
      queryClient.setQueryData<DdaysResponse>(ddaysQueryKey, (old) =>
        old ? { ...old, ddays: old.ddays.filter((d) => d.id !== id) } : old,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ddaysQueryKey }),
  });
}

/** The pin moves at once; a failed save puts the server's choice back. */
export function usePinDday() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: api.pinDday,
    onMutate: async (pinned: PinnedDday) => {
      await queryClient.cancelQueries({ queryKey: ddaysQueryKey });
      queryClient.setQueryData<DdaysResponse>(ddaysQueryKey, (old) =>
        old ? { ...old, pinned } : old,
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ddaysQueryKey }),
  });
}
