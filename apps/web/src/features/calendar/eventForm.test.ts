import { CalendarEventInput } from '@couple-chat/protocol';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { eventFormValues, eventInputFrom, isEndBeforeStart } from './eventForm';

const empty = { title: '', startDate: '', endDate: '', startTime: '', endTime: '', note: '' };

describe('eventInputFrom', () => {
  it('sends empty times and note as null and an empty end as the start', () => {
    const input = eventInputFrom(
      { ...empty, title: '전시회', startDate: '2026-11-25', note: '  ' },
      true,
    );
    expect(input).toEqual({
      title: '전시회',
      startDate: '2026-11-25',
      endDate: '2026-11-25',
      startTime: null,
      endTime: null,
      note: null,
      yearly: true,
    });
    expect(CalendarEventInput.safeParse(input).success).toBe(true);
  });

  it('round-trips an edited event through the form', () => {
    const values = eventFormValues(
      {
        id: '00000000-0000-4000-8000-000000000001',
        title: '여행',
        startDate: '2026-12-07',
        endDate: '2026-12-09',
        startTime: '09:00',
        endTime: null,
        note: '짐 싸기',
        yearly: false,
        createdBy: 'u1',
        updatedAt: '2026-11-01T00:00:00.000Z',
      },
      '2026-11-25',
    );
    expect(eventInputFrom(values, false)).toMatchObject({
      startDate: '2026-12-07',
      endDate: '2026-12-09',
      startTime: '09:00',
      endTime: null,
      note: '짐 싸기',
    });
  });
});

describe('isEndBeforeStart', () => {
  it('recognises the rule from zod and from the API', () => {
    const parsed = CalendarEventInput.safeParse(
      eventInputFrom(
        { ...empty, title: 'x', startDate: '2026-11-25', endDate: '2026-11-24' },
        false,
      ),
    );
    expect(parsed.success).toBe(false);
    expect(isEndBeforeStart(parsed.error)).toBe(true);
    const api = new ApiError({
      code: 'validation_failed',
      status: 400,
      issues: [{ path: 'endDate', code: 'custom', message: 'The end comes before the start' }],
    });
    expect(isEndBeforeStart(api)).toBe(true);
    expect(isEndBeforeStart(new ApiError({ code: 'not_found', status: 404 }))).toBe(false);
  });
});
