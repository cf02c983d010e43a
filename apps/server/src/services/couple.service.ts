import {
  type CoupleDto,
  type CoupleEventDto,
  type CoupleEventsResponse,
  GRACE_PERIOD_DAYS,
  type UpdateCoupleBody,
} from '@couple-chat/protocol';
import { DomainError } from '../errors.js';
import { type Clock, DAY } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Membership } from '../models/couple.repository.js';
import type { InTransaction, Repositories } from '../models/repositories.js';
import type { AccessService } from './access.service.js';
import type { AttachmentService } from './attachment.service.js';
import { toCoupleDto } from './couple.presenter.js';
import { appendCoupleEvent, type Publisher, toCoupleEventDto } from './couple-log.js';
import type { AuthContext } from './session.service.js';

export const GRACE_PERIOD_MS = GRACE_PERIOD_DAYS * DAY;

/** The couple itself: its settings, the 7-day ending and its history. */
export class CoupleService {
  constructor(
    private readonly deps: {
      repos: Repositories;
      inTransaction: InTransaction;
      access: AccessService;
      publisher: Publisher;
      clock: Clock;
      logger: Logger;
      files: Pick<AttachmentService, 'forgetCoupleFiles' | 'reap'>;
    },
  ) {}

  /** The user's couple, or null while single. */
  async get(auth: AuthContext): Promise<CoupleDto | null> {
    const membership = await this.deps.access.findCouple(auth.user.id);
    return membership ? this.present(membership) : null;
  }

  async update(auth: AuthContext, input: UpdateCoupleBody): Promise<CoupleDto> {
    const { couple } = await this.deps.access.requireCouple(auth);
    const changes = {
      ...(input.startDate !== undefined ? { start_date: input.startDate } : {}),
      ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
    };
    return this.change(auth, couple.id, async (tx, now) => {
      await tx.couples.updateSettings(couple.id, changes);
      return appendCoupleEvent(
        tx,
        couple.id,
        { type: 'couple.updated', by: auth.user.id, ...input },
        now,
      );
    });
  }

  /** Starts the grace period: the couple ends exactly 7 days from now unless a partner cancels. */
  async requestEnding(auth: AuthContext): Promise<CoupleDto> {
    const { couple } = await this.deps.access.requireCouple(auth);
    return this.change(auth, couple.id, async (tx, now) => {
      const endsAt = now + GRACE_PERIOD_MS;
      if (!(await tx.couples.markEnding(couple.id, auth.user.id, endsAt))) {
        throw new DomainError(
          'couple_already_ending',
          'Ending the connection was already requested.',
        );
      }
      const event = {
        type: 'couple.ending_requested' as const,
        by: auth.user.id,
        endsAt: new Date(endsAt).toISOString(),
      };
      return appendCoupleEvent(tx, couple.id, event, now);
    });
  }

  /** Either partner may cancel, up to the last millisecond before the end time. */
  async cancelEnding(auth: AuthContext): Promise<CoupleDto> {
    const { couple } = await this.deps.access.requireCouple(auth);
    return this.change(auth, couple.id, async (tx, now) => {
      if (!(await tx.couples.cancelEnding(couple.id, now))) {
        throw new DomainError('couple_not_ending', 'The connection is not ending.');
      }
      return appendCoupleEvent(
        tx,
        couple.id,
        { type: 'couple.ending_cancelled', by: auth.user.id },
        now,
      );
    });
  }

  async events(
    auth: AuthContext,
    after: number,
    limit: number,
    scope: 'all' | 'couple' = 'all',
  ): Promise<CoupleEventsResponse> {
    const { couple } = await this.deps.access.requireCouple(auth);
    const rows = await this.deps.repos.coupleEvents.listAfter(
      couple.id,
      after,
      limit + 1,
      scope === 'couple',
    );
    return { events: rows.slice(0, limit).map(toCoupleEventDto), hasMore: rows.length > limit };
  }

  /**
   * Ends every couple whose grace period is over and deletes its shared data. Safe to run on every
   * instance at once and again after a crash: each couple is claimed by a conditional UPDATE.
   */
  async endDueCouples(): Promise<number> {
    const { repos, inTransaction, clock, publisher, logger } = this.deps;
    let ended = 0;
    for (;;) {
      const now = clock.now();
      const due = await repos.couples.findDueEndings(now, 50);
      if (due.length === 0) return ended;
      for (const coupleId of due) {
        let removedFiles: string[] = [];
        const members = await inTransaction(async (tx) => {
          if (!(await tx.couples.claimEnded(coupleId, now))) return undefined;
          const ids = await tx.couples.memberIds(coupleId);
          removedFiles = await this.deleteSharedData(tx, coupleId, now);
          return ids;
        });
        if (!members) continue;
        await this.deps.files.reap(removedFiles);
        ended += 1;
        logger.info({ coupleId }, 'couple ended after the grace period; shared data deleted');
        await publisher.notice(members, 'couple.ended');
      }
    }
  }

  /** Everything the two shared. Later features add their tables here. */
  private async deleteSharedData(
    tx: Repositories,
    coupleId: string,
    now: number,
  ): Promise<string[]> {
    const removedFiles = await this.deps.files.forgetCoupleFiles(tx, coupleId, now);
    await tx.messageSearch.deleteAll(coupleId);
    await tx.messageDays.deleteAll(coupleId);
    await tx.messages.deleteAll(coupleId);
    await tx.readPositions.deleteAll(coupleId);
    await tx.wordCounts.deleteAll(coupleId);
    await tx.excludedWords.deleteAll(coupleId);
    await tx.questions.deleteAll(coupleId);
    await tx.calendarEvents.deleteAll(coupleId);
    await tx.ddays.deleteAll(coupleId);
    await tx.ddays.setPinned(coupleId, null);
    await tx.couples.setQuestionState(coupleId, { openId: null, waiting: [] });
    await tx.coupleEvents.deleteAll(coupleId);
    await tx.couples.deleteMembers(coupleId);
    await tx.couples.updateSettings(coupleId, { start_date: null, words_from: null });
    return removedFiles;
  }

  private async change(
    auth: AuthContext,
    coupleId: string,
    work: (tx: Repositories, now: number) => Promise<CoupleEventDto>,
  ): Promise<CoupleDto> {
    const event = await this.deps.inTransaction((tx) => work(tx, this.deps.clock.now()));
    await this.deps.publisher.coupleEvents(coupleId, [event]);
    return this.present(await this.deps.access.requireCouple(auth));
  }

  private async present(membership: Membership): Promise<CoupleDto> {
    const partner = await this.deps.repos.users.findById(membership.partnerId);
    if (!partner) throw new DomainError('not_in_couple', 'You are not connected with a partner.');
    return toCoupleDto(membership.couple, partner);
  }
}
