import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { divHalfUp, microFromString, microToString, mulExact } from './micro.ts';

/** Reference implementation in BigInt: round half away from zero. */
function bigDivHalfUp(a: bigint, b: bigint): bigint {
  const negative = a < 0n !== b < 0n;
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  const q = (2n * absA + absB) / (2n * absB);
  return negative ? -q : q;
}

const safeInt = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

describe('microFromString', () => {
  it('parses exact decimal strings', () => {
    expect(microFromString('0.123456')).toBe(123456);
    expect(microFromString('12')).toBe(12_000_000);
    expect(microFromString('-1.5')).toBe(-1_500_000);
    expect(microFromString('-0.000001')).toBe(-1);
    expect(microFromString('1.50000000')).toBe(1_500_000);
    expect(Object.is(microFromString('-0'), 0)).toBe(true);
    expect(microFromString('9007199254.740991')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each(['0.1234567', '.5', '5.', '+1', '1e3', ' 1', '', 'abc', '9007199254.740992', '99999999999'])(
    'rejects %j',
    (s) => {
      expect(microFromString(s)).toBeNull();
    },
  );
});

describe('microToString', () => {
  it('always prints six decimals', () => {
    expect(microToString(123456)).toBe('0.123456');
    expect(microToString(0)).toBe('0.000000');
    expect(microToString(-1)).toBe('-0.000001');
    expect(microToString(12_000_000)).toBe('12.000000');
  });

  it('rejects non-integers', () => {
    expect(() => microToString(1.5)).toThrow(RangeError);
    expect(() => microToString(2 ** 53)).toThrow(RangeError);
  });

  it('round-trips every safe integer', () => {
    fc.assert(
      fc.property(safeInt, (n) => {
        expect(microFromString(microToString(n))).toBe(n);
      }),
    );
  });
});

describe('divHalfUp', () => {
  it('rounds ties away from zero', () => {
    expect(divHalfUp(5, 2)).toBe(3);
    expect(divHalfUp(-5, 2)).toBe(-3);
    expect(divHalfUp(5, -2)).toBe(-3);
    expect(divHalfUp(-5, -2)).toBe(3);
    expect(divHalfUp(4, 3)).toBe(1);
    expect(Object.is(divHalfUp(1, -3), 0)).toBe(true);
    expect(divHalfUp(Number.MAX_SAFE_INTEGER, 1)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('rejects zero divisors and unsafe operands', () => {
    expect(() => divHalfUp(1, 0)).toThrow(RangeError);
    expect(() => divHalfUp(2 ** 53, 3)).toThrow(RangeError);
    expect(() => divHalfUp(1.5, 3)).toThrow(RangeError);
  });

  it('agrees with an exact BigInt reference for all safe integers', () => {
    const divisor = safeInt.filter((b) => b !== 0);
    fc.assert(
      fc.property(
        safeInt,
        fc.oneof(
          divisor,
          fc.integer({ min: -1000, max: 1000 }).filter((b) => b !== 0),
        ),
        (a, b) => {
          expect(BigInt(divHalfUp(a, b))).toBe(bigDivHalfUp(BigInt(a), BigInt(b)));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('mulExact', () => {
  it('multiplies within the safe range and throws beyond it', () => {
    expect(mulExact(1_000_000, 3)).toBe(3_000_000);
    expect(Object.is(mulExact(-5, 0), 0)).toBe(true);
    expect(() => mulExact(2 ** 30, 2 ** 30)).toThrow(RangeError);
  });
});
