import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatAmount, isCurrency, minorUnits, roundMoney, sumDec } from './currency.ts';
import { Dec } from './decimal.ts';

describe('isCurrency', () => {
  it('accepts ISO 4217 codes in uppercase only', () => {
    for (const code of ['EUR', 'USD', 'JPY', 'BHD', 'RUB', 'BRL']) expect(isCurrency(code)).toBe(true);
    for (const code of ['eur', 'Eur', 'EURO', 'EU', '', 'XYZ', ' EUR', 'E1R']) expect(isCurrency(code)).toBe(false);
  });
});

describe('minorUnits', () => {
  it('follows ISO 4217', () => {
    expect(minorUnits('EUR')).toBe(2);
    expect(minorUnits('JPY')).toBe(0);
    expect(minorUnits('BHD')).toBe(3);
    expect(minorUnits('EUR')).toBe(2); // served from the cache
  });

  it('throws for unknown codes instead of guessing', () => {
    expect(() => minorUnits('XYZ')).toThrow(RangeError);
    expect(() => minorUnits('eur')).toThrow(RangeError);
  });
});

describe('roundMoney and formatAmount', () => {
  it('rounds half-up to minor units by default', () => {
    expect(roundMoney('10.005', 'EUR').toFixed()).toBe('10.01');
    expect(roundMoney('-10.005', 'EUR').toFixed()).toBe('-10.01');
    expect(roundMoney('10.005', 'EUR', 'half_even').toFixed()).toBe('10');
    expect(roundMoney(new Dec('99.5'), 'JPY').toFixed()).toBe('100');
  });

  it('formats with the fixed number of minor digits', () => {
    expect(formatAmount('12.3', 'EUR')).toBe('12.30');
    expect(formatAmount('-5', 'EUR')).toBe('-5.00');
    expect(formatAmount('100', 'JPY')).toBe('100');
    expect(formatAmount('99.5', 'JPY')).toBe('100');
    expect(formatAmount('1.25', 'BHD')).toBe('1.250');
    expect(formatAmount('0.0004', 'BHD')).toBe('0.000');
    expect(formatAmount('-0.001', 'EUR')).toBe('0.00');
    expect(formatAmount('123456789012345678.123456', 'EUR')).toBe('123456789012345678.12');
  });

  it('rejects malformed amounts', () => {
    expect(() => formatAmount('1e3', 'EUR')).toThrow(RangeError);
    expect(() => roundMoney('', 'EUR')).toThrow(RangeError);
  });

  it('formats every 6-decimal amount as a string that parses back to the rounded value', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.constantFrom('EUR', 'JPY', 'BHD'),
        (raw, currency) => {
          const value = new Dec(raw.toString()).dividedBy(1_000_000);
          const text = formatAmount(value, currency);
          const digits = minorUnits(currency);
          expect(text).toMatch(digits === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${digits}}$`));
          expect(new Dec(text).equals(roundMoney(value, currency))).toBe(true);
        },
      ),
    );
  });

  it('sums exactly', () => {
    expect(sumDec([]).toFixed()).toBe('0');
    expect(sumDec([new Dec('0.1'), new Dec('0.2')]).toFixed()).toBe('0.3');
  });
});

describe('minor units follow ISO 4217 where the runtime display data differs', () => {
  it('IQD has 3, HUF and IDR have 2', () => {
    expect(minorUnits('IQD')).toBe(3);
    expect(minorUnits('HUF')).toBe(2);
    expect(minorUnits('IDR')).toBe(2);
  });
});
