import type { DdaysResponse } from '@couple-chat/protocol';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { pinnedItem, pinnedText } from './pinned';

const ko = i18n.getFixedT('ko');
const en = i18n.getFixedT('en');

const tripId = '00000000-0000-4000-8000-0000000000d1';
const base: DdaysResponse = {
  ddays: [
    {
      id: tripId,
      title: '여행',
      date: '2026-12-07',
      createdBy: 'u1',
      createdAt: '2026-11-01T00:00:00.000Z',
    },
  ],
  pinned: { kind: 'none' },
  // Day 1 on 2026-02-18: day 300 is 2026-12-14.
  startDate: '2026-02-18',
  timeZone: 'Asia/Seoul',
  today: '2026-11-25',
};

describe('pinnedItem', () => {
  it('is nothing when nothing is pinned', () => {
    expect(pinnedItem(base)).toBeNull();
  });

  it('labels a pinned D-day from the server’s today', () => {
    const item = pinnedItem({ ...base, pinned: { kind: 'dday', id: tripId } });
    expect(item).toEqual({ kind: 'dday', title: '여행', label: 'D-12' });
    expect(
      pinnedItem({ ...base, today: '2026-12-07', pinned: { kind: 'dday', id: tripId } }),
    ).toMatchObject({
      label: 'D-Day',
    });
  });

  it('is nothing for a pinned D-day that was deleted', () => {
    expect(pinnedItem({ ...base, ddays: [], pinned: { kind: 'dday', id: tripId } })).toBeNull();
  });

  it('counts the days to the next milestone, and needs a start date', () => {
    const pinned = { kind: 'next_milestone' } as const;
    expect(pinnedItem({ ...base, pinned })).toEqual({
      kind: 'milestone',
      days: 19,
      milestone: { kind: 'days', n: 300, date: '2026-12-14' },
    });
    expect(pinnedItem({ ...base, pinned, startDate: null })).toBeNull();
  });
});

describe('pinnedText', () => {
  const milestone = { kind: 'days', n: 300, date: '2026-12-14' } as const;

  it('reads as one calm line in each language', () => {
    expect(pinnedText(ko, { kind: 'dday', title: '여행', label: 'D-12' })).toBe('여행 D-12');
    expect(pinnedText(ko, { kind: 'milestone', days: 12, milestone })).toBe(
      '다음 기념일까지 12일 · 300일',
    );
    expect(pinnedText(en, { kind: 'milestone', days: 1, milestone })).toBe(
      '1 day to our next milestone · 300 days',
    );
    expect(
      pinnedText(en, {
        kind: 'milestone',
        days: 3,
        milestone: { kind: 'years', n: 2, date: '2026-12-14' },
      }),
    ).toBe('3 days to our next milestone · 2 years');
  });

  it('says so on the day itself', () => {
    expect(pinnedText(ko, { kind: 'milestone', days: 0, milestone })).toBe('오늘은 300일이에요');
  });
});
