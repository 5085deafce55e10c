import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RateInput } from './compiled-rate.ts';
import { RateTableError } from './compiled-rate.ts';
import { compileRates } from './compile-rates.ts';

function input(prefix: string, overrides: Partial<RateInput> = {}): RateInput {
  return {
    prefix,
    pricePerMinute: '0.010000',
    connectionFee: '0',
    minimumSeconds: 0,
    incrementSeconds: 1,
    ...overrides,
  };
}

function issuesOf(rates: RateInput[]): RateTableError['issues'] {
  try {
    compileRates(rates);
  } catch (error) {
    if (error instanceof RateTableError) return error.issues;
    throw error;
  }
  throw new Error('expected compileRates to throw');
}

describe('compileRates', () => {
  it('converts decimal strings to micro-units and keeps the rules', () => {
    const table = compileRates([
      input('35567', {
        pricePerMinute: '0.123456',
        connectionFee: '0.05',
        minimumSeconds: 30,
        incrementSeconds: 6,
        destinationName: ' Albania mobile ',
      }),
    ]);
    expect(table.size).toBe(1);
    expect(table.match('35567')).toEqual({
      prefix: '35567',
      pricePerMinuteMicro: 123_456,
      connectionFeeMicro: 50_000,
      minimumSeconds: 30,
      incrementSeconds: 6,
      destinationName: 'Albania mobile',
    });
  });

  it('normalises prefixes the way callees are normalised', () => {
    const table = compileRates([input('+355 67', { destinationName: '' })]);
    expect(table.match('355671234567')?.prefix).toBe('35567');
    expect(table.match('355671234567')?.destinationName).toBeNull();
  });

  it('refuses duplicate prefixes, also when they differ only in notation', () => {
    const issues = issuesOf([input('355'), input('35567'), input('+355')]);
    expect(issues).toEqual([
      { index: 2, field: 'prefix', code: 'DUPLICATE_PREFIX', message: 'prefix 355 already defined by row 0' },
    ]);
  });

  it('reports every problem of every row at once', () => {
    const issues = issuesOf([
      input('', { pricePerMinute: '-1' }),
      input('34a', { connectionFee: '0.1234567', minimumSeconds: -1, incrementSeconds: 0 }),
      input('1'.repeat(33), { minimumSeconds: 1.5, incrementSeconds: 86_401 }),
      input('44', { destinationName: 7 as unknown as string }),
    ]);
    expect(issues.map((issue) => `${issue.index}:${issue.field}:${issue.code}`)).toEqual([
      '0:prefix:INVALID_PREFIX',
      '0:pricePerMinute:INVALID_AMOUNT',
      '1:prefix:INVALID_PREFIX',
      '1:connectionFee:INVALID_AMOUNT',
      '1:minimumSeconds:INVALID_SECONDS',
      '1:incrementSeconds:INVALID_SECONDS',
      '2:prefix:INVALID_PREFIX',
      '2:minimumSeconds:INVALID_SECONDS',
      '2:incrementSeconds:INVALID_SECONDS',
      '3:destinationName:INVALID_NAME',
    ]);
  });

  it('refuses amounts that are not strings, since numbers may already be inexact floats', () => {
    const issues = issuesOf([input('34', { pricePerMinute: 0.1 as unknown as string })]);
    expect(issues[0].code).toBe('INVALID_AMOUNT');
  });

  it('names the first issue in the error message', () => {
    expect(() => compileRates([input('x'), input('y')])).toThrow(/row 0 prefix: must be 1-32 digits \(and 1 more\)/);
  });

  it('builds an empty table from no rates', () => {
    const table = compileRates([]);
    expect(table.size).toBe(0);
    expect(table.match('34600000000')).toBeUndefined();
  });
});

describe('PrefixTable.match', () => {
  const table = compileRates([
    input('355', { destinationName: 'Albania' }),
    input('35567', { destinationName: 'Albania mobile' }),
    input('3556', { destinationName: 'Albania 6' }),
    input('1'),
  ]);

  it('returns the longest matching prefix', () => {
    expect(table.match('355671234567')?.destinationName).toBe('Albania mobile');
    expect(table.match('355681234567')?.destinationName).toBe('Albania 6');
    expect(table.match('355421234567')?.destinationName).toBe('Albania');
    expect(table.match('35567')?.destinationName).toBe('Albania mobile');
  });

  it('does not match a number shorter than every prefix on its path or with no prefix at all', () => {
    expect(table.match('35')).toBeUndefined();
    expect(table.match('44')).toBeUndefined();
    expect(table.match('')).toBeUndefined();
  });

  it('stops at the first non-digit', () => {
    expect(table.match('355x67')?.destinationName).toBe('Albania');
    expect(table.match('+35567')).toBeUndefined();
  });

  it('agrees with a naive longest-prefix search on random tables', () => {
    const digits = (maxLength: number) =>
      fc.array(fc.constantFrom(...'0123456789'), { minLength: 1, maxLength }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(
        fc.uniqueArray(digits(5), { maxLength: 60 }),
        fc.array(digits(8), { maxLength: 30 }),
        (prefixes, numbers) => {
          const random = compileRates(prefixes.map((prefix) => input(prefix)));
          for (const number of numbers) {
            const naive = prefixes.filter((prefix) => number.startsWith(prefix)).sort((a, b) => b.length - a.length)[0];
            expect(random.match(number)?.prefix).toBe(naive);
          }
        },
      ),
    );
  });

  it('lists its rates in input order', () => {
    expect(table.rates().map((rate) => rate.prefix)).toEqual(['355', '35567', '3556', '1']);
  });
});
