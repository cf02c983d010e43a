import { describe, expect, it } from 'vitest';
import { durationLabel, formatBytes, formatDuration } from './format';

describe('formatBytes', () => {
  it('writes sizes the Korean way, without a space', () => {
    expect(formatBytes(512, 'ko')).toBe('512B');
    expect(formatBytes(1536, 'ko')).toBe('1.5KB');
    expect(formatBytes(1.2 * 1024 ** 3, 'ko')).toBe('1.2GB');
    expect(formatBytes(5 * 1024 ** 3, 'ko')).toBe('5GB');
  });

  it('writes sizes the English way, with a space', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(23.4 * 1024 ** 2, 'en')).toBe('23 MB');
    expect(formatBytes(1.2 * 1024 ** 3, 'en')).toBe('1.2 GB');
  });

  it('keeps one decimal only below ten, and never shows a negative size', () => {
    expect(formatBytes(9.96 * 1024, 'en')).toBe('10 KB');
    expect(formatBytes(10.4 * 1024 ** 2, 'en')).toBe('10 MB');
    expect(formatBytes(-5, 'en')).toBe('0 B');
  });

  it('groups digits by the locale past the largest unit', () => {
    expect(formatBytes(2048 * 1024 ** 4, 'en')).toBe('2,048 TB');
  });
});

describe('formatDuration', () => {
  it('shows m:ss, and h:mm:ss from an hour on', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(7_400)).toBe('0:07');
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(754_000)).toBe('12:34');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
  });
});

describe('durationLabel', () => {
  it('reads a length out in Korean and in English', () => {
    expect(durationLabel(65_000, 'ko')).toBe('1분 5초');
    expect(durationLabel(65_000, 'en')).toBe('1 minute 5 seconds');
    expect(durationLabel(3_600_000, 'ko')).toBe('1시간');
    expect(durationLabel(1_000, 'en')).toBe('1 second');
    expect(durationLabel(0, 'en')).toBe('0 seconds');
  });
});
