import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { minorUnits, roundMoney } from '../money/currency.ts';
import { Dec } from '../money/decimal.ts';
import { computeInvoice } from './computation.ts';
import { InvoiceInputError } from './parameters.ts';
import type { InvoiceInput, UsageGroup } from './types.ts';

const group = (amount: string, destination = 'Albania mobile', prefix: string | null = '35567'): UsageGroup => ({
  prefix,
  destination,
  calls: 10,
  durationSeconds: 600,
  amount,
  ratePerMinute: '0.1',
});

const input = (over: Partial<InvoiceInput> = {}): InvoiceInput => ({
  currency: 'EUR',
  usage: [group('100.00')],
  fixedCosts: [{ fixedCostId: 'fc-1', description: 'Number rental', quantity: '1', unitPrice: '20.00' }],
  callDiscountPercent: '10',
  taxRate: '21',
  ...over,
});

describe('computeInvoice', () => {
  it('computes the reference invoice: usage 100, 10% discount, fixed 20, tax 21%', () => {
    const result = computeInvoice(input());
    expect(result.lines.map((l) => [l.kind, l.net])).toEqual([
      ['usage', '100.00'],
      ['discount', '-10.00'],
      ['fixed_cost', '20.00'],
    ]);
    expect(result.totals).toEqual({
      usage: '100.00',
      discount: '-10.00',
      fixedCosts: '20.00',
      net: '110.00',
      tax: '23.10',
      total: '133.10',
    });
    expect(result.taxBreakdown).toEqual([{ rate: '21', base: '110.00', tax: '23.10' }]);
  });

  it('fills line details', () => {
    const [usage, discount, fixed] = computeInvoice(input()).lines;
    expect(usage).toMatchObject({
      destination: 'Albania mobile',
      prefix: '35567',
      quantity: '10',
      unit: 'call',
      durationSeconds: 600,
      unitPrice: '0.10',
      taxRate: '21',
      tax: '21.00',
      gross: '121.00',
    });
    expect(discount).toMatchObject({
      quantity: '10',
      unit: 'percent',
      unitPrice: null,
      destination: null,
      tax: '-2.10',
      gross: '-12.10',
    });
    expect(fixed).toMatchObject({
      fixedCostId: 'fc-1',
      description: 'Number rental',
      quantity: '1',
      unit: 'unit',
      unitPrice: '20.00',
      gross: '24.20',
    });
  });

  it('rounds each usage line once from its exact sum', () => {
    const result = computeInvoice(
      input({ usage: [group('0.004999'), group('0.005', 'B')], fixedCosts: [], callDiscountPercent: '0' }),
    );
    expect(result.lines.map((l) => l.net)).toEqual(['0.00', '0.01']);
    expect(result.totals.usage).toBe('0.01');
  });

  it('computes tax on the rounded base, not as the sum of line taxes', () => {
    const usage = [group('0.03', 'A'), group('0.03', 'B'), group('0.03', 'C')];
    const result = computeInvoice(input({ usage, fixedCosts: [], callDiscountPercent: '0', taxRate: '10' }));
    expect(result.lines.map((l) => l.tax)).toEqual(['0.00', '0.00', '0.00']);
    expect(result.totals).toMatchObject({ net: '0.09', tax: '0.01', total: '0.10' });
  });

  it('discounts usage only and omits a zero or pointless discount line', () => {
    expect(computeInvoice(input({ callDiscountPercent: '0' })).lines.map((l) => l.kind)).toEqual([
      'usage',
      'fixed_cost',
    ]);
    expect(computeInvoice(input({ usage: [] })).totals).toMatchObject({ discount: '0.00', net: '20.00' });
    expect(computeInvoice(input({ usage: [group('0.04')] })).totals.discount).toBe('0.00');
    expect(computeInvoice(input({ usage: [group('-5.00')] })).totals).toMatchObject({
      usage: '-5.00',
      discount: '0.00',
    });
    expect(computeInvoice(input({ callDiscountPercent: '100' })).totals).toMatchObject({
      discount: '-100.00',
      net: '20.00',
    });
  });

  it('honours the rounding mode', () => {
    const usage = [group('2.345')];
    const base = { usage, fixedCosts: [], callDiscountPercent: '0', taxRate: '0' };
    expect(computeInvoice(input({ ...base, rounding: 'half_up' })).totals.net).toBe('2.35');
    expect(computeInvoice(input({ ...base, rounding: 'half_even' })).totals.net).toBe('2.34');
    expect(computeInvoice(input({ ...base, rounding: 'down' })).totals.net).toBe('2.34');
    expect(computeInvoice(input({ ...base, rounding: 'up', usage: [group('2.341')] })).totals.net).toBe('2.35');
  });

  it('uses the currency minor units (JPY 0, BHD 3)', () => {
    const jpy = computeInvoice(input({ currency: 'JPY', usage: [group('1234.5')], fixedCosts: [], taxRate: '10' }));
    expect(jpy.totals).toEqual({
      usage: '1235',
      discount: '-124',
      fixedCosts: '0',
      net: '1111',
      tax: '111',
      total: '1222',
    });
    const bhd = computeInvoice(
      input({ currency: 'BHD', usage: [group('1.2345')], fixedCosts: [], callDiscountPercent: '0', taxRate: '10' }),
    );
    expect(bhd.totals).toMatchObject({ usage: '1.235', net: '1.235', tax: '0.124', total: '1.359' });
  });

  it('produces an all-zero invoice from nothing', () => {
    const result = computeInvoice(input({ usage: [], fixedCosts: [] }));
    expect(result.lines).toEqual([]);
    expect(result.totals).toEqual({
      usage: '0.00',
      discount: '0.00',
      fixedCosts: '0.00',
      net: '0.00',
      tax: '0.00',
      total: '0.00',
    });
    expect(result.taxBreakdown).toEqual([{ rate: '21', base: '0.00', tax: '0.00' }]);
  });

  it('refuses invalid input with field errors', () => {
    const bad = input({ currency: 'EURO', taxRate: '121', usage: [{ ...group('1e3'), calls: -1 }] });
    try {
      computeInvoice(bad);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvoiceInputError);
      expect((error as InvoiceInputError).errors.map((e) => `${e.field}:${e.code}`)).toEqual([
        'currency:INVALID_CURRENCY',
        'taxRate:OUT_OF_RANGE',
        'usage[0].amount:NOT_A_DECIMAL',
        'usage[0].calls:NOT_A_COUNT',
      ]);
    }
  });
});

const sixDecimals = (max: bigint): fc.Arbitrary<string> =>
  fc.bigInt({ min: -max / 10n, max }).map((micro) => new Dec(micro.toString()).dividedBy(1_000_000).toFixed());
const percent = fc.integer({ min: 0, max: 10_000 }).map((hundredths) => new Dec(hundredths).dividedBy(100).toFixed());
const arbitraryInput: fc.Arbitrary<InvoiceInput> = fc.record({
  currency: fc.constantFrom('EUR', 'JPY', 'BHD', 'USD'),
  usage: fc.array(
    fc.record({
      prefix: fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: null }),
      destination: fc.string({ maxLength: 10 }),
      calls: fc.nat(100_000),
      durationSeconds: fc.nat(10_000_000),
      amount: sixDecimals(10n ** 12n),
      ratePerMinute: fc.option(sixDecimals(10n ** 7n), { nil: null }),
    }),
    { maxLength: 8 },
  ),
  fixedCosts: fc.array(
    fc.record({
      fixedCostId: fc.uuid(),
      description: fc.string({ maxLength: 10 }),
      quantity: fc.integer({ min: 1, max: 100_000 }).map((q) => new Dec(q).dividedBy(1000).toFixed()),
      unitPrice: sixDecimals(10n ** 10n),
    }),
    { maxLength: 4 },
  ),
  callDiscountPercent: percent,
  taxRate: percent,
  rounding: fc.constantFrom('half_up', 'half_even', 'down', 'up'),
});

describe('computeInvoice properties', () => {
  it('keeps EN 16931 arithmetic exact for any input and currency', () => {
    fc.assert(
      fc.property(arbitraryInput, (inv) => {
        const { lines, totals, taxBreakdown } = computeInvoice(inv);
        const sum = (xs: string[]): Dec => xs.reduce((acc, x) => acc.plus(x), new Dec(0));
        const digits = minorUnits(inv.currency);
        const shape = digits === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${digits}}$`);
        for (const amount of [...Object.values(totals), ...lines.flatMap((l) => [l.net, l.tax, l.gross])])
          expect(amount).toMatch(shape);

        expect(sum(lines.map((l) => l.net)).equals(totals.net)).toBe(true);
        expect(new Dec(totals.net).plus(totals.tax).equals(totals.total)).toBe(true);
        expect(sum([totals.usage, totals.discount, totals.fixedCosts]).equals(totals.net)).toBe(true);
        expect(sum(taxBreakdown.map((t) => t.base)).equals(totals.net)).toBe(true);
        expect(sum(taxBreakdown.map((t) => t.tax)).equals(totals.tax)).toBe(true);
        expect(sum(lines.filter((l) => l.kind === 'usage').map((l) => l.net)).equals(totals.usage)).toBe(true);
        // The tax is within one rounding step of the exact tax on the net.
        const exactTax = new Dec(totals.net).times(inv.taxRate).dividedBy(100);
        expect(exactTax.minus(totals.tax).abs().lessThan(new Dec(10).pow(-digits))).toBe(true);
        // The discount never exceeds the usage it applies to, and never turns into a charge.
        expect(new Dec(totals.discount).lessThanOrEqualTo(0)).toBe(true);
        expect(new Dec(totals.discount).abs().lessThanOrEqualTo(new Dec(totals.usage).abs())).toBe(true);
        expect(lines.filter((l) => l.kind === 'discount').length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('rounds each usage line from its exact amount', () => {
    fc.assert(
      fc.property(arbitraryInput, (inv) => {
        const usageLines = computeInvoice(inv).lines.filter((l) => l.kind === 'usage');
        usageLines.forEach((line, i) => {
          expect(new Dec(line.net).equals(roundMoney(inv.usage[i].amount, inv.currency, inv.rounding))).toBe(true);
        });
      }),
    );
  });
});
