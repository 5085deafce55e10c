import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';

/**
 * A bulk issue numbers its drafts a page at a time; each draft still gets the single issue's
 * checks and effects: one with calls that arrived after generation is refused on its own with
 * UNBILLED_USAGE and takes no number, the others are numbered consecutively in the stable order,
 * each with its audit event and its `document.issued` webhook event.
 */
describe('Bulk issue of a page of drafts', { timeout: 300_000 }, () => {
  let env: TestEnv;
  let api: ApiClient;
  let tenantId: string;
  let sequenceId: string;
  const drafts: Record<string, string> = {};
  const customerIds: Record<string, string> = {};

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-02-10T10:00:00Z' });
    ({ api, tenantId, sequenceId } = await invoicingTenant(env));
    for (const name of ['Cedro SL', 'Abeto SA', 'Boj SL']) {
      const customer = (await api('POST', '/api/v1/customers', { name, currency: 'EUR' })).body;
      customerIds[name] = customer.id;
      await seedUsage(env, tenantId, customer.id, [{ startedAt: '2026-01-10T10:00:00Z', price: '1.5000' }]);
      drafts[name] = (
        await makeInvoice(env, api, {
          type: 'invoice',
          customerId: customer.id,
          periodStart: '2026-01-01',
          periodEnd: '2026-01-31',
          numberSequenceId: sequenceId,
        })
      ).id;
    }
    // A late call of Abeto's period: its draft no longer bills everything.
    await seedUsage(env, tenantId, customerIds['Abeto SA']!, [{ startedAt: '2026-01-20T10:00:00Z', price: '0.5000' }]);
  }, 600_000);
  afterAll(() => env.close());

  it('refuses the stale draft alone; the others are numbered consecutively with their events', async () => {
    const started = await api('POST', '/api/v1/bulk-actions', { action: 'issue', documentIds: Object.values(drafts) });
    expect(started.status, started.raw).toBe(202);
    await env.runtime.queue.drain();
    const done = (await api('GET', `/api/v1/bulk-actions/${started.body.id}`)).body;
    expect(done).toMatchObject({
      status: 'completed_with_errors',
      counts: { total: 3, done: 2, failed: 1, pending: 0 },
      errors: [{ documentId: drafts['Abeto SA'], code: 'UNBILLED_USAGE' }],
    });
    const doc = async (name: string) => (await api('GET', `/api/v1/documents/${drafts[name]}`)).body;
    expect(await doc('Abeto SA')).toMatchObject({ status: 'draft', number: null });
    expect(await doc('Boj SL')).toMatchObject({ status: 'issued', number: 'TEST0001', paymentStatus: 'unpaid' });
    expect(await doc('Cedro SL')).toMatchObject({ status: 'issued', number: 'TEST0002', paymentStatus: 'unpaid' });
    for (const name of ['Boj SL', 'Cedro SL']) {
      const audit = (await api('GET', `/api/v1/audit-events?objectId=${drafts[name]}`)).body.data as Array<{
        action: string;
      }>;
      expect(audit.filter((e) => e.action === 'issued')).toHaveLength(1);
    }
    const events = (await api('GET', '/api/v1/webhook-events?type=document.issued')).body.data as Array<{
      payload: { data: { document: { id: string; number: string } } };
    }>;
    expect(events.map((e) => e.payload.data.document.number).sort()).toEqual(['TEST0001', 'TEST0002']);
  });
});
