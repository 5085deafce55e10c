import { Dec } from '../money/decimal.ts';

/**
 * One line of a customer statement. `debit` raises what the customer owes (an issued document, a
 * payment reversal), `credit` lowers it (a payment, a credit note, a cancelled document).
 * Allocations move money between credit and debt without changing the balance, so they are listed
 * with both sides zero.
 */
export interface StatementEntry {
  date: string;
  kind: 'document' | 'payment' | 'reversal' | 'allocation' | 'unbinding' | 'credit_note' | 'cancellation';
  /** Sorts entries of one date: the time they happened, then their id. */
  at: string;
  id: string;
  debit: string;
  credit: string;
}

export interface StatementLine<T extends StatementEntry> {
  entry: T;
  balance: string;
}

/**
 * Orders entries by date, time and id and carries a running balance (owed minus paid) from the
 * opening balance; the closing balance is the opening one plus Σ debits − Σ credits.
 */
export function runningBalance<T extends StatementEntry>(
  opening: string,
  entries: T[],
  minorUnits: number,
): { lines: StatementLine<T>[]; closing: string } {
  const sorted = [...entries].sort((a, b) => cmp(a.date, b.date) || cmp(a.at, b.at) || cmp(a.id, b.id));
  let balance = new Dec(opening);
  const lines = sorted.map((entry) => {
    balance = balance.plus(entry.debit).minus(entry.credit);
    return { entry, balance: balance.toFixed(minorUnits) };
  });
  return { lines, closing: balance.toFixed(minorUnits) };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
