// todayIn: the couple's "today" from an injected clock (epoch ms), across zones and DST changes.
import { describe, expect, it } from 'vitest';
import { isValidTimeZone, todayIn } from '../src/index.js';

const at = (iso: string) => Date.parse(iso);

describe('todayIn', () => {
  it('Asia/Seoul (UTC+9) is already on the next day at 00:30 while UTC is not', () => {
    const now = at('2026-11-24T15:30:00Z'); // 00:30 on Nov 25 in Seoul
    expect(todayIn('Asia/Seoul', now)).toBe('2026-11-25');
    expect(todayIn('UTC', now)).toBe('2026-11-24');
  });

  it.each([
    // [zone, instant, local date] — each pair straddles a local midnight.
    ['Asia/Seoul', '2026-11-24T14:59:59.999Z', '2026-11-24'], // 23:59:59.999 KST
    ['Asia/Seoul', '2026-11-24T15:00:00.000Z', '2026-11-25'], // 00:00 KST
    ['Asia/Seoul', '2025-12-31T15:00:00Z', '2026-01-01'], // New Year in Seoul, still 2025 in UTC
    ['UTC', '2025-12-31T23:59:59.999Z', '2025-12-31'],
    ['UTC', '2026-01-01T00:00:00Z', '2026-01-01'],
    ['Asia/Kathmandu', '2026-11-24T18:14:59Z', '2026-11-24'], // UTC+5:45
    ['Asia/Kathmandu', '2026-11-24T18:15:00Z', '2026-11-25'],
    ['Etc/GMT-14', '2026-11-24T10:00:00Z', '2026-11-25'], // POSIX sign: Etc/GMT-14 is UTC+14
  ])('%s at %s is %s', (zone, iso, expected) => {
    expect(todayIn(zone, at(iso))).toBe(expected);
  });

  describe('America/New_York across the 2026 DST changes', () => {
    // Spring forward: Sun 2026-03-08 02:00 EST (UTC−5) → 03:00 EDT (UTC−4), i.e. at 07:00Z.
    // Fall back:      Sun 2026-11-01 02:00 EDT (UTC−4) → 01:00 EST (UTC−5), i.e. at 06:00Z.
    it.each([
      ['2026-03-08T04:59:59Z', '2026-03-07'], // 23:59:59 EST on Mar 7
      ['2026-03-08T05:00:00Z', '2026-03-08'], // midnight EST
      ['2026-03-08T06:59:59Z', '2026-03-08'], // 01:59:59 EST, just before the change
      ['2026-03-08T07:00:00Z', '2026-03-08'], // 03:00 EDT, just after
      ['2026-03-09T03:59:59Z', '2026-03-08'], // 23:59:59 EDT: a UTC−5 assumption would say Mar 8 too late
      ['2026-03-09T04:00:00Z', '2026-03-09'], // midnight EDT (04:00Z now, not 05:00Z)
      ['2026-11-01T03:59:59Z', '2026-10-31'], // 23:59:59 EDT on Oct 31
      ['2026-11-01T04:00:00Z', '2026-11-01'], // midnight EDT
      ['2026-11-01T05:30:00Z', '2026-11-01'], // 01:30 EDT
      ['2026-11-01T06:30:00Z', '2026-11-01'], // 01:30 EST, the repeated hour
      ['2026-11-02T04:59:59Z', '2026-11-01'], // 23:59:59 EST: a UTC−4 assumption would say Nov 2
      ['2026-11-02T05:00:00Z', '2026-11-02'], // midnight EST
    ])('%s → %s', (iso, expected) => {
      expect(todayIn('America/New_York', at(iso))).toBe(expected);
    });
  });

  describe('the extreme offsets: Pacific/Kiritimati (UTC+14) and Pacific/Pago_Pago (UTC−11)', () => {
    it.each([
      ['Pacific/Kiritimati', '2026-11-24T09:59:59Z', '2026-11-24'], // 23:59:59 +14
      ['Pacific/Kiritimati', '2026-11-24T10:00:00Z', '2026-11-25'], // 00:00 +14
      ['Pacific/Pago_Pago', '2026-11-24T10:59:59Z', '2026-11-23'], // 23:59:59 −11
      ['Pacific/Pago_Pago', '2026-11-24T11:00:00Z', '2026-11-24'], // 00:00 −11
    ])('%s at %s is %s', (zone, iso, expected) => {
      expect(todayIn(zone, at(iso))).toBe(expected);
    });

    it('puts the two zones two calendar days apart for one hour each day', () => {
      // 2025-12-31T10:30Z is 00:30 on Jan 1 in Kiritimati and 23:30 on Dec 30 in Pago Pago.
      const now = at('2025-12-31T10:30:00Z');
      expect(todayIn('Pacific/Kiritimati', now)).toBe('2026-01-01');
      expect(todayIn('UTC', now)).toBe('2025-12-31');
      expect(todayIn('Pacific/Pago_Pago', now)).toBe('2025-12-30');
    });

    it("skips 1994-12-31 in Kiritimati, which jumped from UTC−10 to UTC+14 (the runtime's tz history)", () => {
      expect(todayIn('Pacific/Kiritimati', at('1994-12-31T09:59:59Z'))).toBe('1994-12-30');
      expect(todayIn('Pacific/Kiritimati', at('1994-12-31T10:00:00Z'))).toBe('1995-01-01');
    });
  });

  it('rejects an unknown or missing zone with a RangeError naming it', () => {
    const now = at('2026-11-24T15:30:00Z');
    expect(() => todayIn('Mars/Olympus_Mons', now)).toThrow(/"Mars\/Olympus_Mons"/);
    expect(() => todayIn('Mars/Olympus_Mons', now)).toThrow(RangeError);
    expect(() => todayIn('', now)).toThrow(RangeError);
    // Intl would read a missing zone as the host's own zone; todayIn refuses instead.
    expect(() => todayIn(undefined as unknown as string, now)).toThrow(RangeError);
  });

  it('uses the proleptic Gregorian calendar, like the rest of the module, far from today too', () => {
    expect(todayIn('UTC', at('1000-01-01T12:00:00Z'))).toBe('1000-01-01');
    expect(todayIn('UTC', at('1582-10-10T12:00:00Z'))).toBe('1582-10-10'); // a day the Julian switch skipped
    expect(todayIn('UTC', at('0001-01-02T00:00:00Z'))).toBe('0001-01-02');
    expect(todayIn('Pacific/Kiritimati', at('9999-12-30T23:59:59Z'))).toBe('9999-12-31');
    expect(() => todayIn('UTC', at('0001-01-01T23:59:59Z'))).toThrow(RangeError);
    expect(() => todayIn('UTC', at('9999-12-31T00:00:00Z'))).toThrow(RangeError);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, '0' as unknown as number, 8.64e15])(
    'rejects now = %s',
    (now) => {
      expect(() => todayIn('UTC', now)).toThrow(RangeError);
    },
  );
});

describe('todayIn, asked again and again (it remembers a quarter hour per zone)', () => {
  // Seoul kept local mean time (UTC+8:27:52) until 1908: its midnight fell at 15:32:08Z, inside a
  // quarter hour, so that quarter's instants must each be asked.
  it.each([
    ['1900-01-01T15:32:08.000Z', '1900-01-02'],
    ['1900-01-01T15:32:07.999Z', '1900-01-01'],
    ['1900-01-01T15:30:00.000Z', '1900-01-01'],
    ['1900-01-01T15:44:59.999Z', '1900-01-02'],
    ['1900-01-01T15:32:08.000Z', '1900-01-02'],
  ])('Asia/Seoul at %s is %s, in any order', (iso, expected) => {
    expect(todayIn('Asia/Seoul', at(iso))).toBe(expected);
  });

  it('gives the same date as a fresh Intl lookup for every minute around a midnight and a DST change', () => {
    const fresh = (zone: string, now: number) => {
      const parts = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).formatToParts(now);
      const get = (type: string) => parts.find((p) => p.type === type)?.value;
      return `${get('year')}-${get('month')}-${get('day')}`;
    };
    for (const [zone, from] of [
      ['America/New_York', '2026-11-01T03:00:00Z'],
      ['Asia/Kathmandu', '2026-11-24T17:00:00Z'],
      ['Asia/Seoul', '1908-03-31T15:00:00Z'],
    ] as const) {
      for (let now = at(from); now < at(from) + 4 * 3_600_000; now += 59_999) {
        expect(todayIn(zone, now), `${zone} ${new Date(now).toISOString()}`).toBe(fresh(zone, now));
      }
    }
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['Asia/Seoul', true],
    ['UTC', true],
    ['America/New_York', true],
    ['Pacific/Kiritimati', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
    [undefined, false],
    [42, false],
  ])('%j → %s', (zone, expected) => {
    expect(isValidTimeZone(zone)).toBe(expected);
  });
});
