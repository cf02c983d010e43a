import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { describeEvent } from './history';

const ko = i18n.getFixedT('ko');
const en = i18n.getFixedT('en');
const couple = { partner: { id: 'u2', username: 'minji', displayName: '민지' } };

describe('describeEvent', () => {
  it("names the partner in the partner's events", () => {
    const event = { type: 'couple.ending_requested', by: 'u2', endsAt: '2026-01-08T00:00:00.000Z' };
    expect(describeEvent(ko, event as never, 'u1', couple)).toEqual([
      '민지님이 연결을 끝내자고 했어요',
    ]);
    expect(describeEvent(en, event as never, 'u1', couple)).toEqual([
      '민지 asked to end the connection',
    ]);
  });

  it('speaks as me for my own events', () => {
    const event = { type: 'couple.ending_cancelled' as const, by: 'u1' };
    expect(describeEvent(ko, event, 'u1', couple)).toEqual(['내가 연결 끝내기를 취소했어요']);
  });

  it('lists each change of an update', () => {
    const event = {
      type: 'couple.updated' as const,
      by: 'u2',
      startDate: '2024-02-29',
      timeZone: 'Europe/Berlin',
    };
    expect(describeEvent(en, event, 'u1', couple)).toEqual([
      '민지 set the day you met: February 29, 2024',
      '민지 changed the time zone: Europe/Berlin',
    ]);
    expect(
      describeEvent(ko, { ...event, startDate: null, timeZone: undefined }, 'u2', couple),
    ).toEqual(['내가 처음 만난 날을 지웠어요']);
  });

  it('does not care who connected', () => {
    expect(describeEvent(ko, { type: 'couple.connected', by: 'u2' }, 'u1', couple)).toEqual([
      '둘이 연결됐어요',
    ]);
  });
});
