import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateInvoiceParameters } from './parameters.ts';

const codes = (params: Parameters<typeof validateInvoiceParameters>[0]): string[] =>
  validateInvoiceParameters(params).map((e) => `${e.field}:${e.code}`);

describe('validateInvoiceParameters', () => {
  it('accepts valid parameters', () => {
    expect(
      codes({ callDiscountPercent: '0', taxRate: '21', fixedCosts: [{ quantity: '0.5', unitPrice: '-3' }] }),
    ).toEqual([]);
    expect(codes({ callDiscountPercent: '100', taxRate: '0', currency: 'JPY' })).toEqual([]);
  });

  it('requires percentages between 0 and 100', () => {
    expect(codes({ callDiscountPercent: '-0.01', taxRate: '100.01' })).toEqual([
      'callDiscountPercent:OUT_OF_RANGE',
      'taxRate:OUT_OF_RANGE',
    ]);
    expect(codes({ callDiscountPercent: '10%', taxRate: '' })).toEqual([
      'callDiscountPercent:NOT_A_DECIMAL',
      'taxRate:NOT_A_DECIMAL',
    ]);
  });

  it('requires positive decimal quantities and decimal prices', () => {
    expect(
      codes({
        callDiscountPercent: '0',
        taxRate: '0',
        fixedCosts: [{ quantity: '0' }, { quantity: '-1' }, { quantity: 'one' }, { quantity: '1', unitPrice: '1,50' }],
      }),
    ).toEqual([
      'fixedCosts[0].quantity:NOT_POSITIVE',
      'fixedCosts[1].quantity:NOT_POSITIVE',
      'fixedCosts[2].quantity:NOT_A_DECIMAL',
      'fixedCosts[3].unitPrice:NOT_A_DECIMAL',
    ]);
  });

  it('rejects unknown currencies when one is given', () => {
    expect(codes({ callDiscountPercent: '0', taxRate: '0', currency: 'eur' })).toEqual(['currency:INVALID_CURRENCY']);
  });

  it('accepts exactly the percentages in [0, 100]', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 20_000 }), (hundredths) => {
        const sign = hundredths < 0 ? '-' : '';
        const abs = Math.abs(hundredths);
        const text = `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
        const inRange = hundredths >= 0 && hundredths <= 10_000;
        expect(codes({ callDiscountPercent: text, taxRate: '0' })).toEqual(
          inRange ? [] : ['callDiscountPercent:OUT_OF_RANGE'],
        );
      }),
    );
  });
});
