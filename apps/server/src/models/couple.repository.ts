import type { Kysely, Selectable } from 'kysely';
import { perChunk, textPerCount, tuplesText } from '../db/batch-statements.js';
import type { CouplesTable, Database } from '../db/schema.js';

export type CoupleRow = Selectable<CouplesTable>;

export interface Membership {
  couple: CoupleRow;
  partnerId: string;
}

/** What sends need to know about the couple's questions. */
export interface QuestionState {
  openId: string | null;
  /** Who has not answered the open question yet. */
  waiting: string[];
  /** No new question before this (epoch ms); null: any time. */
  nextAt: number | null;
}

export interface Reserved {
  lastSeq: number;
  timeZone: string;
  question: QuestionState;
}

function questionStateOf(row: {
  open_question_id: string | null;
  question_waiting: string | null;
  question_next_at: number | null;
}): QuestionState {
  return {
    openId: row.open_question_id,
    waiting: row.question_waiting ? (JSON.parse(row.question_waiting) as string[]) : [],
    nextAt: row.question_next_at === null ? null : Number(row.question_next_at),
  };
}

type ReservedRow = Pick<
  CoupleRow,
  'id' | 'last_seq' | 'time_zone' | 'open_question_id' | 'question_waiting' | 'question_next_at'
>;

/** Adds each couple's count to its last seq, in one statement per chunk of couples. */
const reserveText = textPerCount(
  (rows, postgres) => `update couples set last_seq = couples.last_seq + v.column2
    from (values ${tuplesText(rows, [null, 'bigint'], postgres)}) as v
    where couples.id = v.column1 and couples.status != 'ended'
    returning couples.id, couples.last_seq, couples.time_zone, couples.open_question_id,
      couples.question_waiting, couples.question_next_at`,
);

export class CoupleRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The couple a user belongs to (active or ending) and their partner, if any. */
  async findMembership(userId: string): Promise<Membership | undefined> {
    const couple = await this.db
      .selectFrom('couple_members as me')
      .innerJoin('couples', 'couples.id', 'me.couple_id')
      .selectAll('couples')
      .where('me.user_id', '=', userId)
      .where('couples.status', '!=', 'ended')
      .executeTakeFirst();
    if (!couple) return undefined;
    const partner = await this.db
      .selectFrom('couple_members')
      .select('user_id')
      .where('couple_id', '=', couple.id)
      .where('user_id', '!=', userId)
      .executeTakeFirst();
    return partner ? { couple, partnerId: partner.user_id } : undefined;
  }

  findById(coupleId: string): Promise<CoupleRow | undefined> {
    return this.db.selectFrom('couples').selectAll().where('id', '=', coupleId).executeTakeFirst();
  }

  async memberIds(coupleId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('couple_members')
      .select('user_id')
      .where('couple_id', '=', coupleId)
      .execute();
    return rows.map((r) => r.user_id);
  }

  /** Creates the couple and its two memberships; a member already in a couple fails the insert. */
  async create(couple: CouplesTable, memberIds: [string, string], joinedAt: number): Promise<void> {
    await this.db.insertInto('couples').values(couple).execute();
    await this.db
      .insertInto('couple_members')
      .values(memberIds.map((user_id) => ({ user_id, couple_id: couple.id, joined_at: joinedAt })))
      .execute();
  }

  async updateSettings(
    coupleId: string,
    changes: Partial<Pick<CouplesTable, 'start_date' | 'time_zone' | 'words_from'>>,
  ): Promise<void> {
    await this.db.updateTable('couples').set(changes).where('id', '=', coupleId).execute();
  }

  /** active → ending; false if the couple was not active (a concurrent request won). */
  async markEnding(coupleId: string, by: string, endsAt: number): Promise<boolean> {
    const r = await this.db
      .updateTable('couples')
      .set({ status: 'ending', ending_requested_by: by, ends_at: endsAt })
      .where('id', '=', coupleId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** ending → active, only while the grace period still runs. */
  async cancelEnding(coupleId: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('couples')
      .set({ status: 'active', ending_requested_by: null, ends_at: null })
      .where('id', '=', coupleId)
      .where('status', '=', 'ending')
      .where('ends_at', '>', now)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Couples whose grace period is over, oldest first. */
  async findDueEndings(now: number, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('couples')
      .select('id')
      .where('status', '=', 'ending')
      .where('ends_at', '<=', now)
      .orderBy('ends_at')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * ending → ended, claimed by a conditional UPDATE: of several sweepers (instances, or a restart
   * mid-run) exactly one gets `true` and does the deletion.
   */
  async claimEnded(coupleId: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('couples')
      .set({ status: 'ended', ended_at: now })
      .where('id', '=', coupleId)
      .where('status', '=', 'ending')
      .where('ends_at', '<=', now)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteMembers(coupleId: string): Promise<void> {
    await this.db.deleteFrom('couple_members').where('couple_id', '=', coupleId).execute();
  }

  /**
   * Reserves consecutive seqs in the logs of several open (not ended) couples at once — `counts`
   * says how many each — and returns each couple's new last seq, time zone and question state.
   * Ended couples are left out: the check and the reservation are one statement, so no write can
   * slip into a couple the sweeper just ended, and a batch from many couples pays one round trip.
   */
  async reserveSeqsIfOpen(counts: ReadonlyMap<string, number>): Promise<Map<string, Reserved>> {
    const rows = await perChunk<[string, number], ReservedRow>(
      this.db,
      [...counts],
      reserveText,
      (entry) => entry,
    );
    return new Map(
      rows.map((r) => [
        r.id,
        { lastSeq: Number(r.last_seq), timeZone: r.time_zone, question: questionStateOf(r) },
      ]),
    );
  }

  /** Gives back reserved seqs that went unused, or takes more: the log's last seq becomes `seq`. */
  async setLastSeq(coupleId: string, seq: number): Promise<void> {
    await this.db
      .updateTable('couples')
      .set({ last_seq: seq })
      .where('id', '=', coupleId)
      .execute();
  }

  /** Locks the couple's row for the rest of the transaction and reads its question state. */
  async lockQuestionState(coupleId: string): Promise<QuestionState | undefined> {
    const row = await this.db
      .updateTable('couples')
      .set((eb) => ({ last_seq: eb.ref('last_seq') }))
      .where('id', '=', coupleId)
      .returning(['open_question_id', 'question_waiting', 'question_next_at'])
      .executeTakeFirst();
    return row ? questionStateOf(row) : undefined;
  }

  async setQuestionState(
    coupleId: string,
    state: { openId: string | null; waiting: readonly string[]; nextAt?: number },
  ): Promise<void> {
    await this.db
      .updateTable('couples')
      .set({
        open_question_id: state.openId,
        question_waiting: state.openId ? JSON.stringify(state.waiting) : null,
        ...(state.nextAt === undefined ? {} : { question_next_at: state.nextAt }),
      })
      .where('id', '=', coupleId)
      .execute();
  }

  /** Reserves the next seq of the couple's log; the row lock orders concurrent writers. */
  async nextSeq(coupleId: string): Promise<number> {
    const row = await this.db
      .updateTable('couples')
      .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
      .where('id', '=', coupleId)
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    return Number(row.last_seq);
  }

  /** Counts `bytes` against the couple's storage if they fit under `quota`; false if not. */
  async reserveStorage(coupleId: string, bytes: number, quota: number): Promise<boolean> {
    const r = await this.db
      .updateTable('couples')
      .set((eb) => ({ storage_used: eb('storage_used', '+', bytes) }))
      .where('id', '=', coupleId)
      .where('status', '=', 'active')
      .where((eb) => eb(eb('storage_used', '+', bytes), '<=', quota))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Adds (or, negative, gives back) storage without a limit: processing, deletions. */
  async adjustStorage(coupleId: string, delta: number): Promise<void> {
    if (delta === 0) return;
    await this.db
      .updateTable('couples')
      .set((eb) => ({ storage_used: eb('storage_used', '+', delta) }))
      .where('id', '=', coupleId)
      .execute();
  }

  async storageUsed(coupleId: string): Promise<number> {
    const row = await this.db
      .selectFrom('couples')
      .select('storage_used')
      .where('id', '=', coupleId)
      .executeTakeFirst();
    return Number(row?.storage_used ?? 0);
  }
}
