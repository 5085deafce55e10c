import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';
import { ok, sipTrunk } from '../catalog/support.ts';
import type { UnitOfWork } from '../../src/app/ports/session.ts';
import { counted, type Calls } from '../support/counted-session.ts';

// A session's chunk is set-based: each repository method is a fixed number of statements, so a
// chunk of fifty customers must make the same calls as a chunk of ten — for invoices (usage and a
// subscription charge each) and for the acts that restate those invoices once issued.
describe('A generation session chunk issues a constant number of statements', () => {
  let env: TestEnv;
  let uow: UnitOfWork;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2024-03-05T10:00:00Z' });
    uow = env.runtime.deps.uow;
  }, 120_000);
  afterAll(() => env?.close());

  /** Runs February's invoice session, issues it, then the act session; the calls of each chunk. */
  async function runOver(customers: number) {
    const t = await invoicingTenant(env);
    const trunk = await ok(t.api, 'POST', '/api/v1/products', sipTrunk);
    const basic = await ok(t.api, 'POST', '/api/v1/contracts', { kind: 'basic', name: 'Basic' });
    for (let i = 0; i < customers; i++) {
      const customer = await ok(t.api, 'POST', '/api/v1/customers', {
        name: `Customer ${String(i).padStart(2, '0')}`,
        currency: 'EUR',
        activationDate: '2024-01-01',
      });
      const contract = await ok(t.api, 'POST', '/api/v1/contracts', {
        customerId: customer.id,
        basicContractId: basic.id,
        number: `C-${i}`,
        date: '2024-01-01',
      });
      await ok(t.api, 'POST', '/api/v1/subscriptions', {
        contractId: contract.id,
        productId: trunk.id,
        startDate: '2024-02-01',
        billing: 'in_arrears',
      });
      await seedUsage(env, t.tenantId, customer.id, [{ startedAt: '2024-02-15T10:00:00Z', price: '2.00' }]);
    }
    const chunks: Record<'invoice' | 'act', Calls> = { invoice: new Map(), act: new Map() };
    let current: Calls = chunks.invoice;
    env.runtime.deps.uow = {
      ...uow,
      run: (work) =>
        uow.run(async (s) => {
          const calls: Calls = new Map();
          const result = await work(counted(s, calls));
          if (calls.has('generationSessions.finishChunk'))
            for (const [k, n] of calls) current.set(k, (current.get(k) ?? 0) + n);
          return result;
        }),
    };
    const session = async (documentType: string) => {
      const started = await ok(
        t.api,
        'POST',
        '/api/v1/generation-sessions',
        {
          documentType,
          periodStart: '2024-02-01',
          periodEnd: '2024-02-29',
        },
        202,
      );
      await env.runtime.queue.drain();
      return ok(t.api, 'GET', `/api/v1/generation-sessions/${started.id}`);
    };
    try {
      const invoices = await session('invoice');
      const issued = await ok(t.api, 'POST', `/api/v1/generation-sessions/${invoices.id}/issue`, undefined, 202);
      await env.runtime.queue.drain();
      expect((await ok(t.api, 'GET', `/api/v1/bulk-actions/${issued.id}`)).status).toBe('completed');
      current = chunks.act;
      const acts = await session('act');
      const list = await ok(t.api, 'GET', `/api/v1/documents?sessionId=${acts.id}&limit=100`);
      const actDocs = [];
      for (const d of list.data) actDocs.push(await ok(t.api, 'GET', `/api/v1/documents/${d.id}`));
      return { invoices, acts, actDocs: actDocs as Array<Record<string, any>>, ...chunks };
    } finally {
      env.runtime.deps.uow = uow;
    }
  }

  it('makes ten customers’ invoices and acts and fifty customers’ with the same calls to the store', async () => {
    const small = await runOver(10);
    const large = await runOver(50);
    for (const [run, n] of [
      [small, 10],
      [large, 50],
    ] as const) {
      // The tenant's own customer was created after February, so neither session is due for it.
      const counts = { customersTotal: n, customersDone: n, customersFailed: 0, documentsCreated: n };
      expect([run.invoices.counts, run.acts.counts]).toMatchObject([counts, counts]);
      // 30.00 of the trunk + 2.00 of calls, 21 % on the trunk: each act restates its invoice.
      expect(run.actDocs.map((d) => [d.type, d.totals.net, d.lines.length])).toEqual(
        Array.from({ length: n }, () => ['act', '32.00', 2]),
      );
    }
    // Measured, not vacuous: the chunk transactions were seen and restated the invoices in one read.
    expect(small.invoice.get('usageClaims.attachUsageOf')).toBe(1);
    expect(small.act.get('documentLines.linesOf')).toBe(1);
    expect(Object.fromEntries(large.invoice)).toEqual(Object.fromEntries(small.invoice));
    expect(Object.fromEntries(large.act)).toEqual(Object.fromEntries(small.act));
  }, 300_000);
});
