import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { priceQuantity, validatePriceModel, type PriceModel, type PriceTier } from './price-models.ts';
import { Dec } from '../money/decimal.ts';

// A data bundle: the first 10 GB at 1.00 plus a 2.00 fee, 10–50 GB at 0.50, anything above at 0.25.
const tiers: PriceTier[] = [
  { upTo: '10', unitPrice: '1.00', flatFee: '2.00' },
  { upTo: '50', unitPrice: '0.50' },
  { upTo: null, unitPrice: '0.25' },
];
const amount = (model: PriceModel, quantity: string) => priceQuantity(model, quantity).toFixed();

describe('graduated prices sum over every tier reached', () => {
  const model: PriceModel = { kind: 'graduated', tiers };
  it.each([
    ['0', '0'],
    ['1', '3'],
    ['10', '12'],
    ['10.5', '12.25'],
    ['50', '32'],
    ['51', '32.25'],
    ['100', '44.5'],
  ])('%s units cost %s', (quantity, expected) => expect(amount(model, quantity)).toBe(expected));
});

describe('volume prices apply the one tier the whole quantity falls in', () => {
  const model: PriceModel = { kind: 'volume', tiers };
  it.each([
    ['0', '0'],
    ['10', '12'],
    ['10.001', '5.0005'],
    ['50', '25'],
    ['51', '12.75'],
  ])('%s units cost %s', (quantity, expected) => expect(amount(model, quantity)).toBe(expected));
});

describe('package prices charge every started package after the free units', () => {
  const model: PriceModel = { kind: 'package', packagePrice: '5.00', packageSize: '100', freeUnits: '50' };
  it.each([
    ['0', '0'],
    ['50', '0'],
    ['50.5', '5'],
    ['150', '5'],
    ['151', '10'],
  ])('%s units cost %s', (quantity, expected) => expect(amount(model, quantity)).toBe(expected));
});

it('a flat price is quantity times unit price', () => {
  expect(amount({ kind: 'flat', unitPrice: '30.00' }, '3')).toBe('90');
});

describe('tier validation', () => {
  it('accepts ordered, contiguous tiers ending open', () => {
    expect(validatePriceModel({ kind: 'graduated', tiers })).toEqual([]);
  });
  it('names each broken tier: gaps cannot exist, so overlaps and order are what it checks', () => {
    const issues = validatePriceModel({
      kind: 'volume',
      tiers: [
        { upTo: '10', unitPrice: '1' },
        { upTo: '5', unitPrice: '1' },
        { upTo: null, unitPrice: '-1' },
      ],
    });
    expect(issues.map((i) => `${i.field} ${i.code}`)).toEqual([
      'tiers.1.upTo TIERS_NOT_ASCENDING',
      'tiers.2.unitPrice NEGATIVE',
    ]);
  });
  it('requires the last tier to be open-ended and only the last', () => {
    const issues = validatePriceModel({
      kind: 'graduated',
      tiers: [
        { upTo: null, unitPrice: '1' },
        { upTo: '5', unitPrice: '1' },
      ],
    });
    expect(issues.map((i) => i.code)).toEqual(['OPEN_TIER_NOT_LAST', 'LAST_TIER_NOT_OPEN']);
  });
  it('refuses an empty tier list, bad decimals and a zero package size', () => {
    expect(validatePriceModel({ kind: 'graduated', tiers: [] })[0]?.code).toBe('REQUIRED');
    expect(validatePriceModel({ kind: 'flat', unitPrice: '1e3' })[0]?.code).toBe('INVALID_DECIMAL');
    const pkg = validatePriceModel({ kind: 'package', packagePrice: '1', packageSize: '0', freeUnits: '0' });
    expect(pkg.map((i) => i.field)).toEqual(['packageSize']);
  });
});

it('graduated pricing is additive: pricing q equals the sum of each tier slice', () => {
  const model: PriceModel = {
    kind: 'graduated',
    tiers: [
      { upTo: '10', unitPrice: '1.00' },
      { upTo: null, unitPrice: '0.25' },
    ],
  };
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 100_000 }), (centiUnits) => {
      const q = new Dec(centiUnits).dividedBy(100);
      const expected = Dec.min(q, 10).plus(Dec.max(q.minus(10), 0).times('0.25'));
      return priceQuantity(model, q).eq(expected);
    }),
  );
});
