import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Dec, decimalToString, isRoundingMode, parseDecimal, roundTo, toDec, type RoundingMode } from './decimal.ts';

const round = (v: string, places: number, mode?: RoundingMode): string => roundTo(new Dec(v), places, mode).toFixed();

describe('roundTo', () => {
  it('rounds ties away from zero by default', () => {
    expect(round('1.005', 2)).toBe('1.01');
    expect(round('-1.005', 2)).toBe('-1.01');
    expect(round('2.5', 0)).toBe('3');
  });

  it('supports each rounding mode', () => {
    expect(round('2.5', 0, 'half_even')).toBe('2');
    expect(round('3.5', 0, 'half_even')).toBe('4');
    expect(round('1.999', 2, 'down')).toBe('1.99');
    expect(round('-1.999', 2, 'down')).toBe('-1.99');
    expect(round('1.001', 2, 'up')).toBe('1.01');
    expect(round('-1.001', 2, 'up')).toBe('-1.01');
  });

  it('never returns negative zero', () => {
    expect(roundTo(new Dec('-0.001'), 2).isNegative()).toBe(false);
  });

  it('rejects invalid places', () => {
    expect(() => roundTo(new Dec(1), -1)).toThrow(RangeError);
    expect(() => roundTo(new Dec(1), 1.5)).toThrow(RangeError);
  });

  it('is symmetric around zero and moves a value by less than one unit', () => {
    const modes: RoundingMode[] = ['half_up', 'half_even', 'down', 'up'];
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom(...modes),
        (raw, places, mode) => {
          const value = new Dec(raw.toString()).dividedBy(1_000_000);
          const rounded = roundTo(value, places, mode);
          expect(roundTo(value.negated(), places, mode).plus(rounded).isZero()).toBe(true);
          expect(rounded.minus(value).abs().lessThan(new Dec(10).pow(-places))).toBe(true);
          expect(rounded.decimalPlaces()).toBeLessThanOrEqual(places);
        },
      ),
    );
  });
});

describe('parseDecimal', () => {
  it('accepts the strict decimal grammar', () => {
    expect(parseDecimal('12')?.toFixed()).toBe('12');
    expect(parseDecimal('-1.50')?.toFixed()).toBe('-1.5');
    expect(parseDecimal('007.25')?.toFixed()).toBe('7.25');
    expect(parseDecimal('-0')?.isNegative()).toBe(false);
  });

  it.each(['', ' 1', '1 ', '.5', '5.', '+1', '1e3', 'NaN', 'Infinity', '0x10', '1,5', '--1', '1.2.3'])(
    'rejects %j',
    (s) => {
      expect(parseDecimal(s)).toBeNull();
      expect(() => toDec(s)).toThrow(RangeError);
    },
  );
});

describe('helpers', () => {
  it('recognizes rounding modes', () => {
    expect(isRoundingMode('half_even')).toBe(true);
    expect(isRoundingMode('HALF_UP')).toBe(false);
  });

  it('prints without exponent or trailing zeros', () => {
    expect(decimalToString(new Dec('1e30'))).toBe('1000000000000000000000000000000');
    expect(decimalToString(new Dec('21.50'))).toBe('21.5');
    expect(decimalToString(new Dec('-0'))).toBe('0');
  });
});
