import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../time/dates.ts';
import { formatNumber, nextValue, resetKey, SEQUENCE_RESETS, type SequenceFormat } from './sequence.ts';

const base: SequenceFormat = { prefix: 'TEST', padding: 4, increment: 1, start: 1, reset: 'never', pattern: null };

describe('resetKey', () => {
  it('partitions counters by reset period', () => {
    expect(resetKey({ reset: 'never' }, '2024-03-15')).toBe('');
    expect(resetKey({ reset: 'yearly' }, '2024-03-15')).toBe('2024');
    expect(resetKey({ reset: 'monthly' }, '2024-03-15')).toBe('2024-03');
  });

  it('rejects invalid issue dates and resets', () => {
    expect(() => resetKey({ reset: 'yearly' }, '2024-02-30')).toThrow(RangeError);
    expect(() => resetKey({ reset: 'daily' as 'never' }, '2024-02-01')).toThrow(RangeError);
  });
});

describe('nextValue', () => {
  it('starts at start and advances by increment', () => {
    expect(nextValue({ start: 100, increment: 10 }, null)).toBe(100);
    expect(nextValue({ start: 100, increment: 10 }, 100)).toBe(110);
    expect(nextValue({ start: 0, increment: 1 }, null)).toBe(0);
  });

  it('refuses to overflow into imprecise integers', () => {
    expect(() => nextValue({ start: 1, increment: 2 }, Number.MAX_SAFE_INTEGER - 1)).toThrow(RangeError);
  });
});

describe('formatNumber', () => {
  it('pads the value after the prefix without a pattern', () => {
    expect(formatNumber(base, 1, '2024-03-15')).toBe('TEST0001');
    expect(formatNumber(base, 123456, '2024-03-15')).toBe('TEST123456');
    expect(formatNumber({ ...base, padding: 0, prefix: '' }, 7, '2024-03-15')).toBe('7');
    expect(formatNumber({ ...base, pattern: '' }, 2, '2024-03-15')).toBe('TEST0002');
  });

  it('expands pattern tokens from the issue date', () => {
    expect(formatNumber({ ...base, pattern: 'INV-{YYYY}-{SEQ}' }, 1, '2024-03-05')).toBe('INV-2024-0001');
    expect(formatNumber({ ...base, pattern: '{PREFIX}/{YY}{MM}{DD}/{SEQ}' }, 42, '2024-03-05')).toBe(
      'TEST/240305/0042',
    );
    expect(formatNumber({ ...base, pattern: '{SEQ} {seq} {YYY} {' }, 3, '2024-03-05')).toBe('0003 {seq} {YYY} {');
  });

  it('does not expand tokens that come from the prefix', () => {
    expect(formatNumber({ ...base, prefix: '{SEQ}', pattern: '{PREFIX}-{SEQ}' }, 1, '2024-03-05')).toBe('{SEQ}-0001');
  });

  it('rejects negative or fractional values and bad dates', () => {
    expect(() => formatNumber(base, -1, '2024-03-05')).toThrow(RangeError);
    expect(() => formatNumber(base, 1.5, '2024-03-05')).toThrow(RangeError);
    expect(() => formatNumber(base, 1, '05/03/2024')).toThrow(RangeError);
  });
});

const literal = fc.string({ maxLength: 4 });
const token = fc.constantFrom('{PREFIX}', '{YYYY}', '{YY}', '{MM}', '{DD}', '{SEQ}');
const pattern = fc
  .tuple(fc.array(fc.oneof(literal, token), { maxLength: 5 }), fc.array(fc.oneof(literal, token), { maxLength: 5 }))
  .map(([before, after]) => [...before, '{SEQ}', ...after].join(''));
const format: fc.Arbitrary<SequenceFormat> = fc.record({
  prefix: fc.string({ maxLength: 6 }),
  padding: fc.integer({ min: 0, max: 20 }),
  increment: fc.integer({ min: 1, max: 1000 }),
  start: fc.integer({ min: 0, max: 100_000 }),
  reset: fc.constantFrom(...SEQUENCE_RESETS),
  pattern: fc.option(pattern, { nil: null }),
});
const issueDate = fc.integer({ min: 0, max: 365 * 30 }).map((d) => addDays('2010-01-01', d));

describe('uniqueness within a reset period', () => {
  it('consecutive values issued in one partition give distinct numbers', () => {
    fc.assert(
      fc.property(format, fc.array(issueDate, { minLength: 1, maxLength: 40 }), (f, dates) => {
        // Only the issue dates in the first date's partition, in order, as one counter row sees them.
        const key = resetKey(f, dates[0]);
        const sameKey = dates.filter((d) => resetKey(f, d) === key).sort();
        let value: number | null = null;
        const seen = new Set<string>();
        for (const date of sameKey) {
          value = nextValue(f, value);
          const number = formatNumber(f, value, date);
          expect(seen.has(number)).toBe(false);
          seen.add(number);
        }
      }),
    );
  });

  it('distinct values never print the same number, whatever the issue dates', () => {
    fc.assert(
      fc.property(format, fc.nat(10_000_000), fc.nat(10_000_000), issueDate, issueDate, (f, a, b, d1, d2) => {
        fc.pre(a !== b);
        expect(formatNumber(f, a, d1)).not.toBe(formatNumber(f, b, d2));
      }),
    );
  });
});
