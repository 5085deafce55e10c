import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeDocument } from '../invoice/compute-document.ts';
import { Dec } from '../money/decimal.ts';
import { creditNoteLines, creditNoteTotals, usageLineCreditGross } from './credit-note.ts';

describe('usageLineCreditGross', () => {
  it('credits the whole line when the document has no call discount', () => {
    expect(usageLineCreditGross({ net: '2.20', taxRate: '21' }, '0', 2)).toBeUndefined();
  });

  it('takes the line’s share of the call discount off, rounded half-up to minor units', () => {
    // 10.00 less 5 % = 9.50, plus 21 % tax = 11.50 (1.995 rounds to 2.00).
    expect(usageLineCreditGross({ net: '10.00', taxRate: '21' }, '5', 2)).toBe('11.50');
    // 0.45 less 10 % (0.045 → 0.05) = 0.40, tax 0.084 → 0.08.
    expect(usageLineCreditGross({ net: '0.45', taxRate: '21' }, '10', 2)).toBe('0.48');
    expect(usageLineCreditGross({ net: '1000', taxRate: '10' }, '10', 0)).toBe('990');
  });
});

describe('creditNoteLines and creditNoteTotals', () => {
  const invoiceLine = (id: string, net: string, taxRate: string, tax: string) => ({
    id,
    kind: 'usage',
    description: id,
    unit: 'min',
    taxRate,
    gross: new Dec(net).plus(tax).toFixed(2),
    credited: '0',
  });
  const doc = (lines: ReturnType<typeof invoiceLine>[], total: string) => ({
    taxRate: '21',
    minorUnits: 2,
    total,
    credited: '0',
    number: 'INV-1',
    lines,
  });

  it('finds the net whose gross is the amount asked, and states tax on the sum of nets as an invoice does', () => {
    const invoice = doc([invoiceLine('a', '100.00', '21', '21.00')], '121.00');
    const exact = creditNoteLines({ lines: [{ lineId: 'a', amount: '12.10' }] }, invoice);
    expect(exact.lines).toMatchObject([{ net: '10.00', tax: '2.10', gross: '12.10' }]);
    expect(creditNoteTotals(exact.lines, 2)).toEqual({ net: '10.00', tax: '2.10', total: '12.10' });
    // No net gives 10.00 at 21 %: 8.26 + 1.73 = 9.99 and 8.27 + 1.74 = 10.01. The note says 9.99,
    // never a tax that is not its net's (8.26 + 1.74 would break BR-S-09).
    const unreachable = creditNoteLines({ lines: [{ lineId: 'a', amount: '10.00' }] }, invoice);
    expect(unreachable.lines).toMatchObject([{ net: '8.26', tax: '1.73', gross: '9.99' }]);
    expect(creditNoteTotals(unreachable.lines, 2)).toEqual({ net: '8.26', tax: '1.73', total: '9.99' });
  });

  it('rounds tax once per rate, so two small lines at 10 % carry 0.01 of tax, not 0.02', () => {
    const invoice = doc([invoiceLine('a', '0.05', '10', '0.01'), invoiceLine('b', '0.05', '10', '0.01')], '0.11');
    const { lines, errors } = creditNoteLines({ lines: [{ lineId: 'a' }, { lineId: 'b' }] }, invoice);
    expect(errors).toEqual([]);
    expect(creditNoteTotals(lines, 2)).toEqual({ net: '0.10', tax: '0.01', total: '0.11' });
  });

  it('crediting every line of an invoice in full gives back exactly its totals', () => {
    const rate = fc.constantFrom('0', '4', '10', '21');
    // From 0.01: a line that rounds to nothing has nothing to credit.
    const cents = fc.integer({ min: 10_000, max: 100_000_000 }).map((c) => new Dec(c).div(1_000_000).toFixed());
    fc.assert(
      fc.property(fc.array(fc.tuple(cents, rate), { minLength: 1, maxLength: 6 }), rate, (charges, docRate) => {
        const computed = computeDocument({
          currency: 'EUR',
          usage: [],
          fixedCosts: [],
          charges: charges.map(([amount, taxRate], i) => ({
            chargeId: `c${i}`,
            kind: 'one_off',
            description: 'C',
            quantity: '1',
            amount,
            taxRate,
          })),
          callDiscountPercent: '0',
          taxRate: docRate,
        });
        const lines = computed.lines.map((l, i) => ({ ...invoiceLine(`l${i}`, l.net, l.taxRate, l.tax) }));
        const credit = creditNoteLines(
          { lines: lines.map((l) => ({ lineId: l.id })) },
          { ...doc(lines, computed.totals.total), taxRate: docRate },
        );
        expect(credit.errors).toEqual([]);
        expect(creditNoteTotals(credit.lines, 2)).toEqual({
          net: computed.totals.net,
          tax: computed.totals.tax,
          total: computed.totals.total,
        });
      }),
    );
  });
});

it('never credits more than the amount asked, whatever the rate and amount', () => {
  const invoice = {
    taxRate: '21',
    minorUnits: 2,
    total: '1000000.00',
    credited: '0',
    number: 'INV-1',
    lines: [],
  };
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom('0', '4', '10', '19', '21', '27'), (c, r) => {
      const asked = new Dec(c).div(100);
      const { lines, errors } = creditNoteLines({ amount: asked.toFixed(2) }, { ...invoice, taxRate: r });
      expect(errors).toEqual([]);
      const [line] = lines;
      expect(new Dec(line!.gross).lte(asked)).toBe(true);
      expect(asked.minus(line!.gross).lte('0.01')).toBe(true);
      expect(line!.tax).toBe(new Dec(line!.net).times(r).div(100).toFixed(2));
    }),
  );
});
