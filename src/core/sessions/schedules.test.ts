import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { DEFAULT_SCHEDULES, latestFiring, type GenerationSchedule } from './schedules.ts';

const monthly = DEFAULT_SCHEDULES[0]!;
const at = (iso: string) => Temporal.Instant.from(iso);
const firing = (schedule: GenerationSchedule, iso: string, zone = 'Europe/Madrid') => {
  const f = latestFiring(schedule, at(iso), zone);
  return `${f.date} ${f.at.toString()}`;
};

describe('when a generation schedule last fired', () => {
  it('monthly on the 1st at 06:00 tenant time: exactly at the minute, and not a moment before', () => {
    expect(firing(monthly, '2024-03-01T05:00:00Z')).toBe('2024-03-01 2024-03-01T05:00:00Z');
    expect(firing(monthly, '2024-03-01T04:59:59Z')).toBe('2024-02-01 2024-02-01T05:00:00Z');
    expect(firing(monthly, '2024-03-20T00:00:00Z')).toBe('2024-03-01 2024-03-01T05:00:00Z');
  });
  it('follows the tenant zone across a DST change (Madrid is UTC+2 in April)', () => {
    expect(firing(monthly, '2024-04-01T04:00:00Z')).toBe('2024-04-01 2024-04-01T04:00:00Z');
  });
  it('a firing time the clocks skip moves forward by the gap: 02:30 becomes 03:30 CEST', () => {
    const night = { ...monthly, dayOfMonth: 31, time: '02:30' };
    expect(firing(night, '2024-03-31T12:00:00Z')).toBe('2024-03-31 2024-03-31T01:30:00Z');
  });
  it('day 31 fires on the last day of shorter months, February of a leap year included', () => {
    const endOfMonth = { ...monthly, dayOfMonth: 31 };
    expect(firing(endOfMonth, '2024-03-10T00:00:00Z')).toBe('2024-02-29 2024-02-29T05:00:00Z');
  });
  it('weekly on Monday and daily', () => {
    const weekly: GenerationSchedule = { ...monthly, frequency: 'weekly', dayOfMonth: null, dayOfWeek: 1 };
    expect(firing(weekly, '2024-03-06T12:00:00Z')).toBe('2024-03-04 2024-03-04T05:00:00Z');
    expect(firing(weekly, '2024-03-04T04:00:00Z')).toBe('2024-02-26 2024-02-26T05:00:00Z');
    const daily: GenerationSchedule = { ...monthly, frequency: 'daily', dayOfMonth: null };
    expect(firing(daily, '2024-03-06T04:00:00Z')).toBe('2024-03-05 2024-03-05T05:00:00Z');
  });
  it('the latest firing is never after the instant and no firing lies between them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 800 * 24 * 60 }),
        fc.integer({ min: 1, max: 31 }),
        fc.constantFrom('Europe/Madrid', 'America/New_York', 'Asia/Tokyo', 'UTC'),
        (minutes, day, zone) => {
          const asOf = at('2023-01-01T00:00:00Z').add({ minutes });
          const schedule = { ...monthly, dayOfMonth: day };
          const last = latestFiring(schedule, asOf, zone);
          expect(Temporal.Instant.compare(last.at, asOf)).toBeLessThanOrEqual(0);
          const next = latestFiring(schedule, last.at.add({ hours: 24 * 27 }), zone);
          if (Temporal.Instant.compare(next.at, asOf) <= 0) expect(next.date).toBe(last.date);
        },
      ),
    );
  });
});
