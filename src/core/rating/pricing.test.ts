import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompiledRate } from './compiled-rate.ts';
import { formatMicro } from './micro-units.ts';
import { billableSeconds, priceMicro } from './pricing.ts';

// A private Decimal with ample precision: the reference computation must not round early.
const Exact = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

function rate(
  pricePerMinuteMicro: number,
  connectionFeeMicro: number,
  minimumSeconds = 0,
  incrementSeconds = 1,
): CompiledRate {
  return {
    prefix: '34',
    pricePerMinuteMicro,
    connectionFeeMicro,
    minimumSeconds,
    incrementSeconds,
    destinationName: null,
  };
}

/** The formula of DESIGN.md computed in decimals from the decimal strings, as a reviewer would. */
function referencePrice(perMinute: string, fee: string, billable: number): string {
  if (billable === 0) return '0.000000';
  const time = new Exact(perMinute).times(billable).dividedBy(60).toDecimalPlaces(6, Decimal.ROUND_HALF_UP);
  return new Exact(fee).plus(time).toFixed(6);
}

describe('billableSeconds', () => {
  it.each([
    [61, 60, 60, 120],
    [60, 60, 60, 60],
    [1, 60, 60, 60],
    [5, 30, 6, 30],
    [30, 30, 6, 30],
    [31, 30, 6, 36],
    [61, 1, 1, 61],
    [61, 0, 1, 61],
    [5, 30, 7, 35],
    [1, 0, 60, 60],
  ])('%i s with minimum %i and increment %i bills %i s', (duration, minimum, increment, billable) => {
    expect(billableSeconds(duration, minimum, increment)).toBe(billable);
  });

  it('bills nothing for a 0-second call, whatever the minimum', () => {
    expect(billableSeconds(0, 60, 60)).toBe(0);
    expect(billableSeconds(0, 0, 1)).toBe(0);
  });

  it.each([
    [-1, 0, 1],
    [1.5, 0, 1],
    [Number.NaN, 0, 1],
    [10, -1, 1],
    [10, 0, 0],
    [10, 0, 0.5],
  ])('refuses duration %d, minimum %d, increment %d', (duration, minimum, increment) => {
    expect(() => billableSeconds(duration, minimum, increment)).toThrow(RangeError);
  });

  it('is a whole number of increments, never below the duration or the minimum, and less than one increment above both', () => {
    fc.assert(
      fc.property(
        fc.nat(1_000_000),
        fc.nat(3600),
        fc.integer({ min: 1, max: 3600 }),
        (duration, minimum, increment) => {
          const billable = billableSeconds(duration, minimum, increment);
          if (duration === 0) return billable === 0;
          const floor = Math.max(duration, minimum);
          return billable % increment === 0 && billable >= floor && billable - floor < increment;
        },
      ),
    );
  });
});

describe('priceMicro', () => {
  it('adds the connection fee once to per-second time', () => {
    // 0.012 per minute, 0.05 fee, 90 s per-second: 0.05 + 0.018 = 0.068
    expect(priceMicro(rate(12_000, 50_000), 90)).toBe(68_000);
  });

  it('charges nothing, not even the connection fee, for a 0-second call', () => {
    expect(priceMicro(rate(12_000, 50_000, 30, 6), 0)).toBe(0);
  });

  it('applies minimum and increment before pricing', () => {
    // 1.20 per minute, 30/6, 5 s -> 30 s -> 0.60; 31 s -> 36 s -> 0.72
    expect(priceMicro(rate(1_200_000, 0, 30, 6), 5)).toBe(600_000);
    expect(priceMicro(rate(1_200_000, 0, 30, 6), 31)).toBe(720_000);
  });

  it('rounds the time part half up to a whole micro-unit', () => {
    // 0.000030 per minute for 1 s = 0.5 micro -> 1; 0.000029 -> 0.4833 -> 0
    expect(priceMicro(rate(30, 0), 1)).toBe(1);
    expect(priceMicro(rate(29, 0), 1)).toBe(0);
    expect(priceMicro(rate(90, 0), 1)).toBe(2);
  });

  it('keeps 0.1 + 0.2 style values exact', () => {
    // In floats 0.1 + 0.2 = 0.30000000000000004; fee 0.1 plus 60 s at 0.2 must be exactly 0.3.
    expect(priceMicro(rate(200_000, 100_000), 60)).toBe(300_000);
    // 0.7 per minute for 3 s is 0.035 exactly; 0.035 is not a float, so 3 * 0.7 / 60 drifts.
    expect(priceMicro(rate(700_000, 0), 3)).toBe(35_000);
    expect(formatMicro(priceMicro(rate(333_333, 111_111), 7))).toBe(referencePrice('0.333333', '0.111111', 7));
  });

  it('stays exact beyond the safe-integer product through the BigInt path', () => {
    // 9,000 per minute for 10^7 s: product 9e9 * 1e7 = 9e16 > 2^53.
    const big = rate(9_000_000_000, 0);
    expect(priceMicro(big, 10_000_000)).toBe(1_500_000_000_000_000);
    const odd = rate(8_999_999_999, 1);
    expect(formatMicro(priceMicro(odd, 1_000_003))).toBe(referencePrice('8999.999999', '0.000001', 1_000_003));
  });

  it('equals a decimal.js ROUND_HALF_UP computation of the same formula', () => {
    const money = fc.oneof(fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 100_000_000 }));
    fc.assert(
      fc.property(
        money,
        money,
        fc.nat(7_200),
        fc.nat(120),
        fc.integer({ min: 1, max: 120 }),
        (perMinuteMicro, feeMicro, duration, minimum, increment) => {
          const compiled = rate(perMinuteMicro, feeMicro, minimum, increment);
          const billable = billableSeconds(duration, minimum, increment);
          const expected = referencePrice(formatMicro(perMinuteMicro), formatMicro(feeMicro), billable);
          expect(formatMicro(priceMicro(compiled, duration))).toBe(expected);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
