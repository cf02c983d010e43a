import { todayIn } from '@couple-chat/dates';
import {
  type CalendarEventDto,
  CalendarEventInput,
  type CalendarEventPatch,
  type CalendarEventsResponse,
  type CoupleEventDto,
  type DdayDto,
  type DdayInput,
  type DdaysResponse,
  type FieldIssue,
  PinnedDday,
} from '@couple-chat/protocol';
import { NotFoundError, ValidationError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import type { CalendarEventRow } from '../models/calendar-event.repository.js';
import type { DdayRow } from '../models/dday.repository.js';
import type { InTransaction, Repositories } from '../models/repositories.js';
import type { AccessService } from './access.service.js';
import { appendCoupleEvent, type Publisher } from './couple-log.js';
import type { AuthContext } from './session.service.js';

const NONE: PinnedDday = { kind: 'none' };

export function toCalendarEventDto(row: CalendarEventRow): CalendarEventDto {
  return {
    id: row.id,
    title: row.title,
    startDate: row.start_date,
    endDate: row.end_date,
    startTime: row.start_time,
    endTime: row.end_time,
    note: row.note,
    yearly: Number(row.yearly) === 1,
    createdBy: row.created_by,
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}

export function toDdayDto(row: DdayRow): DdayDto {
  return {
    id: row.id,
    title: row.title,
    date: row.date,
    createdBy: row.created_by,
    createdAt: new Date(Number(row.created_at)).toISOString(),
  };
}

/** The stored pin; anything unreadable counts as nothing pinned. */
function pinnedOf(json: string | null | undefined): PinnedDday {
  if (!json) return NONE;
  try {
    return PinnedDday.catch(NONE).parse(JSON.parse(json));
  } catch {
    return NONE;
  }
}

/** The columns of a valid event (defaults applied: a one-day, all-day, one-off event). */
function columnsOf(input: CalendarEventInput) {
  return {
    title: input.title,
    start_date: input.startDate,
    end_date: input.endDate ?? input.startDate,
    start_time: input.startTime ?? null,
    end_time: input.endTime ?? null,
    note: input.note ? input.note : null,
    yearly: input.yearly ? 1 : 0,
  };
}

/**
 * The couple's shared calendar and D-days. Either partner may change anything of their couple;
 * every change is one event in the couple's log, appended in the change's own transaction and
 * published after it commits.
 */
export class CalendarService {
  constructor(
    private readonly deps: {
      repos: Repositories;
      inTransaction: InTransaction;
      access: AccessService;
      publisher: Publisher;
      clock: Clock;
    },
  ) {}

  async events(auth: AuthContext): Promise<CalendarEventsResponse> {
    const { couple } = await this.deps.access.requireCouple(auth);
    const rows = await this.deps.repos.calendarEvents.list(couple.id);
    return { events: rows.map(toCalendarEventDto) };
  }

  async createEvent(auth: AuthContext, input: CalendarEventInput): Promise<CalendarEventDto> {
    const { couple } = await this.deps.access.requireCouple(auth);
    return this.change(couple.id, async (tx, now) => {
      const row: CalendarEventRow = {
        id: newId(now),
        couple_id: couple.id,
        ...columnsOf(input),
        created_by: auth.user.id,
        created_at: now,
        updated_at: now,
      };
      await tx.calendarEvents.insert(row);
      const dto = toCalendarEventDto(row);
      const event = await appendCoupleEvent(
        tx,
        couple.id,
        { type: 'calendar.event_saved', by: auth.user.id, event: dto },
        now,
      );
      return { result: dto, events: [event] };
    });
  }

  /** Changes some fields; the event they make together must still be valid. */
  async updateEvent(
    auth: AuthContext,
    id: string,
    patch: CalendarEventPatch,
  ): Promise<CalendarEventDto> {
    const { couple } = await this.deps.access.requireCouple(auth);
    return this.change(couple.id, async (tx, now) => {
      const current = await tx.calendarEvents.find(couple.id, id);
      if (!current) throw new NotFoundError('No such calendar event.');
      const merged = CalendarEventInput.safeParse({
        title: patch.title ?? current.title,
        startDate: patch.startDate ?? current.start_date,
        endDate: patch.endDate ?? current.end_date,
        startTime: patch.startTime === undefined ? current.start_time : patch.startTime,
        endTime: patch.endTime === undefined ? current.end_time : patch.endTime,
        note: patch.note === undefined ? current.note : patch.note,
        yearly: patch.yearly ?? Number(current.yearly) === 1,
      });
      if (!merged.success) {
        const issues: FieldIssue[] = merged.error.issues.map((i) => ({
          path: i.path.join('.'),
          code: i.code,
          message: i.message,
        }));
        throw new ValidationError(issues, 'The changed event would not be valid.');
      }
      // The whole validated event is written, so a concurrent change cannot leave a mix of two.
      const row = await tx.calendarEvents.update(couple.id, id, {
        ...columnsOf(merged.data),
        updated_at: now,
      });
      if (!row) throw new NotFoundError('No such calendar event.');
      const dto = toCalendarEventDto(row);
      const event = await appendCoupleEvent(
        tx,
        couple.id,
        { type: 'calendar.event_saved', by: auth.user.id, event: dto },
        now,
      );
      return { result: dto, events: [event] };
    });
  }

  async deleteEvent(auth: AuthContext, id: string): Promise<void> {
    const { couple } = await this.deps.access.requireCouple(auth);
    await this.change(couple.id, async (tx, now) => {
      if (!(await tx.calendarEvents.delete(couple.id, id))) {
        throw new NotFoundError('No such calendar event.');
      }
      const event = await appendCoupleEvent(
        tx,
        couple.id,
        { type: 'calendar.event_deleted', by: auth.user.id, id },
        now,
      );
      return { result: undefined, events: [event] };
    });
  }

  async ddays(auth: AuthContext): Promise<DdaysResponse> {
    const { couple } = await this.deps.access.requireCouple(auth);
    const rows = await this.deps.repos.ddays.list(couple.id);
    return {
      ddays: rows.map(toDdayDto),
      pinned: pinnedOf(couple.pinned_dday),
      startDate: couple.start_date,
      timeZone: couple.time_zone,
      today: todayIn(couple.time_zone, this.deps.clock.now()),
    };
  }

  async createDday(auth: AuthContext, input: DdayInput): Promise<DdayDto> {
    const { couple } = await this.deps.access.requireCouple(auth);
    return this.change(couple.id, async (tx, now) => {
      const row: DdayRow = {
        id: newId(now),
        couple_id: couple.id,
        title: input.title,
        date: input.date,
        created_by: auth.user.id,
        created_at: now,
      };
      await tx.ddays.insert(row);
      const dto = toDdayDto(row);
      const event = await appendCoupleEvent(
        tx,
        couple.id,
        { type: 'dday.saved', by: auth.user.id, dday: dto },
        now,
      );
      return { result: dto, events: [event] };
    });
  }

  /** Deletes a D-day; if it was pinned, nothing is pinned any more (a `dday.pinned` event too). */
  async deleteDday(auth: AuthContext, id: string): Promise<void> {
    const { couple } = await this.deps.access.requireCouple(auth);
    await this.change(couple.id, async (tx, now) => {
      const pinned = pinnedOf(await tx.ddays.lockPinned(couple.id));
      if (!(await tx.ddays.delete(couple.id, id))) throw new NotFoundError('No such D-day.');
      const events = [
        await appendCoupleEvent(tx, couple.id, { type: 'dday.deleted', by: auth.user.id, id }, now),
      ];
      if (pinned.kind === 'dday' && pinned.id === id) {
        await tx.ddays.setPinned(couple.id, null);
        events.push(
          await appendCoupleEvent(
            tx,
            couple.id,
            { type: 'dday.pinned', by: auth.user.id, pinned: NONE },
            now,
          ),
        );
      }
      return { result: undefined, events };
    });
  }

  /** Pins one of the couple's D-days, the next milestone, or nothing to the top of the chat. */
  async pin(auth: AuthContext, pinned: PinnedDday): Promise<PinnedDday> {
    const { couple } = await this.deps.access.requireCouple(auth);
    return this.change(couple.id, async (tx, now) => {
      await tx.ddays.lockPinned(couple.id);
      if (pinned.kind === 'dday' && !(await tx.ddays.find(couple.id, pinned.id))) {
        throw new NotFoundError('No such D-day.');
      }
      await tx.ddays.setPinned(couple.id, pinned.kind === 'none' ? null : JSON.stringify(pinned));
      const event = await appendCoupleEvent(
        tx,
        couple.id,
        { type: 'dday.pinned', by: auth.user.id, pinned },
        now,
      );
      return { result: pinned, events: [event] };
    });
  }

  /** Runs one change in a transaction, then publishes its events once it has committed. */
  private async change<T>(
    coupleId: string,
    work: (tx: Repositories, now: number) => Promise<{ result: T; events: CoupleEventDto[] }>,
  ): Promise<T> {
    const { result, events } = await this.deps.inTransaction((tx) =>
      work(tx, this.deps.clock.now()),
    );
    await this.deps.publisher.coupleEvents(coupleId, events);
    return result;
  }
}
