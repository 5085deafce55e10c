import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { dueChargePeriods, productPeriodContaining, prorate, type RecurringTerms } from './charge-periods.ts';
import { addDays } from '../time/dates.ts';

const february2024 = { start: '2024-02-01', end: '2024-02-29' };
const march2024 = { start: '2024-03-01', end: '2024-03-31' };
const summary = (terms: RecurringTerms, invoice: { start: string; end: string }, horizon: string) =>
  dueChargePeriods(terms, invoice, horizon).map((c) => `${c.period.start} ${c.activeDays}/${c.periodDays}`);

describe('product periods follow the calendar', () => {
  it.each([
    ['month', '2024-02-17', '2024-02-01', '2024-02-29'],
    ['quarter', '2024-05-31', '2024-04-01', '2024-06-30'],
    ['year', '2023-12-31', '2023-01-01', '2023-12-31'],
  ] as const)('the %s of %s is %s..%s', (kind, date, start, end) => {
    expect(productPeriodContaining(kind, date)).toEqual({ start, end });
  });

  it('contains the date and spans whole calendar months, as Temporal counts them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3_652_058 }),
        fc.constantFrom('month', 'quarter', 'year' as const),
        (offset, kind) => {
          const day = Temporal.PlainDate.from('0001-01-01').add({ days: offset });
          const months = { month: 1, quarter: 3, year: 12 }[kind];
          const first = Temporal.PlainDate.from({
            year: day.year,
            month: day.month - ((day.month - 1) % months),
            day: 1,
          });
          expect(productPeriodContaining(kind, day.toString())).toEqual({
            start: first.toString(),
            end: first
              .add({ months: months - 1 })
              .with({ day: 31 })
              .toString(),
          });
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

describe('a subscription that starts mid-month in a leap February', () => {
  const arrears: RecurringTerms = { kind: 'month', timing: 'in_arrears', active: [{ start: '2024-02-10', end: null }] };
  it('in arrears, February is billed for 20 of 29 days and 30.00 becomes 20.69', () => {
    const due = dueChargePeriods(arrears, february2024, '2024-03-31');
    expect(summary(arrears, february2024, '2024-03-31')).toEqual(['2024-02-01 20/29']);
    expect(prorate('30.00', due[0]!, 2).toFixed(2)).toBe('20.69');
  });
  it('in arrears, March is not due on the February invoice but on the March one', () => {
    expect(summary(arrears, march2024, '2024-04-30')).toEqual(['2024-02-01 20/29', '2024-03-01 31/31']);
  });
  it('in advance, the February invoice catches up February and bills March beforehand', () => {
    const advance: RecurringTerms = { ...arrears, timing: 'in_advance' };
    expect(summary(advance, february2024, '2024-03-31')).toEqual(['2024-02-01 20/29', '2024-03-01 31/31']);
  });
});

describe('a subscription that ends mid-month', () => {
  const terms: RecurringTerms = {
    kind: 'month',
    timing: 'in_arrears',
    active: [{ start: '2024-01-01', end: '2024-03-12' }],
  };
  it('is billed for its last 12 days of March with the March invoice, and nothing after', () => {
    expect(summary(terms, march2024, '2024-04-30').at(-1)).toBe('2024-03-01 12/31');
    expect(summary(terms, { start: '2024-04-01', end: '2024-04-30' }, '2024-05-31').length).toBe(3);
  });
  it('in arrears it is due with the invoice of the period it ends in, even before the month ends', () => {
    const early = { start: '2024-03-01', end: '2024-03-15' };
    expect(summary(terms, early, '2024-03-31').at(-1)).toBe('2024-03-01 12/31');
  });
});

it('a suspension leaves its days out of the fraction', () => {
  const terms: RecurringTerms = {
    kind: 'month',
    timing: 'in_arrears',
    active: [
      { start: '2024-03-01', end: '2024-03-10' },
      { start: '2024-03-21', end: null },
    ],
  };
  expect(summary(terms, march2024, '2024-04-30')).toEqual(['2024-03-01 21/31']);
});

it('a quarterly product in advance is billed with the invoice before its quarter starts', () => {
  const terms: RecurringTerms = { kind: 'quarter', timing: 'in_advance', active: [{ start: '2024-01-01', end: null }] };
  expect(summary(terms, february2024, '2024-03-31')).toEqual(['2024-01-01 91/91']);
  expect(summary(terms, march2024, '2024-04-30')).toEqual(['2024-01-01 91/91', '2024-04-01 91/91']);
});

it('the fractions of consecutive parts of a period add up to the whole period', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 3000 }),
      fc.constantFrom('month', 'quarter', 'year' as const),
      fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 6 }),
      (offset, kind, lengths) => {
        const start = addDays('2023-01-01', offset);
        const period = productPeriodContaining(kind, start);
        // Cut the product period into consecutive subscriptions and add up their active days.
        let cursor = period.start;
        let total = 0;
        for (const length of [...lengths, 400]) {
          if (cursor > period.end) break;
          const end = addDays(cursor, length - 1);
          const terms: RecurringTerms = { kind, timing: 'in_arrears', active: [{ start: cursor, end }] };
          const due = dueChargePeriods(terms, { start: period.start, end: period.end }, period.end);
          total += due.find((c) => c.period.start === period.start)?.activeDays ?? 0;
          cursor = addDays(end, 1);
        }
        const whole = dueChargePeriods(
          { kind, timing: 'in_arrears', active: [{ start: period.start, end: null }] },
          period,
          period.end,
        );
        return total === whole[0]!.periodDays && whole[0]!.activeDays === whole[0]!.periodDays;
      },
    ),
  );
});
