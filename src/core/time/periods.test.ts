import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { addDays, compareDates, daysBetween } from './dates.ts';
import { BILLING_PERIOD_KINDS, nextBillingPeriod, periodsForBilling, previousBillingPeriod } from './periods.ts';
import { periodToUtcRange } from './zones.ts';

describe('periodsForBilling', () => {
  it('weekly runs Monday to Sunday', () => {
    expect(periodsForBilling('weekly', '2024-03-06')).toEqual({ start: '2024-03-04', end: '2024-03-10' });
    expect(periodsForBilling('weekly', '2024-03-04')).toEqual({ start: '2024-03-04', end: '2024-03-10' });
    expect(periodsForBilling('weekly', '2024-03-10')).toEqual({ start: '2024-03-04', end: '2024-03-10' });
    expect(periodsForBilling('weekly', '2025-01-01')).toEqual({ start: '2024-12-30', end: '2025-01-05' });
  });

  it('biweekly splits the month at the 15th', () => {
    expect(periodsForBilling('biweekly', '2024-02-15')).toEqual({ start: '2024-02-01', end: '2024-02-15' });
    expect(periodsForBilling('biweekly', '2024-02-16')).toEqual({ start: '2024-02-16', end: '2024-02-29' });
    expect(periodsForBilling('biweekly', '2023-02-20')).toEqual({ start: '2023-02-16', end: '2023-02-28' });
    expect(periodsForBilling('biweekly', '2024-10-31')).toEqual({ start: '2024-10-16', end: '2024-10-31' });
  });

  it('monthly covers the calendar month', () => {
    expect(periodsForBilling('monthly', '2018-10-17')).toEqual({ start: '2018-10-01', end: '2018-10-31' });
    expect(periodsForBilling('monthly', '2024-02-01')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
  });

  it('steps forwards and backwards', () => {
    expect(nextBillingPeriod('monthly', { start: '2018-12-01', end: '2018-12-31' })).toEqual({
      start: '2019-01-01',
      end: '2019-01-31',
    });
    expect(previousBillingPeriod('biweekly', { start: '2024-03-01', end: '2024-03-15' })).toEqual({
      start: '2024-02-16',
      end: '2024-02-29',
    });
  });

  it('rejects invalid anchors and kinds', () => {
    expect(() => periodsForBilling('monthly', '2018-02-30')).toThrow(RangeError);
    expect(() => periodsForBilling('daily' as 'monthly', '2018-02-01')).toThrow(RangeError);
  });
});

describe('consecutive periods tile time', () => {
  const anchor = fc.integer({ min: 0, max: 365 * 45 }).map((days) => addDays('1995-01-01', days));
  const kind = fc.constantFrom(...BILLING_PERIOD_KINDS);
  const zone = fc.constantFrom('Europe/Madrid', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Etc/GMT-1');

  it('as dates: each period contains its anchor and the next one starts the day after', () => {
    fc.assert(
      fc.property(kind, anchor, (k, date) => {
        const period = periodsForBilling(k, date);
        expect(compareDates(period.start, date)).toBeLessThanOrEqual(0);
        expect(compareDates(date, period.end)).toBeLessThanOrEqual(0);
        expect(periodsForBilling(k, period.start)).toEqual(period);
        expect(periodsForBilling(k, period.end)).toEqual(period);
        expect(nextBillingPeriod(k, period).start).toBe(addDays(period.end, 1));
      }),
    );
  });

  it('as instants: no gap and no overlap across DST changes', () => {
    fc.assert(
      fc.property(kind, anchor, zone, (k, date, tz) => {
        const first = periodsForBilling(k, date);
        const second = nextBillingPeriod(k, first);
        const a = periodToUtcRange(first.start, first.end, tz);
        const b = periodToUtcRange(second.start, second.end, tz);
        expect(a.toExclusive.equals(b.fromInclusive)).toBe(true);
        expect(Temporal.Instant.compare(a.fromInclusive, a.toExclusive)).toBe(-1);
        // A whole-day period never drifts by more than one DST shift from its nominal length.
        const hours = a.fromInclusive.until(a.toExclusive).total('hours');
        const days = daysBetween(first.start, first.end) + 1;
        expect(Math.abs(hours - days * 24)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
