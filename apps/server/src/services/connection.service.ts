import { randomInt } from 'node:crypto';
import type {
  ConnectionRequestDto,
  ConnectionRequestsResponse,
  CoupleDto,
  CreateConnectionRequestBody,
  InviteDto,
  PersonDto,
} from '@couple-chat/protocol';
import { uniqueViolationColumn } from '../db/errors.js';
import { DomainError, NotFoundError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { identityKey } from '../lib/text.js';
import type { InTransaction, Repositories } from '../models/repositories.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import type { AccessService } from './access.service.js';
import { toCoupleDto, toPersonDto, toRequestDto } from './couple.presenter.js';
import { appendCoupleEvent, type Publisher } from './couple-log.js';
import { consumeOrThrow } from './rate-guard.js';
import type { RateRules } from './rate-rules.js';
import type { AuthContext } from './session.service.js';

// No 0/O or 1/I: codes are read aloud and typed from a phone screen.
const INVITE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const DEFAULT_TIME_ZONE = 'Asia/Seoul';

const alreadyInCouple = () =>
  new DomainError('already_in_couple', 'You are already connected with a partner.');
const partnerInCouple = () =>
  new DomainError('partner_in_couple', 'This person is already connected with someone.');

/** Connection requests and invite codes: how two single users become a couple. */
export class ConnectionService {
  constructor(
    private readonly deps: {
      repos: Repositories;
      inTransaction: InTransaction;
      access: AccessService;
      publisher: Publisher;
      limiter: RateLimiter;
      rules: RateRules;
      clock: Clock;
    },
  ) {}

  async list(auth: AuthContext): Promise<ConnectionRequestsResponse> {
    const { received, sent } = await this.deps.repos.connectionRequests.listFor(auth.user.id);
    return { received: received.map(toRequestDto), sent: sent.map(toRequestDto) };
  }

  async request(
    auth: AuthContext,
    input: CreateConnectionRequestBody,
  ): Promise<ConnectionRequestDto> {
    const { repos, clock } = this.deps;
    const me = auth.user.id;
    if (await repos.couples.findMembership(me)) throw alreadyInCouple();
    const target = await repos.users.findByUsernameKey(identityKey(input.username));
    if (!target) throw new NotFoundError('No user has this username.');
    if (target.id === me)
      throw new DomainError('cannot_request_self', 'You cannot connect with yourself.');
    if (await repos.couples.findMembership(target.id)) throw partnerInCouple();
    const id = newId(clock.now());
    try {
      await repos.connectionRequests.insert({
        id,
        from_user_id: me,
        to_user_id: target.id,
        time_zone: input.timeZone ?? null,
        created_at: clock.now(),
      });
    } catch (err) {
      // from_user_id is unique: one outgoing request at a time.
      if (uniqueViolationColumn(err)) throw requestAlreadySent();
      throw err;
    }
    await this.deps.publisher.notice([me, target.id], 'requests.changed');
    const view = await repos.connectionRequests.findView(id);
    if (!view) throw new NotFoundError('No such connection request.');
    return toRequestDto(view);
  }

  /** The sender cancels, or the recipient declines; either way the request is gone. */
  async withdraw(auth: AuthContext, requestId: string): Promise<void> {
    const request = await this.deps.access.requireRequest(auth, requestId);
    if (!(await this.deps.repos.connectionRequests.delete(request.id))) {
      throw new NotFoundError('No such connection request.');
    }
    await this.deps.publisher.notice(
      [request.from_user_id, request.to_user_id],
      'requests.changed',
    );
  }

  async approve(auth: AuthContext, requestId: string, timeZone?: string): Promise<CoupleDto> {
    // A second approval after the first won finds its request cleared; say why, not "not found".
    if (await this.deps.access.findCouple(auth.user.id)) throw alreadyInCouple();
    const request = await this.deps.access.requireRequest(auth, requestId).catch(async (err) => {
      // The winning approval may commit between the check above and this read.
      if (await this.deps.access.findCouple(auth.user.id)) throw alreadyInCouple();
      throw err;
    });
    // Only the recipient approves; to the sender the request is not theirs to approve.
    if (request.to_user_id !== auth.user.id) throw new NotFoundError('No such connection request.');
    return this.connect(
      request.from_user_id,
      auth.user.id,
      request.time_zone ?? timeZone,
      request.id,
    );
  }

  async myInvite(auth: AuthContext): Promise<InviteDto> {
    const existing = await this.deps.repos.invites.findByUser(auth.user.id);
    if (existing)
      return { code: existing.code, createdAt: new Date(existing.created_at).toISOString() };
    return this.newInvite(auth);
  }

  async newInvite(auth: AuthContext): Promise<InviteDto> {
    const now = this.deps.clock.now();
    for (let attempt = 0; ; attempt++) {
      const code = Array.from(
        { length: 8 },
        () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)],
      ).join('');
      try {
        await this.deps.repos.invites.replace({ user_id: auth.user.id, code, created_at: now });
        return { code, createdAt: new Date(now).toISOString() };
      } catch (err) {
        if (!uniqueViolationColumn(err) || attempt >= 3) throw err;
      }
    }
  }

  async previewInvite(code: string, client: { ip: string }): Promise<{ inviter: PersonDto }> {
    await consumeOrThrow(
      this.deps.limiter,
      `invite:ip:${client.ip}`,
      this.deps.rules.inviteLookupsPerIp,
    );
    const inviter = await this.inviterOf(code);
    return { inviter: toPersonDto(inviter) };
  }

  /** Using someone's code connects at once: sharing the code was their request. */
  async acceptInvite(
    auth: AuthContext,
    code: string,
    client: { ip: string },
    timeZone?: string,
  ): Promise<CoupleDto> {
    await consumeOrThrow(
      this.deps.limiter,
      `invite:ip:${client.ip}`,
      this.deps.rules.inviteLookupsPerIp,
    );
    const inviter = await this.inviterOf(code);
    if (inviter.id === auth.user.id)
      throw new DomainError('cannot_request_self', 'You cannot connect with yourself.');
    return this.connect(inviter.id, auth.user.id, timeZone);
  }

  private async inviterOf(code: string) {
    const invite = await this.deps.repos.invites.findByCode(code);
    const inviter = invite ? await this.deps.repos.users.findById(invite.user_id) : undefined;
    if (!inviter) throw new DomainError('invalid_invite_code', 'This invite code is not valid.');
    return inviter;
  }

  /**
   * Creates the couple and clears every pending request of both users in one transaction. The
   * couple_members primary key makes two racing approvals produce exactly one couple.
   */
  private async connect(
    inviterId: string,
    accepterId: string,
    timeZone: string | undefined,
    requestId?: string,
  ) {
    const { repos, clock, inTransaction } = this.deps;
    const now = clock.now();
    const coupleId = newId(now);
    let outcome: { event: Awaited<ReturnType<typeof appendCoupleEvent>>; others: string[] };
    try {
      outcome = await inTransaction(async (tx) => {
        if (await tx.couples.findMembership(accepterId)) throw alreadyInCouple();
        if (await tx.couples.findMembership(inviterId)) throw partnerInCouple();
        // Memberships first: a racing approval waits on their keys before it locks any request
        // row, so two approvals sharing a user cannot deadlock (PostgreSQL).
        await tx.couples.create(
          {
            id: coupleId,
            status: 'active',
            start_date: null,
            time_zone: timeZone ?? DEFAULT_TIME_ZONE,
            created_at: now,
            ending_requested_by: null,
            ends_at: null,
            words_from: null,
            open_question_id: null,
            question_waiting: null,
            question_next_at: null,
            ended_at: null,
            last_seq: 0,
          },
          [inviterId, accepterId],
          now,
        );
        // Its number in the search index, so sending never has to create one.
        await tx.messageSearch.register(coupleId);
        if (requestId && !(await tx.connectionRequests.delete(requestId))) {
          throw new NotFoundError('No such connection request.');
        }
        const event = await appendCoupleEvent(
          tx,
          coupleId,
          { type: 'couple.connected', by: accepterId },
          now,
        );
        const others = await tx.connectionRequests.deleteAllInvolving([inviterId, accepterId]);
        await tx.invites.deleteForUser(inviterId);
        await tx.invites.deleteForUser(accepterId);
        return { event, others };
      });
    } catch (err) {
      // The other approval committed first.
      if (uniqueViolationColumn(err)) {
        throw (await repos.couples.findMembership(accepterId))
          ? alreadyInCouple()
          : partnerInCouple();
      }
      throw err;
    }
    const { publisher } = this.deps;
    await publisher.notice([inviterId, accepterId], 'couple.formed');
    await publisher.notice(
      outcome.others.filter((id) => id !== inviterId && id !== accepterId),
      'requests.changed',
    );
    await publisher.coupleEvents(coupleId, [outcome.event]);
    const couple = await repos.couples.findById(coupleId);
    const partner = await repos.users.findById(inviterId);
    if (!couple || !partner) throw new Error('couple vanished right after creation');
    return toCoupleDto(couple, partner);
  }
}

const requestAlreadySent = () =>
  new DomainError('request_already_sent', 'You already have a pending request; cancel it first.');
