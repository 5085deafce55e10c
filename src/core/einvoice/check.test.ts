import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeDocument } from '../invoice/compute-document.ts';
import type { DocumentInput } from '../invoice/types.ts';
import { Dec } from '../money/decimal.ts';
import { checkEn16931 } from './check.ts';
import { toEn16931, type EnMappingOptions } from './from-document.ts';

const options: EnMappingOptions = {
  kind: 'invoice',
  currency: 'EUR',
  paid: '0',
  zeroRateCategory: 'E',
  exemptionReason: 'Exempt under Article 135(1) of Directive 2006/112/EC',
};
// The reference month: usage 100.00 with a 10 % call discount, a DID at 10 %, a fixed cost.
const month: DocumentInput = {
  currency: 'EUR',
  usage: [{ prefix: '35567', destination: 'Albania mobile', calls: 10, durationSeconds: 600, amount: '100.004' }],
  fixedCosts: [{ fixedCostId: 'fc_1', description: 'Line rental', quantity: '1', unitPrice: '20.00' }],
  charges: [
    { chargeId: 'chg_1', kind: 'one_off', description: 'DID setup', quantity: '1', amount: '5.00', taxRate: '10' },
  ],
  callDiscountPercent: '10',
  taxRate: '21',
};

describe('an issued document stated in EN 16931', () => {
  const model = toEn16931(computeDocument(month), { ...options, paid: '30.00' });
  it('passes every arithmetic and VAT rule', () => {
    expect(checkEn16931(model)).toEqual([]);
  });
  it('states the call discount as a document-level allowance, not as a negative line', () => {
    expect(model.lines.map((l) => l.netAmount)).toEqual(['100.00', '5.00', '20.00']);
    expect(model.allowances).toEqual([{ amount: '10', reason: 'Call discount 10%', vatCategory: 'S', vatRate: '21' }]);
    expect(model.totals).toMatchObject({ lineNet: '125', allowances: '10', taxExclusive: '115.00', payable: '108.6' });
  });
  it('puts 0 % lines in an exempt breakdown with its reason', () => {
    const exempt = toEn16931(computeDocument({ ...month, taxRate: '0', charges: [] }), options);
    expect(exempt.vatBreakdown).toEqual([
      {
        category: 'E',
        rate: '0',
        taxableAmount: '110.00',
        taxAmount: '0.00',
        exemptionReason: options.exemptionReason,
      },
    ]);
    expect(checkEn16931(exempt)).toEqual([]);
    expect(checkEn16931({ ...exempt, vatBreakdown: [{ ...exempt.vatBreakdown[0]!, exemptionReason: null }] })).toEqual([
      { rule: 'BR-E-10', detail: 'an exempt VAT breakdown needs an exemption reason' },
    ]);
  });
});

describe('each rule catches its own mistake', () => {
  const model = toEn16931(computeDocument(month), options);
  const rulesOf = (changed: typeof model) => checkEn16931(changed).map((v) => v.rule);
  it.each([
    ['BR-CO-10', { ...model, totals: { ...model.totals, lineNet: '124.99' } }],
    ['BR-CO-15', { ...model, totals: { ...model.totals, taxInclusive: '139.65' } }],
    ['BR-CO-16', { ...model, totals: { ...model.totals, payable: '0' } }],
    ['BR-16', { ...model, lines: [] }],
    ['BR-DEC', { ...model, lines: model.lines.map((l, i) => (i === 0 ? { ...l, netAmount: '100.001' } : l)) }],
  ])('%s', (rule, changed) => {
    expect(rulesOf(changed)).toContain(rule);
  });
  it('BR-S-08 and BR-S-09 on a breakdown that does not match its lines or its rate', () => {
    const [reduced, standard] = model.vatBreakdown;
    const wrongBase = { ...model, vatBreakdown: [reduced!, { ...standard!, taxableAmount: '111.00' }] };
    expect(rulesOf(wrongBase)).toEqual(expect.arrayContaining(['BR-S-08', 'BR-S-09']));
    const wrongTax = { ...model, vatBreakdown: [{ ...reduced!, taxAmount: '0.51' }, standard!] };
    expect(rulesOf(wrongTax)).toEqual(expect.arrayContaining(['BR-S-09', 'BR-CO-14']));
  });
  it('BR-S-05 and BR-S-01 on a line whose category and rate do not fit the breakdown', () => {
    const zeroStandard = { ...model, lines: model.lines.map((l, i) => (i === 1 ? { ...l, vatRate: '0' } : l)) };
    expect(rulesOf(zeroStandard)).toEqual(expect.arrayContaining(['BR-S-05', 'BR-S-01']));
  });
});

it('every computed document with two-decimal currency passes the EN 16931 checks', () => {
  const amount = fc
    .integer({ min: -10_000_000, max: 100_000_000 })
    .map((m) => new Dec(m).dividedBy(1_000_000).toFixed());
  const rate = fc.constantFrom('0', '4', '10', '21');
  fc.assert(
    fc.property(
      // An invoice has at least one line (BR-16): a usage line here, and charges or not.
      fc.array(amount, { minLength: 1, maxLength: 4 }),
      fc.array(fc.tuple(amount, rate), { maxLength: 4 }),
      rate,
      fc.integer({ min: 0, max: 100 }),
      (usage, charges, taxRate, discount) => {
        const computed = computeDocument({
          currency: 'EUR',
          usage: usage.map((a) => ({ prefix: '1', destination: 'X', calls: 1, durationSeconds: 60, amount: a })),
          fixedCosts: [],
          charges: charges.map(([a, r], i) => ({
            chargeId: `c${i}`,
            kind: 'one_off',
            description: 'C',
            quantity: '1',
            amount: a,
            taxRate: r,
          })),
          callDiscountPercent: String(discount),
          taxRate,
        });
        expect(checkEn16931(toEn16931(computed, options))).toEqual([]);
      },
    ),
  );
});
