import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { meQueryKey } from '../features/auth/hooks';
import { changesCalendar, changesDdays } from '../features/calendar/events';
import { calendarEventsQueryKey, ddaysQueryKey } from '../features/calendar/keys';
import { isCoupleChange } from '../features/couple/history';
import {
  coupleEventsQueryKey,
  coupleQueryKey,
  myInviteQueryKey,
  requestsQueryKey,
} from '../features/couple/keys';
import { changesDrawer, changesStorage } from '../features/files/events';
import { drawerQueryKey, storageQueryKey } from '../features/files/keys';
import { changesQuestionSettings, isQuestionEvent } from '../features/questions/events';
import { questionSettingsQueryKey, questionsQueryKey } from '../features/questions/keys';
import { changesMessageDays } from '../features/search/events';
import { messageDaysQueryKey } from '../features/search/keys';
import { changesExclusions, changesRanking } from '../features/words/events';
import { excludedWordsQueryKey, wordRankingQueryKey } from '../features/words/keys';
import type { RealtimeConnection } from './connection';

// A replayed backlog arrives as a burst of frames; one refetch per burst is enough.
const coalesceMs = 50;
// How often a run of failed handshakes may re-check the session.
const sessionCheckMs = 60_000;

/** Keeps react-query's cache in step with what the server pushes; returns the unsubscribe. */
export function wireQueries(connection: RealtimeConnection, queryClient: QueryClient): () => void {
  const due = new Map<string, QueryKey>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const invalidate = (...keys: QueryKey[]) => {
    for (const key of keys) due.set(JSON.stringify(key), key);
    timer ??= setTimeout(() => {
      timer = undefined;
      const keys = [...due.values()];
      due.clear();
      for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
    }, coalesceMs);
  };

  let lastSessionCheck = Number.NEGATIVE_INFINITY;

  const unsubscribe = [
    // Notices are not replayed, so whatever happened while disconnected is re-read on each hello.
    connection.on('hello', () => invalidate(coupleQueryKey, requestsQueryKey)),
    connection.on('notice', (notice) => {
      invalidate(coupleQueryKey, requestsQueryKey);
      if (notice !== 'requests.changed') invalidate(coupleEventsQueryKey, myInviteQueryKey);
    }),
    // Messages and reads belong to the chat's own state; only the couple's own changes refetch it.
    connection.on('event', (frame) => {
      if (isCoupleChange(frame.event)) invalidate(coupleQueryKey, coupleEventsQueryKey);
      // The ranking counts the chat, so each message (or a partner's exclusion) refetches it.
      if (changesRanking(frame.event)) invalidate(wordRankingQueryKey);
      if (changesExclusions(frame.event)) invalidate(excludedWordsQueryKey);
      // The chat keeps its cards live itself; the archive and the settings page refetch.
      if (isQuestionEvent(frame.event)) invalidate(questionsQueryKey);
      if (changesQuestionSettings(frame.event)) invalidate(questionSettingsQueryKey);
      // The calendar and D-days refetch whole (a couple's calendar is small); so does the chat's pin.
      if (changesCalendar(frame.event)) invalidate(calendarEventsQueryKey);
      if (changesDdays(frame.event)) invalidate(ddaysQueryKey);
      // Files and links come and go with their messages; so does the storage they use.
      if (changesDrawer(frame.event)) invalidate(drawerQueryKey);
      if (changesStorage(frame.event)) invalidate(storageQueryKey);
      // The date picker's marks: only an open picker refetches.
      if (changesMessageDays(frame.event)) invalidate(messageDaysQueryKey);
    }),
    connection.on('unauthenticated', () => invalidate(meQueryKey)),
    // An expired session makes the handshake fail with HTTP 401; /api/me tells it from a down server.
    connection.on('refused', () => {
      if (Date.now() - lastSessionCheck < sessionCheckMs) return;
      lastSessionCheck = Date.now();
      invalidate(meQueryKey);
    }),
  ];
  return () => {
    for (const off of unsubscribe) off();
    clearTimeout(timer);
  };
}
