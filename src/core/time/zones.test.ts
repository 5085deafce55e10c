import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { formatInZone, isTimeZone, normalizeTimeZone, periodToUtcRange, startOfDay, todayInZone } from './zones.ts';

const HOUR_NS = 3_600_000_000_000n;
const lengthInHours = (range: { fromInclusive: Temporal.Instant; toExclusive: Temporal.Instant }): number =>
  Number((range.toExclusive.epochNanoseconds - range.fromInclusive.epochNanoseconds) / HOUR_NS);

describe('isTimeZone', () => {
  it.each(['UTC', 'Europe/Madrid', 'America/Sao_Paulo', 'Etc/GMT-1', 'Etc/GMT+1', 'Asia/Kolkata'])(
    'accepts %s',
    (tz) => {
      expect(isTimeZone(tz)).toBe(true);
    },
  );

  it.each(['', 'Mars/Olympus', 'europe/madrid', '+01:00', '-03:00', 'Z', ' UTC', 'Europe/Madrid '])(
    'rejects %j',
    (tz) => {
      expect(isTimeZone(tz)).toBe(false);
    },
  );

  it('repairs the case of user input', () => {
    expect(normalizeTimeZone('europe/madrid')).toBe('Europe/Madrid');
    expect(normalizeTimeZone('Mars/Olympus')).toBeNull();
  });
});

describe('periodToUtcRange', () => {
  it('maps a month in a UTC+1 tenant to UTC instants', () => {
    const range = periodToUtcRange('2018-10-01', '2018-10-31', 'Etc/GMT-1');
    expect(range.fromInclusive.toString()).toBe('2018-09-30T23:00:00Z');
    expect(range.toExclusive.toString()).toBe('2018-10-31T23:00:00Z');
  });

  it('gives DST days their real length in Europe/Madrid', () => {
    expect(lengthInHours(periodToUtcRange('2024-03-31', '2024-03-31', 'Europe/Madrid'))).toBe(23);
    expect(lengthInHours(periodToUtcRange('2024-10-27', '2024-10-27', 'Europe/Madrid'))).toBe(25);
    expect(lengthInHours(periodToUtcRange('2024-03-01', '2024-03-31', 'Europe/Madrid'))).toBe(31 * 24 - 1);
  });

  it('starts a day at 01:00 where DST skipped midnight (Sao Paulo 2018)', () => {
    expect(startOfDay('2018-11-04', 'America/Sao_Paulo').toString()).toBe('2018-11-04T03:00:00Z');
    const range = periodToUtcRange('2018-11-04', '2018-11-04', 'America/Sao_Paulo');
    expect(lengthInHours(range)).toBe(23);
    expect(formatInZone(range.fromInclusive, 'America/Sao_Paulo', 'iso')).toBe('2018-11-04T01:00:00-02:00');
  });

  it('rejects inverted periods, bad dates and unknown zones', () => {
    expect(() => periodToUtcRange('2018-10-31', '2018-10-01', 'UTC')).toThrow(RangeError);
    expect(() => periodToUtcRange('2018-02-30', '2018-03-01', 'UTC')).toThrow(RangeError);
    expect(() => periodToUtcRange('2018-10-01', '2018-10-31', 'Mars/Olympus')).toThrow(RangeError);
  });

  it('puts every instant in exactly the range of its local day', () => {
    const zone = fc.constantFrom('Europe/Madrid', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Etc/GMT-1', 'UTC');
    const epochMs = fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2035, 0, 1) });
    fc.assert(
      fc.property(epochMs, zone, (ms, tz) => {
        const instant = Temporal.Instant.fromEpochMilliseconds(ms);
        const day = todayInZone(instant, tz);
        const { fromInclusive, toExclusive } = periodToUtcRange(day, day, tz);
        expect(Temporal.Instant.compare(fromInclusive, instant)).toBeLessThanOrEqual(0);
        expect(Temporal.Instant.compare(instant, toExclusive)).toBe(-1);
      }),
    );
  });
});

describe('formatInZone', () => {
  it('shows the bounds of a UTC+1 period to a UTC−1 customer', () => {
    expect(formatInZone('2018-09-30T23:00:00Z', 'Etc/GMT+1', 'dd/MM/yyyy HH:mm:ss')).toBe('30/09/2018 22:00:00');
    expect(formatInZone(Temporal.Instant.from('2018-10-31T22:59:59Z'), 'Etc/GMT+1', 'dd/MM/yyyy HH:mm:ss')).toBe(
      '31/10/2018 21:59:59',
    );
  });

  it('formats ISO 8601 with the zone offset', () => {
    expect(formatInZone('2018-09-30T23:00:00Z', 'Etc/GMT+1', 'iso')).toBe('2018-09-30T22:00:00-01:00');
    expect(formatInZone('2024-07-01T10:00:00.250Z', 'Europe/Madrid', 'iso')).toBe('2024-07-01T12:00:00.25+02:00');
  });

  it('rejects strings that are not instants', () => {
    expect(() => formatInZone('2018-09-30T23:00:00', 'UTC', 'iso')).toThrow(RangeError);
    expect(() => formatInZone('2018-09-30T23:00:00Z', 'Nowhere/Land', 'iso')).toThrow(RangeError);
  });
});

describe('todayInZone', () => {
  it('depends on the zone, not on the machine', () => {
    const now = Temporal.Instant.from('2018-10-31T23:30:00Z');
    expect(todayInZone(now, 'UTC')).toBe('2018-10-31');
    expect(todayInZone(now, 'Etc/GMT-1')).toBe('2018-11-01');
    expect(todayInZone(now, 'America/Sao_Paulo')).toBe('2018-10-31');
  });
});
