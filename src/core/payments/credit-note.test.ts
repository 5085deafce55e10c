import { describe, expect, it } from 'vitest';
import { usageLineCreditGross } from './credit-note.ts';

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
