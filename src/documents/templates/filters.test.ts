import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoDocumentView } from '../view.ts';
import { currencyCodes, minorUnits as currencyMinorUnits } from '../../core/money/currency.ts';
import { formatDayMonthYear, formatDecimal, formatDuration, formatMoney, minorUnits } from './filters.ts';
import { renderTemplate, validateTemplate } from './render.ts';

describe('formatMoney', () => {
  it.each([
    ['1234.5', 'EUR', 'en', '1,234.50 EUR'],
    ['1234.5', 'EUR', 'ru', '1 234,50 EUR'],
    ['0', 'EUR', 'en', '0.00 EUR'],
    ['-1234567.891', 'USD', 'en', '-1,234,567.891 USD'],
    ['-0.00', 'EUR', 'en', '0.00 EUR'],
    ['0.012000', 'EUR', 'en', '0.012 EUR'],
    ['1000000', 'JPY', 'en', '1,000,000 JPY'],
    ['12.5', 'BHD', 'ru', '12,500 BHD'],
    ['999', 'EUR', 'ru', '999,00 EUR'],
    ['0012.30', 'EUR', 'en', '12.30 EUR'],
    ['123456789012345678901234.99', 'EUR', 'en', '123,456,789,012,345,678,901,234.99 EUR'],
  ])('%s %s (%s) → %s', (value, currency, locale, expected) => {
    expect(formatMoney(value, currency, locale as 'en' | 'ru')).toBe(expected);
  });

  it('omits the currency when none is given', () => {
    expect(formatMoney('1234.5')).toBe('1,234.50');
  });

  it('leaves nulls empty and non-decimals untouched', () => {
    expect(formatMoney(null, 'EUR')).toBe('');
    expect(formatMoney(undefined, 'EUR')).toBe('');
    expect(formatDecimal('12,50', 2)).toBe('12,50');
    expect(formatDecimal('1e5', 2)).toBe('1e5');
  });

  it('never changes the value, only its presentation (property)', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.nat({ max: 8 }))
      .map(([negative, units, scale]) => {
        const digits = units.toString().padStart(scale + 1, '0');
        const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
        return (negative ? '-' : '') + text;
      });
    fc.assert(
      fc.property(decimal, fc.constantFrom<'en' | 'ru'>('en', 'ru'), (value, locale) => {
        const shown = formatMoney(value, 'EUR', locale).replace(/ EUR$/, '');
        const [group, mark] = locale === 'ru' ? [' ', ','] : [',', '.'];
        const back = shown.split(group).join('').replace(mark, '.');
        const normal = (text: string): string => {
          const [int, frac = ''] = text.replace(/^-/, '').split('.');
          const body = `${BigInt(int)}.${frac.replace(/0+$/, '')}`.replace(/\.$/, '');
          return body === '0' ? '0' : (text.startsWith('-') ? '-' : '') + body;
        };
        expect(normal(back)).toBe(normal(value));
        expect(shown.split(mark)[1]?.length ?? 0).toBeGreaterThanOrEqual(2);
      }),
    );
  });

  it('knows the minor units of the usual exceptions', () => {
    expect([minorUnits('EUR'), minorUnits('jpy'), minorUnits('KWD'), minorUnits(null)]).toEqual([2, 0, 3, 2]);
  });

  it('agrees with the amounts of documents on every active currency', () => {
    for (const code of currencyCodes()) expect(minorUnits(code), code).toBe(currencyMinorUnits(code));
    expect([minorUnits('AFN'), minorUnits('KPW')]).toEqual([2, 2]);
  });
});

describe('formatDuration and formatDayMonthYear', () => {
  it.each([
    [0, '0:00'],
    [7, '0:07'],
    [61, '1:01'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [90061, '25:01:01'],
  ])('%i seconds → %s', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });

  it('formats dates per locale and ignores the time of a timestamp', () => {
    expect(formatDayMonthYear('2018-10-31')).toBe('31/10/2018');
    expect(formatDayMonthYear('2018-10-31', 'ru')).toBe('31.10.2018');
    expect(formatDayMonthYear('2018-10-31T23:59:59Z', 'en')).toBe('31/10/2018');
    expect(formatDayMonthYear(null)).toBe('');
    expect(formatDayMonthYear('soon')).toBe('soon');
  });
});

describe('filters in templates', () => {
  it('take the locale from the document unless one is given', async () => {
    const source =
      '{{ totals.total | money: document.currency }}|{{ document.periodEnd | dmy }}|{{ "1234.5" | money: "EUR", "en" }}|{{ 3725 | duration }}|{{ "83.95" | decimal: 2 }}';
    expect(await renderTemplate(source, demoDocumentView('en'))).toBe(
      '1,557.80 EUR|31/10/2018|1,234.50 EUR|1:02:05|83.95',
    );
    expect(await renderTemplate(source, demoDocumentView('ru'))).toBe(
      '1 557,80 EUR|31.10.2018|1,234.50 EUR|1:02:05|83,95',
    );
  });

  it('are known to the validator, so templates using them are accepted', () => {
    expect(validateTemplate('{{ a | money: "EUR" }}{{ b | duration }}{{ c | dmy: "ru" }}{{ d | decimal: 4 }}')).toEqual(
      { ok: true },
    );
  });
});
