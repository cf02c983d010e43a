import { addDays, todayIn } from '@couple-chat/dates';
import {
  DEFAULT_RANKING_SIZE,
  type ExcludedWordsResponse,
  RankingSize,
  type WordRankingResponse,
} from '@couple-chat/protocol';
import { normalizeWord, SUGGESTED_FILLER_WORDS } from '@couple-chat/words';
import type { Clock } from '../lib/clock.js';
import type { InTransaction, Repositories } from '../models/repositories.js';
import { TOGETHER } from '../models/word-count.repository.js';
import type { AccessService } from './access.service.js';
import { appendCoupleEvent, type Publisher } from './couple-log.js';
import type { AuthContext } from './session.service.js';
import { wordFromInput } from './word-input.js';

/** "Last 7 days": today and the 6 days before, in the couple's time zone. */
const WINDOW_DAYS = 7;

/** The words as the tokenizer reads them, each once; one with nothing countable refuses all. */
function normalizedWords(words: readonly string[]): string[] {
  return [...new Set(words.map((input) => wordFromInput(input, 'words')))];
}

/** The couple's most used words of the last 7 days, and the words they choose not to count. */
export class WordRankingService {
  constructor(
    private readonly deps: {
      repos: Repositories;
      inTransaction: InTransaction;
      access: AccessService;
      publisher: Publisher;
      clock: Clock;
    },
  ) {}

  async ranking(auth: AuthContext, size?: RankingSize): Promise<WordRankingResponse> {
    const { couple, partnerId } = await this.deps.access.requireCouple(auth);
    const chosen = size ?? RankingSize.catch(DEFAULT_RANKING_SIZE).parse(auth.user.ranking_size);
    const to = todayIn(couple.time_zone, this.deps.clock.now());
    const from = addDays(to, -(WINDOW_DAYS - 1));
    const counts = this.deps.repos.wordCounts;
    if (couple.words_from === null || couple.words_from < from) {
      // The first read of a new day moves the window; later ones find it in place.
      await this.deps.inTransaction((tx) =>
        tx.wordCounts.moveWindow(couple.id, couple.words_from, from),
      );
    }
    const [me, partner, together] = await Promise.all([
      counts.top(couple.id, auth.user.id, chosen),
      counts.top(couple.id, partnerId, chosen),
      counts.top(couple.id, TOGETHER, chosen),
    ]);
    return { from, to, timeZone: couple.time_zone, top: chosen, me, partner, together };
  }

  async saveSize(auth: AuthContext, size: RankingSize): Promise<{ top: RankingSize }> {
    await this.deps.repos.users.setRankingSize(auth.user.id, size);
    return { top: size };
  }

  async excluded(auth: AuthContext): Promise<ExcludedWordsResponse> {
    const { couple } = await this.deps.access.requireCouple(auth);
    return this.excludedOf(couple.id);
  }

  /** Takes words out of the ranking for both partners, at once (a `words.excluded` event). */
  async exclude(auth: AuthContext, words: readonly string[]): Promise<ExcludedWordsResponse> {
    const { couple } = await this.deps.access.requireCouple(auth);
    const normalized = normalizedWords(words);
    const event = await this.deps.inTransaction(async (tx) => {
      const now = this.deps.clock.now();
      const added = await tx.excludedWords.add(
        normalized.map((word) => ({
          couple_id: couple.id,
          word,
          excluded_by: auth.user.id,
          excluded_at: now,
        })),
      );
      if (added.length === 0) return undefined;
      return appendCoupleEvent(
        tx,
        couple.id,
        { type: 'words.excluded', by: auth.user.id, words: added },
        now,
      );
    });
    if (event) await this.deps.publisher.coupleEvents(couple.id, [event]);
    return this.excludedOf(couple.id);
  }

  /** Undoes exclusions: the words count again for both partners (a `words.restored` event). */
  async restore(auth: AuthContext, words: readonly string[]): Promise<ExcludedWordsResponse> {
    const { couple } = await this.deps.access.requireCouple(auth);
    // As listed (what the client was shown) or as the tokenizer would read what was typed.
    const candidates = [
      ...new Set(words.flatMap((w) => [w.normalize('NFC'), normalizeWord(w) ?? ''])),
    ].filter(Boolean);
    const event = await this.deps.inTransaction(async (tx) => {
      const removed = await tx.excludedWords.remove(couple.id, candidates);
      if (removed.length === 0) return undefined;
      return appendCoupleEvent(
        tx,
        couple.id,
        { type: 'words.restored', by: auth.user.id, words: removed },
        this.deps.clock.now(),
      );
    });
    if (event) await this.deps.publisher.coupleEvents(couple.id, [event]);
    return this.excludedOf(couple.id);
  }

  private async excludedOf(coupleId: string): Promise<ExcludedWordsResponse> {
    const rows = await this.deps.repos.excludedWords.list(coupleId);
    return {
      words: rows.map((r) => ({
        word: r.word,
        excludedBy: r.excluded_by,
        excludedAt: new Date(Number(r.excluded_at)).toISOString(),
      })),
      suggested: [...SUGGESTED_FILLER_WORDS],
    };
  }
}
