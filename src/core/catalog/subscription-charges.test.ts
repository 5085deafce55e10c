import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  activeRanges,
  periodAmount,
  proratedAmount,
  rangesOverlap,
  scheduledChargeDrafts,
} from './subscription-charges.ts';
import { activeDaysIn, productPeriodContaining } from './charge-periods.ts';
import { addDays } from '../time/dates.ts';
import { Dec } from '../money/decimal.ts';

describe('subscription active ranges', () => {
  it('cuts suspensions out of the start–end range and starts no earlier than activation', () => {
    const dates = {
      startDate: '2024-01-01',
      endDate: null,
      suspensions: [
        { from: '2024-03-20', to: null },
        { from: '2024-02-05', to: '2024-02-14' },
      ],
    };
    expect(activeRanges(dates)).toEqual([
      { start: '2024-01-01', end: '2024-02-04' },
      { start: '2024-02-15', end: '2024-03-19' },
    ]);
    expect(activeRanges(dates, '2024-02-10')).toEqual([{ start: '2024-02-15', end: '2024-03-19' }]);
    expect(activeDaysIn({ start: '2024-02-01', end: '2024-02-29' }, activeRanges(dates))).toBe(19);
  });

  it('finds overlaps of open and closed ranges', () => {
    expect(rangesOverlap({ start: '2024-01-01', end: '2024-03-31' }, { start: '2024-03-31', end: null })).toBe(true);
    expect(rangesOverlap({ start: '2024-01-01', end: '2024-03-31' }, { start: '2024-04-01', end: null })).toBe(false);
    expect(rangesOverlap({ start: '2024-05-01', end: null }, { start: '2024-01-01', end: null })).toBe(true);
  });

  it('prices a whole period by the model or by the override, and skips periods charged before', () => {
    const model = { kind: 'flat' as const, unitPrice: '30' };
    expect(periodAmount(model, '2', null).toFixed()).toBe('60');
    expect(periodAmount(model, '2', '25').toFixed()).toBe('50');
    const feb = { period: productPeriodContaining('month', '2024-02-10'), activeDays: 20, periodDays: 29 };
    const mar = { period: productPeriodContaining('month', '2024-03-01'), activeDays: 31, periodDays: 31 };
    expect(scheduledChargeDrafts([feb, mar], new Dec(30), new Set(['2024-03-01']))).toEqual([
      { period: feb.period, activeDays: 20, periodDays: 29, fullAmount: '30', amount: '20.689655172414' },
    ]);
  });

  it('splits a month at any day into two parts whose rounded amounts differ from the whole by at most a cent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 27 }), fc.integer({ min: 1, max: 99999 }), (offset, cents) => {
        const full = new Dec(cents).dividedBy(100);
        const month = productPeriodContaining('month', '2024-02-01');
        const split = addDays(month.start, offset);
        const first = activeDaysIn(month, [{ start: month.start, end: split }]);
        const second = activeDaysIn(month, [{ start: addDays(split, 1), end: null }]);
        expect(first + second).toBe(29);
        const a = proratedAmount(full, { activeDays: first, periodDays: 29 });
        const b = proratedAmount(full, { activeDays: second, periodDays: 29 });
        // Twelve places: the exact parts add up to the whole within 1e-12.
        expect(a.plus(b).minus(full).abs().lte('1e-12')).toBe(true);
        expect(a.toDecimalPlaces(2).plus(b.toDecimalPlaces(2)).minus(full).abs().lte('0.01')).toBe(true);
      }),
    );
  });
});
