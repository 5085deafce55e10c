import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runningBalance, type StatementEntry } from './statement.ts';
import { Dec } from '../money/decimal.ts';

const money = fc.integer({ min: 0, max: 1_000_000 }).map((c) => new Dec(c).dividedBy(100).toFixed(2));
const entry = fc.record({
  date: fc.constantFrom('2026-01-01', '2026-01-02', '2026-02-01'),
  kind: fc.constantFrom<StatementEntry['kind']>('document', 'payment', 'reversal', 'allocation', 'credit_note'),
  at: fc.constantFrom('T1', 'T2'),
  id: fc.stringMatching(/^e_[a-z0-9]{6}$/),
  debit: money,
  credit: money,
});
const entries = fc.uniqueArray(entry, { selector: (e) => e.id, maxLength: 30 });
const sum = (values: string[]) => values.reduce((t, v) => t.plus(v), new Dec(0));

describe('statement properties', () => {
  it('the closing balance is the opening plus Σ debits − Σ credits, the last running balance, whatever the order', () => {
    fc.assert(
      fc.property(entries, money, (list, opening) => {
        const { lines, closing } = runningBalance(opening, list, 2);
        const expected = new Dec(opening).plus(sum(list.map((e) => e.debit))).minus(sum(list.map((e) => e.credit)));
        expect(closing).toBe(expected.toFixed(2));
        expect(lines.at(-1)?.balance ?? new Dec(opening).toFixed(2)).toBe(closing);
        expect(runningBalance(opening, [...list].reverse(), 2)).toEqual({ lines, closing });
      }),
      { numRuns: 300 },
    );
  });
  it('a statement split at a date carries its balance: the part before is the opening of the part after', () => {
    fc.assert(
      fc.property(entries, fc.constantFrom('2026-01-02', '2026-02-01'), (list, from) => {
        const whole = runningBalance('0', list, 2).closing;
        const before = runningBalance(
          '0',
          list.filter((e) => e.date < from),
          2,
        ).closing;
        expect(
          runningBalance(
            before,
            list.filter((e) => e.date >= from),
            2,
          ).closing,
        ).toBe(whole);
      }),
      { numRuns: 300 },
    );
  });
});
