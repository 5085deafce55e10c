import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';
import { ok } from '../catalog/support.ts';
import type { UnitOfWork } from '../../src/app/ports/session.ts';
import { counted, type Calls } from '../support/counted-session.ts';

// A run is set-based like a generation session: a chunk of accounts costs the same statements
// whether it holds ten accounts or fifty, each with calls, a one-off charge already on an open
// invoice that billing widens, and a close after the run.
describe('A bill run chunk issues a constant number of statements', () => {
  let env: TestEnv;
  let uow: UnitOfWork;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2024-01-10T09:00:00Z' });
    uow = env.runtime.deps.uow;
  }, 120_000);
  afterAll(() => env?.close());

  /** Bills `accounts` accounts in one run; the calls of its chunk and of its close, and the invoices. */
  async function runOver(accounts: number) {
    env.clock.set('2024-01-10T09:00:00Z');
    const { api, tenantId: t } = await invoicingTenant(env);
    const group = await ok(api, 'POST', '/api/v1/bill-groups', {
      name: `Group of ${accounts}`,
      billDay: 1,
      invoiceCloseType: 'after_each_bill_run',
    });
    const basic = await ok(api, 'POST', '/api/v1/contracts', { kind: 'basic', name: 'Basic' });
    for (let i = 0; i < accounts; i++) {
      const customer = await ok(api, 'POST', '/api/v1/customers', {
        name: `Account ${i}`,
        currency: 'EUR',
        timezone: 'Europe/Madrid',
        activationDate: '2024-01-01',
        billGroupId: group.id,
      });
      const contract = await ok(api, 'POST', '/api/v1/contracts', {
        customerId: customer.id,
        basicContractId: basic.id,
        number: `C-${i}`,
        date: '2024-01-01',
      });
      await seedUsage(env, t, customer.id, [{ startedAt: '2024-01-15T10:00:00Z', price: '2.00' }]);
      // Opens the account's invoice now; the run widens it to the whole cycle.
      await ok(api, 'POST', '/api/v1/charges', {
        contractId: contract.id,
        amount: '5.00',
        description: 'Setup',
        date: '2024-01-10',
      });
    }
    const chunk: Calls = new Map();
    const close: Calls = new Map();
    env.runtime.deps.uow = {
      ...uow,
      run: (work) =>
        uow.run(async (s) => {
          const calls: Calls = new Map();
          const result = await work(counted(s, calls));
          if (calls.has('billRuns.claimChunk')) for (const [k, n] of calls) chunk.set(k, (chunk.get(k) ?? 0) + n);
          if (calls.has('billRuns.markClosedAll')) for (const [k, n] of calls) close.set(k, (close.get(k) ?? 0) + n);
          return result;
        }),
    };
    try {
      env.clock.set('2024-02-01T05:00:00Z');
      const started = await ok(api, 'POST', '/api/v1/bill-runs', { billGroupId: group.id }, 202);
      await env.runtime.queue.drain();
      const run = await ok(api, 'GET', `/api/v1/bill-runs/${started.id}`);
      const list = await ok(api, 'GET', '/api/v1/documents?type=invoice&limit=100');
      return { run, invoices: list.data as Array<Record<string, any>>, chunk, close };
    } finally {
      env.runtime.deps.uow = uow;
    }
  }

  it('bills ten accounts and fifty with the same calls to the store, per chunk and per close', async () => {
    const small = await runOver(10);
    const large = await runOver(50);
    for (const [{ run, invoices }, n] of [
      [small, 10],
      [large, 50],
    ] as const) {
      expect([run.status, run.counts.accountsBilled, run.counts.invoicesClosed]).toEqual(['completed', n, n]);
      expect(invoices.map((d) => [d.status, d.periodStart, d.periodEnd, d.totals.total])).toEqual(
        Array.from({ length: n }, () => ['issued', '2024-01-01', '2024-01-31', '7.00']),
      );
    }
    // Measured, not vacuous: the chunk locked the open drafts and the close issued the invoices.
    expect([small.chunk.get('documents.getDocumentsForUpdate'), small.close.get('documents.issueMany')]).toEqual([
      1, 1,
    ]);
    expect(Object.fromEntries(large.chunk)).toEqual(Object.fromEntries(small.chunk));
    expect(Object.fromEntries(large.close)).toEqual(Object.fromEntries(small.close));
  }, 240_000);
});
