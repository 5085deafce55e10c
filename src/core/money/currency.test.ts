import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  ISO_LIST_DATE,
  NOT_MONEY,
  PUBLISHED_SINCE_LIST,
  currencyCodes,
  formatAmount,
  isCurrency,
  minorUnits,
  roundMoney,
  sumDec,
} from './currency.ts';
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

describe('the currency table is ISO 4217 list one', () => {
  // The list as ISO publishes it (XML), shipped inside the same package: every active code, read
  // independently of the package's own JavaScript table.
  const xml = readFileSync(createRequire(import.meta.url).resolve('currency-codes/iso-4217-list-one.xml'), 'utf8');
  const listed = new Map<string, string>();
  for (const entry of xml.matchAll(/<CcyNtry>([\s\S]*?)<\/CcyNtry>/g)) {
    const code = /<Ccy>([A-Z]{3})<\/Ccy>/.exec(entry[1]!)?.[1];
    const units = /<CcyMnrUnts>([^<]*)<\/CcyMnrUnts>/.exec(entry[1]!)?.[1];
    if (code && units) listed.set(code, units);
  }

  it('gives every active code the minor units ISO 4217 gives it', () => {
    expect(listed.size).toBeGreaterThan(170);
    for (const [code, units] of listed) {
      if (units === 'N.A.') {
        expect(isCurrency(code), code).toBe(false);
        expect(NOT_MONEY.has(code), code).toBe(true);
      } else {
        expect(isCurrency(code), code).toBe(true);
        expect(minorUnits(code), code).toBe(Number(units));
      }
    }
    expect(currencyCodes()).toEqual(
      [...[...listed].filter(([, u]) => u !== 'N.A.').map(([c]) => c), ...Object.keys(PUBLISHED_SINCE_LIST)].sort(),
    );
  });

  it('has AFN and KPW at 2 decimals, IQD at 3, CLF at 4, JPY at 0', () => {
    expect(['AFN', 'KPW', 'IQD', 'CLF', 'JPY', 'HUF', 'IDR'].map(minorUnits)).toEqual([2, 2, 3, 4, 0, 2, 2]);
    expect(formatAmount('1234.5', 'AFN')).toBe('1234.50');
  });

  it('adds only amendments newer than the package, and drops them once the package has them', () => {
    expect(ISO_LIST_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const code of Object.keys(PUBLISHED_SINCE_LIST)) expect(listed.has(code), code).toBe(false);
    expect(minorUnits('XCG')).toBe(2);
  });

  it('refuses withdrawn codes and units of account that are not money', () => {
    for (const code of ['HRK', 'ZWL', 'XAU', 'XXX', 'XTS']) expect(isCurrency(code), code).toBe(false);
  });
});
