import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';

// Chunks of three customers, so that a dozen customers make four chunk jobs.
vi.hoisted(() => {
  process.env.TOLLBOOK_SESSION_CHUNK_SIZE = '3';
});

const february = { documentType: 'invoice', periodStart: '2024-02-01', periodEnd: '2024-02-29' };

// A worker process with TOLLBOOK_WORKER_JOBS > 1 (or several worker processes) runs a session's
// chunks side by side. The session must end the same as when they run one after the other.
describe('Session chunks run side by side', () => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof invoicingTenant>>;
  const customers: Array<{ id: string; name: string }> = [];

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2024-03-05T10:00:00Z' });
    t = await invoicingTenant(env);
    for (let n = 1; n <= 12; n += 1) {
      const name = `Client ${String(n).padStart(2, '0')}`;
      const c = await t.api('POST', '/api/v1/customers', {
        name,
        timezone: 'Europe/Madrid',
        currency: 'EUR',
        activationDate: '2024-01-01',
      });
      customers.push({ id: c.body.id, name });
      await seedUsage(env, t.tenantId, c.body.id, [
        { startedAt: '2024-02-10T10:00:00Z', price: `${n}.00` },
        { startedAt: '2024-02-11T10:00:00Z', price: '0.25' },
      ]);
    }
  });
  afterAll(async () => {
    delete process.env.TOLLBOOK_SESSION_CHUNK_SIZE;
    await env.close();
  });

  it('three drains over four chunks: one draft per customer with its own usage, counters that add up', async () => {
    const started = await t.api('POST', '/api/v1/generation-sessions', february);
    expect(started.status).toBe(202);
    await env.runtime.queue.drainConcurrently(3);
    const session = (await t.api('GET', `/api/v1/generation-sessions/${started.body.id}`)).body;
    expect(session.status).toBe('completed');
    // The tenant's own first customer was made in March: not in February's scope.
    expect(session.counts).toEqual({
      customersTotal: 12,
      customersDone: 12,
      customersFailed: 0,
      customersSkipped: 0,
      documentsCreated: 12,
    });
    const docs = await Promise.all(
      session.documentIds.map(async (id: string) => (await t.api('GET', `/api/v1/documents/${id}`)).body),
    );
    const usageOf = Object.fromEntries(docs.map((d) => [d.customerId, d.totals.usage]));
    expect(usageOf).toEqual(Object.fromEntries(customers.map((c, i) => [c.id, `${i + 1}.25`])));
  });

  it('the same session again, twice at once, creates nothing new', async () => {
    const again = await t.api('POST', '/api/v1/generation-sessions', february);
    expect(again.status).toBe(202);
    await env.runtime.queue.drainConcurrently(2);
    const session = (await t.api('GET', `/api/v1/generation-sessions/${again.body.id}`)).body;
    expect(session.counts.documentsCreated).toBe(0);
    const all = await t.api('GET', '/api/v1/documents?periodStart=2024-02-01&periodEnd=2024-02-29&limit=100');
    expect(all.body.data).toHaveLength(12);
  });

  it('the bulk issue that follows numbers them consecutively in the order of customer names', async () => {
    const [first] = (await t.api('GET', '/api/v1/generation-sessions?limit=100')).body.data.filter(
      (s: { counts: { documentsCreated: number } }) => s.counts.documentsCreated === 12,
    );
    const bulk = await t.api('POST', `/api/v1/generation-sessions/${first.id}/issue`, { issueOrder: 'customer_name' });
    expect(bulk.status).toBe(202);
    await env.runtime.queue.drainConcurrently(2);
    const all = (await t.api('GET', '/api/v1/documents?periodStart=2024-02-01&periodEnd=2024-02-29&limit=100')).body
      .data as Array<{ customerId: string; number: string; status: string }>;
    const byCustomer = Object.fromEntries(all.map((d) => [d.customerId, d]));
    expect(customers.map((c) => [byCustomer[c.id]!.status, byCustomer[c.id]!.number])).toEqual(
      customers.map((_, i) => ['issued', `TEST${String(i + 1).padStart(4, '0')}`]),
    );
  });
});
