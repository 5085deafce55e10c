import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { duePeriods, uncovered } from './due-periods.ts';
import { addDays } from '../time/dates.ts';

const base = { activationDate: '2023-06-15', covered: [], skipMissing: false };
const show = (periods: { start: string; end: string }[]) => periods.map((p) => `${p.start}..${p.end}`);

describe('the periods a customer is due to be billed for', () => {
  it('monthly on 1 March 2024: February of a leap year, and only closed periods', () => {
    const covered = [{ start: '2023-06-15', end: '2024-01-31' }];
    expect(show(duePeriods({ ...base, kind: 'monthly', today: '2024-03-01', covered }))).toEqual([
      '2024-02-01..2024-02-29',
    ]);
    expect(duePeriods({ ...base, kind: 'monthly', today: '2024-02-29', covered })).toEqual([]);
  });
  it('weekly periods run Monday to Sunday', () => {
    const due = duePeriods({ ...base, kind: 'weekly', activationDate: '2024-02-20', today: '2024-03-05' });
    expect(show(due)).toEqual(['2024-02-20..2024-02-25', '2024-02-26..2024-03-03']);
  });
  it('biweekly periods are the 1st–15th and the 16th–end of the month', () => {
    const due = duePeriods({ ...base, kind: 'biweekly', activationDate: '2024-02-01', today: '2024-03-16' });
    expect(show(due)).toEqual(['2024-02-01..2024-02-15', '2024-02-16..2024-02-29', '2024-03-01..2024-03-15']);
  });
  it('generates the missing past periods, or only the latest when the tenant skips missing ones', () => {
    const covered = [{ start: '2023-11-01', end: '2023-11-30' }];
    const input = { ...base, kind: 'monthly' as const, activationDate: '2023-11-01', today: '2024-03-01', covered };
    expect(show(duePeriods(input))).toEqual([
      '2023-12-01..2023-12-31',
      '2024-01-01..2024-01-31',
      '2024-02-01..2024-02-29',
    ]);
    expect(show(duePeriods({ ...input, skipMissing: true }))).toEqual(['2024-02-01..2024-02-29']);
  });
  it('starts at the activation date: nothing before it, a partial first period', () => {
    const due = duePeriods({ ...base, kind: 'monthly', activationDate: '2024-02-10', today: '2024-03-01' });
    expect(show(due)).toEqual(['2024-02-10..2024-02-29']);
    expect(duePeriods({ ...base, kind: 'monthly', activationDate: '2024-03-01', today: '2024-03-01' })).toEqual([]);
  });
  it('after a switch from monthly to weekly, bills only the days no monthly invoice covered', () => {
    const covered = [{ start: '2024-01-01', end: '2024-01-31' }];
    const due = duePeriods({ ...base, kind: 'weekly', activationDate: '2024-01-01', today: '2024-02-12', covered });
    expect(show(due)).toEqual(['2024-02-01..2024-02-04', '2024-02-05..2024-02-11']);
  });
});

describe('uncovered parts of a period', () => {
  it('cuts covered stretches out of the middle and the ends', () => {
    const period = { start: '2024-03-01', end: '2024-03-31' };
    const covered = [
      { start: '2024-02-20', end: '2024-03-03' },
      { start: '2024-03-10', end: '2024-03-12' },
    ];
    expect(show(uncovered(period, covered))).toEqual(['2024-03-04..2024-03-09', '2024-03-13..2024-03-31']);
  });
  it('due periods never overlap what is covered, nor each other, and tile the rest exactly', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('weekly', 'biweekly', 'monthly' as const),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 40 })), { maxLength: 4 }),
        (kind, activationOffset, todayOffset, coveredOffsets) => {
          const activationDate = addDays('2024-01-01', activationOffset);
          const today = addDays(activationDate, todayOffset);
          const covered = coveredOffsets.map(([s, len]) => ({
            start: addDays('2024-01-01', s),
            end: addDays('2024-01-01', s + len),
          }));
          const due = duePeriods({ kind, activationDate, today, covered, skipMissing: false });
          const days = due.flatMap((p) => {
            const list: string[] = [];
            for (let d = p.start; d <= p.end; d = addDays(d, 1)) list.push(d);
            return list;
          });
          expect(new Set(days).size).toBe(days.length);
          for (const d of days) {
            expect(d >= activationDate && d < today).toBe(true);
            expect(covered.some((c) => c.start <= d && d <= c.end)).toBe(false);
          }
        },
      ),
    );
  });
});
