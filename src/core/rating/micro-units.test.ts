import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigDivHalfUp, divHalfUp, formatMicro, parseNonNegativeMicro } from './micro-units.ts';

describe('parseNonNegativeMicro', () => {
  it.each([
    ['0', 0],
    ['1', 1_000_000],
    ['0.1', 100_000],
    ['0.2', 200_000],
    ['0.000001', 1],
    ['12.345678', 12_345_678],
    ['007.50', 7_500_000],
    ['0.10000000', 100_000],
    ['9007199254.740991', Number.MAX_SAFE_INTEGER],
  ])('parses %s exactly', (text, micro) => {
    expect(parseNonNegativeMicro(text)).toBe(micro);
  });

  it.each([
    '',
    ' 1',
    '1 ',
    '-1',
    '+1',
    '.5',
    '1.',
    '1e3',
    '0.0000001',
    '0.12345671',
    '1,5',
    'NaN',
    '9007199254.740992',
    '10000000000',
  ])('refuses %j', (text) => {
    expect(parseNonNegativeMicro(text)).toBeUndefined();
  });

  it('round-trips every micro value through formatMicro', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (micro) => {
        expect(parseNonNegativeMicro(formatMicro(micro))).toBe(micro);
      }),
    );
  });
});

describe('divHalfUp', () => {
  it('rounds halves up and the rest to nearest', () => {
    expect(divHalfUp(29, 60)).toBe(0);
    expect(divHalfUp(30, 60)).toBe(1);
    expect(divHalfUp(89, 60)).toBe(1);
    expect(divHalfUp(90, 60)).toBe(2);
    expect(divHalfUp(0, 7)).toBe(0);
  });

  it('agrees with BigInt arithmetic across the whole safe range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (numerator, divisor) => {
          expect(BigInt(divHalfUp(numerator, divisor))).toBe(bigDivHalfUp(BigInt(numerator), BigInt(divisor)));
        },
      ),
    );
  });

  it('is exact where a float floor would go wrong', () => {
    // 2^53 - 1 over 60: Math.round(n / 60) loses the remainder; ours matches BigInt.
    const n = Number.MAX_SAFE_INTEGER;
    expect(BigInt(divHalfUp(n, 60))).toBe(bigDivHalfUp(BigInt(n), 60n));
  });
});

describe('formatMicro', () => {
  it('writes six decimals, with sign', () => {
    expect(formatMicro(0)).toBe('0.000000');
    expect(formatMicro(1)).toBe('0.000001');
    expect(formatMicro(12_345_678)).toBe('12.345678');
    expect(formatMicro(-1_500_000)).toBe('-1.500000');
  });
});
