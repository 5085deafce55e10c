import { expect } from 'vitest';
import type { TestEnv } from '../support/runtime.ts';
import { invoicingTenant } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';
import { ok } from '../catalog/support.ts';

/** What one account ends up with: its invoices (oldest first) as the API shows them. */
export interface Invoice {
  id: string;
  status: string;
  number: string | null;
  periodStart: string;
  periodEnd: string;
  totals: { total: string };
  lines: Array<{ kind: string; description: string; net: string }>;
  /** The external ids of the payments shown on it. */
  payments: string[];
}

export interface TwoCycles {
  tenantId: string;
  runs: Array<Record<string, any>>;
  /** Invoices of each account right after run 1, after the mid-cycle transactions, and at the end. */
  afterRun1: Record<string, Invoice[]>;
  midCycle: Record<string, Invoice[]>;
  afterRun2: Record<string, Invoice[]>;
}

export const ACCOUNTS = ['Monthly SL', 'Yearly SL', 'Quiet SL'] as const;
export type Account = (typeof ACCOUNTS)[number];

/**
 * Two bill cycles of a group billing on the 1st, in Madrid:
 * - "Monthly SL" has a monthly SIP trunk (30.00, in arrears) and calls each month; it paid 10.00
 *   on 20 February (before any run), 20.00 while run 1 was going on and 30.00 while run 2 was;
 * - "Yearly SL" has a yearly package that does not bill in either cycle, and gets a 5.00 credit
 *   on 5 March, between the runs;
 * - "Quiet SL" has no package, only a call at no cost in February, and buys a 12.00 setup on 5 March.
 * Run 1 bills February on 1 March, run 2 March on 1 April. Payments "during a run" arrive after the
 * run started and before its workers reach the account.
 */
export async function twoBillCycles(env: TestEnv, closeType: string): Promise<TwoCycles> {
  env.clock.set('2024-02-01T09:00:00Z');
  const t = await invoicingTenant(env);
  const api = t.api;
  const group = await ok(api, 'POST', '/api/v1/bill-groups', {
    name: 'First of month',
    billDay: 1,
    invoiceCloseType: closeType,
  });
  const basic = await ok(api, 'POST', '/api/v1/contracts', { kind: 'basic', name: 'Business basic' });
  const product = async (code: string, period: string, price: string) =>
    (
      await ok(api, 'POST', '/api/v1/products', {
        code,
        name: code === 'SIP' ? 'SIP trunk' : 'Yearly support',
        kind: 'recurring',
        period,
        currency: 'EUR',
        priceModel: 'flat',
        price,
        taxRate: '0',
      })
    ).id as string;
  const monthly = await product('SIP', 'month', '30.00');
  const yearly = await product('SUP', 'year', '120.00');
  const ids = {} as Record<Account, { customerId: string; contractId: string }>;
  for (const name of ACCOUNTS) {
    const customer = await ok(api, 'POST', '/api/v1/customers', {
      name,
      currency: 'EUR',
      timezone: 'Europe/Madrid',
      billingPeriod: 'monthly',
      activationDate: '2024-02-01',
      billGroupId: group.id,
    });
    const contract = await ok(api, 'POST', '/api/v1/contracts', {
      customerId: customer.id,
      basicContractId: basic.id,
      number: `C-${name.slice(0, 4)}`,
      date: '2024-02-01',
    });
    ids[name] = { customerId: customer.id, contractId: contract.id };
  }
  const subscribe = (name: Account, productId: string) =>
    ok(api, 'POST', '/api/v1/subscriptions', {
      contractId: ids[name].contractId,
      productId,
      quantity: 1,
      startDate: '2024-02-01',
      billing: 'in_arrears',
    });
  await subscribe('Monthly SL', monthly);
  await subscribe('Yearly SL', yearly);
  await seedUsage(env, t.tenantId, ids['Monthly SL'].customerId, [
    { startedAt: '2024-02-10T10:00:00Z', price: '2.00' },
    { startedAt: '2024-03-10T10:00:00Z', price: '3.00' },
  ]);
  await seedUsage(env, t.tenantId, ids['Quiet SL'].customerId, [{ startedAt: '2024-02-12T10:00:00Z', price: '0.00' }]);
  const pay = (externalId: string, amount: string, receivedAt: string) =>
    ok(api, 'POST', '/api/v1/payments', {
      customerId: ids['Monthly SL'].customerId,
      amount,
      currency: 'EUR',
      receivedAt,
      externalId,
    });
  env.clock.set('2024-02-20T12:00:00Z');
  await pay('before-run-1', '10.00', '2024-02-20T12:00:00Z');

  const invoices = async (): Promise<Record<string, Invoice[]>> => {
    const out: Record<string, Invoice[]> = {};
    for (const name of ACCOUNTS) {
      const list = await ok(api, 'GET', `/api/v1/documents?customerId=${ids[name].customerId}&type=invoice&limit=100`);
      const docs: Invoice[] = [];
      for (const d of [...list.data].sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id))) {
        const full = await ok(api, 'GET', `/api/v1/documents/${d.id}`);
        const shown = (full.presentedPayments ?? []) as Array<{ paymentId: string; amount: string }>;
        const external = await Promise.all(
          shown.map(async (p) => {
            const payment = await ok(api, 'GET', `/api/v1/payments/${p.paymentId}`);
            expect(p.amount).toBe(payment.amount);
            return payment.externalId as string;
          }),
        );
        docs.push({ ...full, payments: external.sort() });
      }
      out[name] = docs;
    }
    return out;
  };
  const runs: Array<Record<string, any>> = [];
  // A run starts at 06:00 Madrid on the 1st; a payment arrives ten minutes later; workers go on at 06:20.
  const billRun = async (day: string, payment: [string, string]) => {
    env.clock.set(`${day}T05:00:00Z`);
    const started = await api('POST', '/api/v1/bill-runs', { billGroupId: group.id });
    expect(started.status).toBe(202);
    expect(started.body.billDate).toBe(day);
    env.clock.set(`${day}T05:10:00Z`);
    await pay(payment[0], payment[1], `${day}T05:10:00Z`);
    env.clock.set(`${day}T05:20:00Z`);
    await env.runtime.queue.drain();
    const run = await ok(api, 'GET', `/api/v1/bill-runs/${started.body.id}`);
    runs.push(run);
    return run;
  };

  await billRun('2024-03-01', ['during-run-1', '20.00']);
  const afterRun1 = await invoices();
  env.clock.set('2024-03-05T10:00:00Z');
  await ok(api, 'POST', '/api/v1/charges', {
    contractId: ids['Yearly SL'].contractId,
    amount: '-5.00',
    description: 'Goodwill credit',
    date: '2024-03-05',
  });
  await ok(api, 'POST', '/api/v1/charges', {
    contractId: ids['Quiet SL'].contractId,
    amount: '12.00',
    description: 'Static IP setup',
    date: '2024-03-05',
  });
  const midCycle = await invoices();
  await billRun('2024-04-01', ['during-run-2', '30.00']);
  const afterRun2 = await invoices();
  return { tenantId: t.tenantId, runs, afterRun1, midCycle, afterRun2 };
}

/** An invoice's lines as "description net", for compact assertions. */
export const linesOf = (invoice: Invoice | undefined) => (invoice?.lines ?? []).map((l) => `${l.description} ${l.net}`);
