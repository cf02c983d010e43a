import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wiredQueries } from '../../realtime/wiredQueries.testing';

// The calendar page and the chat's pin refetch through the realtime wiring; these pin down which events.
const setup = wiredQueries;

const id = '00000000-0000-4000-8000-000000000001';
const calendarEvent = {
  id,
  title: '전시회',
  startDate: '2026-11-25',
  endDate: '2026-11-25',
  startTime: null,
  endTime: null,
  note: null,
  yearly: false,
  createdBy: 'u2',
  updatedAt: '2026-11-25T10:00:00.000Z',
};

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('live calendar updates', () => {
  it('refetch the events when the partner saves or deletes one', () => {
    const { event, invalidatedKeys } = setup();
    event({ type: 'calendar.event_saved', by: 'u2', event: calendarEvent });
    event({ type: 'calendar.event_deleted', by: 'u2', id });
    vi.advanceTimersByTime(50);
    expect(invalidatedKeys()).toEqual(['["calendar-events"]']);
  });

  it('refetch the D-days when one is saved, deleted or pinned', () => {
    const { event, invalidatedKeys } = setup();
    const dday = {
      id,
      title: '여행',
      date: '2026-12-07',
      createdBy: 'u2',
      createdAt: calendarEvent.updatedAt,
    };
    event({ type: 'dday.saved', by: 'u2', dday });
    event({ type: 'dday.deleted', by: 'u2', id });
    event({ type: 'dday.pinned', by: 'u2', pinned: { kind: 'next_milestone' } });
    vi.advanceTimersByTime(50);
    expect(invalidatedKeys()).toEqual(['["ddays"]']);
  });

  it('refetch the D-days with the couple when the start date changes', () => {
    const { event, invalidatedKeys } = setup();
    event({ type: 'couple.updated', by: 'u2', startDate: '2026-02-18' });
    vi.advanceTimersByTime(50);
    expect(invalidatedKeys()).toContain('["ddays"]');
  });

  it('ignore messages', () => {
    const { event, invalidatedKeys } = setup();
    event({ type: 'read.updated', userId: 'u2', seq: 1 });
    vi.advanceTimersByTime(50);
    expect(invalidatedKeys()).toEqual([]);
  });
});
