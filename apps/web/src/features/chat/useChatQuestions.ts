import { type Dispatch, useCallback, useRef, useState } from 'react';
import { fetchOpenQuestion, fetchQuestions } from '../questions/api';
import type { ChatAction } from './chatState';

const pageSize = 20;
// Reading back this many archive pages at most per older message page keeps a long jump cheap.
const maxPagesBack = 5;

/**
 * Loads the questions drawn in the chat: the open one and the newest asked (on load and after each
 * hello; the stream brings what follows), and older ones as older messages come in.
 */
export function useChatQuestions(dispatch: Dispatch<ChatAction>) {
  // The oldest askedAt loaded so far, and whether the archive holds older ones.
  const archive = useRef<{ oldest: string | undefined; hasMore: boolean } | null>(null);
  const [checkingOpen, setCheckingOpen] = useState(false);

  const loadRecent = useCallback(
    async (signal?: AbortSignal) => {
      const [open, page] = await Promise.allSettled([
        fetchOpenQuestion(signal),
        fetchQuestions({ limit: pageSize }, signal),
      ]);
      // Questions come with the chat, not before it: a failure leaves it as it is until the next hello.
      if (page.status === 'fulfilled') {
        dispatch({ type: 'questions', questions: page.value.questions });
        archive.current ??= {
          oldest: page.value.questions.at(-1)?.askedAt,
          hasMore: page.value.hasMore,
        };
      }
      if (open.status === 'fulfilled' && open.value)
        dispatch({ type: 'questions', questions: [open.value] });
    },
    [dispatch],
  );

  /** Questions asked since `createdAt` (the oldest message now loaded), so their cards show. */
  const loadBackTo = useCallback(
    async (createdAt: string) => {
      for (let pages = 0; pages < maxPagesBack; pages += 1) {
        const known = archive.current;
        if (!known?.hasMore || known.oldest === undefined || known.oldest <= createdAt) return;
        try {
          const page = await fetchQuestions({ before: known.oldest, limit: pageSize });
          archive.current = {
            oldest: page.questions.at(-1)?.askedAt ?? known.oldest,
            hasMore: page.hasMore,
          };
          dispatch({ type: 'questions', questions: page.questions });
        } catch {
          return;
        }
      }
    },
    [dispatch],
  );

  /**
   * A send was refused for an unanswered question this chat may not know of yet: fetch it. What
   * it held back waits meanwhile, so it is not released before the lock is known.
   */
  const recheckOpen = useCallback(async () => {
    setCheckingOpen(true);
    try {
      const open = await fetchOpenQuestion();
      if (open) dispatch({ type: 'questions', questions: [open] });
    } catch {
      // The refusal stands; the next send or hello asks again.
    } finally {
      setCheckingOpen(false);
    }
  }, [dispatch]);

  return { loadRecent, loadBackTo, recheckOpen, checkingOpen };
}
