import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { addDays, compareDates, daysBetween, daysInMonth, isValidDate } from './dates.ts';

describe('isValidDate', () => {
  it.each(['2018-10-01', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (s) => {
    expect(isValidDate(s)).toBe(true);
  });

  it.each([
    '2018-02-29',
    '1900-02-29',
    '2018-04-31',
    '2018-13-01',
    '2018-00-10',
    '2018-01-00',
    '2018-1-1',
    '18-01-01',
    '2018-01-01T00:00',
    ' 2018-01-01',
    '2018/01/01',
    '0000-01-01',
    '+002018-01-01',
    '',
  ])('rejects %j', (s) => {
    expect(isValidDate(s)).toBe(false);
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2018-10-31', 1)).toBe('2018-11-01');
    expect(addDays('2018-12-31', 1)).toBe('2019-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', 0)).toBe('2024-03-01');
  });

  it('rejects bad input instead of guessing', () => {
    expect(() => addDays('2018-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2018-01-01', 1.5)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });

  it('is inverted by subtracting and agrees with daysBetween', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: -5_000, max: 5_000 }), (offset, days) => {
        const date = addDays('1970-01-01', offset);
        const moved = addDays(date, days);
        expect(addDays(moved, -days)).toBe(date);
        expect(daysBetween(date, moved)).toBe(days);
        expect(compareDates(moved, date)).toBe(Math.sign(days));
        expect(isValidDate(moved)).toBe(true);
      }),
    );
  });
});

describe('day arithmetic against Temporal', () => {
  const plain = (offset: number) => Temporal.PlainDate.from('0001-01-01').add({ days: offset });

  it('adds days and counts them as Temporal does over the whole supported range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3_652_058 }),
        fc.integer({ min: -800_000, max: 800_000 }),
        (offset, days) => {
          const from = plain(offset);
          const to = from.add({ days });
          if (to.year < 1 || to.year > 9999) {
            expect(() => addDays(from.toString(), days)).toThrow(RangeError);
            return;
          }
          expect(addDays(from.toString(), days)).toBe(to.toString());
          expect(daysBetween(from.toString(), to.toString())).toBe(from.until(to, { largestUnit: 'days' }).days);
          expect(daysInMonth(from.year, from.month)).toBe(from.daysInMonth);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('keeps the ends of the range', () => {
    expect(addDays('0001-01-01', 0)).toBe('0001-01-01');
    expect(() => addDays('0001-01-01', -1)).toThrow(RangeError);
    expect(addDays('9998-12-31', 1)).toBe('9999-01-01');
    expect(daysBetween('0001-01-01', '9999-12-31')).toBe(3_652_058);
    expect(daysBetween('1970-01-01', '1969-12-31')).toBe(-1);
  });
});
