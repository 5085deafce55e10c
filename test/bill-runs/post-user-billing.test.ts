import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { linesOf, twoBillCycles, type TwoCycles } from './two-bill-cycles.ts';
import { invoicingTenant } from '../support/invoicing.ts';
import { ok } from '../catalog/support.ts';

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

  it('closes the open invoice of an account cancelled in the cycle, though nothing else made billing look at it', async () => {
    env.clock.set('2024-02-01T09:00:00Z');
    const { api } = await invoicingTenant(env);
    const group = await ok(api, 'POST', '/api/v1/bill-groups', { name: 'Cancellations', billDay: 1 });
    const basic = await ok(api, 'POST', '/api/v1/contracts', { kind: 'basic', name: 'Basic' });
    const yearly = await ok(api, 'POST', '/api/v1/products', {
      code: 'SUP',
      name: 'Yearly support',
      kind: 'recurring',
      period: 'year',
      currency: 'EUR',
      priceModel: 'flat',
      price: '120.00',
      taxRate: '0',
    });
    // Two accounts alike: a yearly package that bills in neither run, and a credit on 5 March.
    const account = async (name: string) => {
      const customer = await ok(api, 'POST', '/api/v1/customers', {
        name,
        currency: 'EUR',
        timezone: 'Europe/Madrid',
        activationDate: '2024-02-01',
        billGroupId: group.id,
      });
      const contract = await ok(api, 'POST', '/api/v1/contracts', {
        customerId: customer.id,
        basicContractId: basic.id,
        number: `C-${name.slice(0, 4)}`,
        date: '2024-02-01',
      });
      await ok(api, 'POST', '/api/v1/subscriptions', {
        contractId: contract.id,
        productId: yearly.id,
        quantity: 1,
        startDate: '2024-02-01',
        billing: 'in_arrears',
      });
      env.clock.set('2024-03-05T10:00:00Z');
      await ok(api, 'POST', '/api/v1/charges', {
        contractId: contract.id,
        amount: '-5.00',
        description: 'Goodwill credit',
        date: '2024-03-05',
      });
      return customer.id as string;
    };
    const staying = await account('Staying SL');
    const leaving = await account('Leaving SL');
    // The second one is cancelled before the April run.
    env.clock.set('2024-03-20T10:00:00Z');
    expect((await api('PATCH', `/api/v1/customers/${leaving}`, { status: 'closed' })).status).toBe(200);
    env.clock.set('2024-04-01T05:00:00Z');
    const run = await api('POST', '/api/v1/bill-runs', { billGroupId: group.id });
    expect(run.status).toBe(202);
    await env.runtime.queue.drain();
    const invoiceOf = async (customerId: string) =>
      (await ok(api, 'GET', `/api/v1/documents?customerId=${customerId}&type=invoice`)).data.map(
        (d: { status: string; totals: { total: string } }) => [d.status, d.totals.total],
      );
    expect(await invoiceOf(leaving)).toEqual([['issued', '-5.00']]);
    expect(await invoiceOf(staying)).toEqual([['draft', '-5.00']]);
  });

  it('is the close type a new bill group gets', async () => {
    const { api } = await env.newTenant();
    const res = await api('POST', '/api/v1/bill-groups', { name: 'Default', billDay: 5 });
    expect(res.body.invoiceCloseType).toBe('post_user_billing');
  });
});
