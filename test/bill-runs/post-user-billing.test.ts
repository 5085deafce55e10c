import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { linesOf, twoBillCycles, type TwoCycles } from './two-bill-cycles.ts';

// Post user billing, sentence by sentence: an account's open invoice closes right after the account
// has passed through billing, so it carries one cycle and the payments of the run wait for the next.
describe('Post user billing: an invoice closes as soon as its account has been through billing', () => {
  let env: TestEnv;
  let w: TwoCycles;
  beforeAll(async () => {
    env = await startTestEnv();
    w = await twoBillCycles(env, 'post_user_billing');
  }, 120_000);
  afterAll(() => env.close());

  it('closes an invoice only once its account has been billed: the credit of a yearly account waits', () => {
    expect(w.afterRun1['Monthly SL']!.map((d) => [d.status, d.number])).toEqual([['issued', 'TEST0001']]);
    expect(linesOf(w.afterRun1['Monthly SL']![0])).toEqual(['Spain 2.00', 'SIP trunk 30.00']);
    // Its yearly package billed in neither run: the 5 March credit is still on an open invoice.
    expect(w.afterRun2['Yearly SL']!.map((d) => [d.status, d.totals.total])).toEqual([['draft', '-5.00']]);
  });

  it('counts an account as billed when billing looked at it, even if the run added nothing that costs money', () => {
    // Run 2 looks at Quiet SL only for its call at no cost, and closes the invoice its setup opened.
    const [setup] = w.afterRun2['Quiet SL']!;
    expect([setup!.status, setup!.number]).toEqual(['issued', 'TEST0003']);
    expect(w.runs[1]!.closedDocumentIds).toContain(setup!.id);
  });

  it('rolls everything of the cycle onto one invoice: one invoice per account and cycle', () => {
    expect(w.afterRun2['Monthly SL']!.map((d) => `${d.number} ${d.periodStart}..${d.periodEnd}`)).toEqual([
      'TEST0001 2024-02-01..2024-02-29',
      'TEST0002 2024-03-01..2024-03-31',
    ]);
    expect(w.runs.map((r) => r.counts.invoicesClosed)).toEqual([1, 2]);
  });

  it('makes no invoice of its own for a call at no cost from an earlier cycle: it rides on the next one', () => {
    expect(w.afterRun1['Quiet SL']).toEqual([]);
    expect(linesOf(w.afterRun2['Quiet SL']![0])).toEqual(['Spain 0.00', 'Static IP setup 12.00']);
  });

  it('shows a payment made during the run on the next invoice, not on the one the run closed', () => {
    const [february, march] = w.afterRun2['Monthly SL']!;
    expect(february!.payments).toEqual(['before-run-1']);
    expect(march!.payments).toEqual(['during-run-1']);
  });

  it('is the close type a new bill group gets', async () => {
    const { api } = await env.newTenant();
    const res = await api('POST', '/api/v1/bill-groups', { name: 'Default', billDay: 5 });
    expect(res.body.invoiceCloseType).toBe('post_user_billing');
  });
});
