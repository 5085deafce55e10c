import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { linesOf, twoBillCycles, type TwoCycles } from './two-bill-cycles.ts';

// After each bill run, sentence by sentence: once a run of the group completes, every open invoice
// of the group closes, whether or not the run billed its account.
describe('After each bill run: the end of a run closes every open invoice of the group', () => {
  let env: TestEnv;
  let w: TwoCycles;
  beforeAll(async () => {
    env = await startTestEnv();
    w = await twoBillCycles(env, 'after_each_bill_run');
  }, 120_000);
  afterAll(() => env.close());

  it('closes all open invoices of the group when the run completes, not only those of accounts it billed', () => {
    for (const name of ['Monthly SL', 'Yearly SL', 'Quiet SL'])
      expect(w.afterRun2[name]!.every((d) => d.status === 'issued')).toBe(true);
    expect(w.runs.map((r) => [r.status, r.counts.invoicesClosed])).toEqual([
      ['completed', 1],
      ['completed', 3],
    ]);
    // Numbered in the run's order (customer name), without gaps.
    expect(w.runs[1]!.closedDocumentIds.length).toBe(3);
    expect(['Monthly SL', 'Quiet SL', 'Yearly SL'].map((n) => w.afterRun2[n]!.at(-1)!.number)).toEqual([
      'TEST0002',
      'TEST0003',
      'TEST0004',
    ]);
  });

  it('sends a credit to an account with a yearly package at the next run, without waiting for the package to bill', () => {
    expect(w.midCycle['Yearly SL']!.map((d) => d.status)).toEqual(['draft']);
    const [credit] = w.afterRun2['Yearly SL']!;
    expect([credit!.status, credit!.totals.total]).toEqual(['issued', '-5.00']);
    expect(linesOf(credit)).toEqual(['Goodwill credit -5.00']);
  });

  it('shows a payment made during the run on the invoice the run closes, as it closes just before delivery', () => {
    const [february, march] = w.afterRun2['Monthly SL']!;
    expect(february!.payments).toEqual(['before-run-1', 'during-run-1']);
    expect(march!.payments).toEqual(['during-run-2']);
  });
});
