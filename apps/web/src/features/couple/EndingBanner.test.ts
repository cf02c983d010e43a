import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { countdown } from '../../lib/dates';
import { formatCountdown } from './EndingBanner';

const ko = i18n.getFixedT('ko');
const en = i18n.getFixedT('en');
const start = new Date('2026-01-01T00:00:00Z');
const left = (ms: number) => countdown(new Date(start.getTime() + ms), start);

describe('formatCountdown', () => {
  it('writes every unit while days remain', () => {
    const ms = ((6 * 24 + 23) * 3600 + 59 * 60 + 12) * 1000;
    expect(ko('couple.ending.countdown', { time: formatCountdown(ko, left(ms)) })).toBe(
      '연결 종료까지 6일 23시간 59분 12초',
    );
    expect(en('couple.ending.countdown', { time: formatCountdown(en, left(ms)) })).toBe(
      'Connection ends in 6d 23h 59m 12s',
    );
  });

  it('drops leading zero units but keeps inner zeros and seconds', () => {
    expect(formatCountdown(ko, left((3600 + 5) * 1000))).toBe('1시간 0분 5초');
    expect(formatCountdown(en, left(9000))).toBe('9s');
    expect(formatCountdown(en, left(0))).toBe('0s');
  });
});
