import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Dec } from '../money/decimal.ts';
import { computeDocument } from './compute-document.ts';
import { InvoiceInputError } from './parameters.ts';
import type { ChargeItem, DocumentInput } from './types.ts';

// A month of a business customer: calls, a SIP trunk subscription that started on the 10th of a
// leap February (prorated 20/29 of 30.00), a DID number at a reduced VAT rate, and a fixed cost.
const trunk: ChargeItem = {
  chargeId: 'chg_trunk',
  kind: 'subscription',
  description: 'SIP trunk, 10–29 Feb 2024',
  quantity: '1',
  unitPrice: '30.00',
  amount: '20.689655172413793103448275862068965517',
  servicePeriod: { start: '2024-02-10', end: '2024-02-29' },
};
const did: ChargeItem = {
  chargeId: 'chg_did',
  kind: 'one_off',
  description: 'DID setup',
  quantity: '2',
  amount: '5.00',
  taxRate: '10',
};
const month = (over: Partial<DocumentInput> = {}): DocumentInput => ({
  currency: 'EUR',
  usage: [{ prefix: '35567', destination: 'Albania mobile', calls: 10, durationSeconds: 600, amount: '100.00' }],
  fixedCosts: [{ fixedCostId: 'fc_1', description: 'Line rental', quantity: '1', unitPrice: '20.00' }],
  charges: [trunk, did],
  callDiscountPercent: '10',
  taxRate: '21',
  ...over,
});

describe('computeDocument', () => {
  it('bills usage, its discount, charges and fixed costs, each line rounded once', () => {
    const result = computeDocument(month());
    expect(result.lines.map((l) => [l.kind, l.net, l.taxRate])).toEqual([
      ['usage', '100.00', '21'],
      ['discount', '-10.00', '21'],
      ['subscription', '20.69', '21'],
      ['one_off', '5.00', '10'],
      ['fixed_cost', '20.00', '21'],
    ]);
    expect(result.totals).toEqual({
      usage: '100.00',
      discount: '-10.00',
      charges: '25.69',
      fixedCosts: '20.00',
      net: '135.69',
      tax: '27.94',
      total: '163.63',
    });
  });
  it('breaks tax down per rate on the rounded base of each rate', () => {
    expect(computeDocument(month()).taxBreakdown).toEqual([
      { rate: '10', base: '5.00', tax: '0.50' },
      { rate: '21', base: '130.69', tax: '27.44' },
    ]);
  });
  it('keeps the charge reference and service period on the line', () => {
    const line = computeDocument(month()).lines.find((l) => l.kind === 'subscription')!;
    expect(line.chargeId).toBe('chg_trunk');
    expect(line.servicePeriod).toEqual({ start: '2024-02-10', end: '2024-02-29' });
  });
  it('gives no call discount to a type whose policy does not discount usage', () => {
    const result = computeDocument(month({ discountsUsage: false }));
    expect(result.lines.some((l) => l.kind === 'discount')).toBe(false);
    expect(result.totals.discount).toBe('0.00');
  });
  it('refuses a charge with a bad amount or tax rate, naming the field', () => {
    const bad = month({ charges: [{ ...did, amount: '1e3', taxRate: '101' }] });
    expect(() => computeDocument(bad)).toThrow(InvoiceInputError);
    try {
      computeDocument(bad);
    } catch (error) {
      expect((error as InvoiceInputError).errors.map((e) => e.field)).toEqual([
        'charges[0].amount',
        'charges[0].taxRate',
      ]);
    }
  });
});

const amount = (max: number) =>
  fc.integer({ min: -max / 10, max }).map((micro) => new Dec(micro).dividedBy(1_000_000).toFixed());
const rate = fc.constantFrom('0', '4', '10', '21', '7.7');
const arbitraryDocument: fc.Arbitrary<DocumentInput> = fc.record({
  currency: fc.constantFrom('EUR', 'JPY', 'BHD'),
  usage: fc.array(
    fc.record({
      prefix: fc.constant('35567'),
      destination: fc.constant('Albania mobile'),
      calls: fc.nat(1000),
      durationSeconds: fc.nat(100_000),
      amount: amount(1_000_000_000),
    }),
    { maxLength: 5 },
  ),
  fixedCosts: fc.array(
    fc.record({
      fixedCostId: fc.constant('fc'),
      description: fc.constant('Fixed'),
      quantity: fc.integer({ min: 1, max: 50 }).map(String),
      unitPrice: amount(100_000_000),
    }),
    { maxLength: 3 },
  ),
  charges: fc.array(
    fc.record({
      chargeId: fc.constant('chg'),
      kind: fc.constantFrom('subscription', 'one_off', 'usage_product' as const),
      description: fc.constant('Charge'),
      quantity: fc.constant('1'),
      amount: amount(1_000_000_000),
      taxRate: fc.option(rate, { nil: null }),
    }),
    { maxLength: 5 },
  ),
  callDiscountPercent: fc.integer({ min: 0, max: 100 }).map(String),
  taxRate: rate,
  discountsUsage: fc.boolean(),
});

describe('computeDocument properties', () => {
  it('Σ lines = net = Σ tax bases, net + tax = total, Σ breakdown tax = tax', () => {
    fc.assert(
      fc.property(arbitraryDocument, (doc) => {
        const { lines, totals, taxBreakdown } = computeDocument(doc);
        const sum = (values: string[]) => values.reduce((acc, v) => acc.plus(v), new Dec(0));
        expect(sum(lines.map((l) => l.net)).eq(totals.net)).toBe(true);
        expect(sum(taxBreakdown.map((t) => t.base)).eq(totals.net)).toBe(true);
        expect(sum(taxBreakdown.map((t) => t.tax)).eq(totals.tax)).toBe(true);
        expect(new Dec(totals.net).plus(totals.tax).eq(totals.total)).toBe(true);
        expect(
          new Dec(totals.usage).plus(totals.discount).plus(totals.charges).plus(totals.fixedCosts).eq(totals.net),
        ).toBe(true);
      }),
    );
  });
  it('the discount never touches charges or fixed costs', () => {
    fc.assert(
      fc.property(arbitraryDocument, (doc) => {
        const alone = computeDocument({ ...doc, charges: [], fixedCosts: [] }).totals.discount;
        expect(computeDocument(doc).totals.discount).toBe(alone);
      }),
    );
  });
});

describe('computeDocument properties, line by line', () => {
  it('the call discount never changes a subscription, charge or fixed-cost line', () => {
    fc.assert(
      fc.property(arbitraryDocument, fc.integer({ min: 0, max: 100 }), (doc, percent) => {
        const notUsage = (d: DocumentInput) =>
          computeDocument(d).lines.filter((l) => l.kind !== 'usage' && l.kind !== 'discount');
        expect(notUsage({ ...doc, callDiscountPercent: String(percent) })).toEqual(
          notUsage({ ...doc, callDiscountPercent: '0' }),
        );
      }),
    );
  });
  it('the discount line is the rounded percentage of the usage lines alone', () => {
    fc.assert(
      fc.property(arbitraryDocument, (doc) => {
        const { lines, totals } = computeDocument(doc);
        const discount = lines.find((l) => l.kind === 'discount');
        const usageNet = lines.filter((l) => l.kind === 'usage').reduce((acc, l) => acc.plus(l.net), new Dec(0));
        expect(new Dec(totals.usage).eq(usageNet)).toBe(true);
        if (discount) {
          expect(new Dec(discount.net).abs().lte(usageNet)).toBe(true);
          expect(discount.net).toBe(totals.discount);
        } else expect(new Dec(totals.discount).isZero()).toBe(true);
      }),
    );
  });
  it("the prorated parts of a period, billed as lines, add up to the whole period's amount within a minor unit per part", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }).map((cents) => new Dec(cents).dividedBy(100).toFixed(2)),
        fc.constantFrom(28, 29, 30, 31, 90, 365, 366),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        (whole, periodDays, cuts) => {
          // Consecutive parts of the period: the last one takes the days the cuts left.
          const parts: number[] = [];
          let left = periodDays;
          for (const cut of cuts) {
            if (left <= cut) break;
            parts.push(cut);
            left -= cut;
          }
          parts.push(left);
          const charges: ChargeItem[] = parts.map((days, i) => ({
            chargeId: `chg_${i}`,
            kind: 'subscription',
            description: `Part ${i + 1}`,
            quantity: '1',
            amount: new Dec(whole).times(days).dividedBy(periodDays).toString(),
          }));
          const { totals } = computeDocument({
            currency: 'EUR',
            usage: [],
            fixedCosts: [],
            charges,
            callDiscountPercent: '0',
            taxRate: '0',
          });
          expect(parts.reduce((a, b) => a + b, 0)).toBe(periodDays);
          const drift = new Dec(totals.charges).minus(whole).abs();
          expect(drift.lte(new Dec('0.005').times(parts.length))).toBe(true);
        },
      ),
    );
  });
});
