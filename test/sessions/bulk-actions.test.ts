import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';

/**
 * Bulk actions: an accountant selects documents and issues, cancels, deletes or recalculates them
 * in one request. The work runs in the background; each document succeeds or fails on its own.
 */
// Each generated draft is rendered by Chromium; on a busy machine that takes a while.
describe('Bulk actions over a selection of documents', { timeout: 300_000 }, () => {
  let env: TestEnv;
  let api: ApiClient;
  let tenantId: string;
  let sequenceId: string;
  const drafts: Record<string, string> = {};
  let foreignDraft: string;
  let foreignApi: ApiClient;

  /** Starts a bulk action, runs the queue, and answers the finished action. */
  const bulk = async (body: Record<string, unknown>) => {
    const started = await api('POST', '/api/v1/bulk-actions', body);
    expect(started.status, started.raw).toBe(202);
    expect(started.body).toMatchObject({ status: 'queued', counts: { pending: started.body.counts.total } });
    await env.runtime.queue.drain();
    return (await api('GET', `/api/v1/bulk-actions/${started.body.id}`)).body;
  };
  const doc = async (id: string) => (await api('GET', `/api/v1/documents/${id}`)).body;

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-02-10T10:00:00Z' });
    ({ api, tenantId, sequenceId } = await invoicingTenant(env));
    const customers = [
      ['Zeta Telecom', 'A-10'],
      ['acme sl', 'A-2'],
      ['Ábaco Redes', 'A-1'],
      ['Nube SL', null],
    ] as const;
    for (const [name, accountCode] of customers) {
      const customer = (await api('POST', '/api/v1/customers', { name, currency: 'EUR', accountCode })).body;
      await seedUsage(env, tenantId, customer.id, [{ startedAt: '2026-01-10T10:00:00Z', price: '2.5000' }]);
      const draft = await makeInvoice(env, api, {
        type: 'invoice',
        customerId: customer.id,
        periodStart: '2026-01-01',
        periodEnd: '2026-01-31',
        numberSequenceId: sequenceId,
      });
      drafts[name] = draft.id;
    }
    const other = await invoicingTenant(env);
    foreignApi = other.api;
    foreignDraft = (
      await makeInvoice(env, other.api, {
        type: 'invoice',
        customerId: other.customerId,
        periodStart: '2026-01-01',
        periodEnd: '2026-01-31',
        numberSequenceId: other.sequenceId,
      })
    ).id;
  }, 600_000);
  afterAll(() => env.close());

  it('issues a selection with consecutive numbers in customer-name order; another tenant’s document is an error and stays untouched', async () => {
    const selection = [drafts['Zeta Telecom']!, foreignDraft, drafts['Ábaco Redes']!, drafts['acme sl']!];
    const done = await bulk({ action: 'issue', documentIds: selection });
    expect(done).toMatchObject({
      action: 'issue',
      status: 'completed_with_errors',
      issueOrder: 'customer_name',
      counts: { total: 4, done: 3, failed: 1, pending: 0 },
      errors: [{ documentId: foreignDraft, code: 'NOT_FOUND' }],
    });
    expect((await doc(drafts['Ábaco Redes']!)).number).toBe('TEST0001');
    expect((await doc(drafts['acme sl']!)).number).toBe('TEST0002');
    expect((await doc(drafts['Zeta Telecom']!)).number).toBe('TEST0003');
    const foreign = (await foreignApi('GET', `/api/v1/documents/${foreignDraft}`)).body;
    expect(foreign).toMatchObject({ status: 'draft', number: null });
  });

  it('is safe to repeat: issued documents keep their numbers and count as done, no number is used up', async () => {
    const selection = [drafts['Zeta Telecom']!, drafts['Ábaco Redes']!, drafts['acme sl']!];
    const again = await bulk({ action: 'issue', documentIds: selection });
    expect(again).toMatchObject({ status: 'completed', counts: { total: 3, done: 3, failed: 0 }, errors: [] });
    expect((await doc(drafts['Zeta Telecom']!)).number).toBe('TEST0003');
    const next = await bulk({ action: 'issue', documentIds: [drafts['Nube SL']!] });
    expect(next.status).toBe('completed');
    expect((await doc(drafts['Nube SL']!)).number).toBe('TEST0004');
  });

  it('numbers by account code when asked: natural order, customers without one last', async () => {
    const ids: string[] = [];
    for (const name of ['Zeta Telecom', 'acme sl', 'Ábaco Redes', 'Nube SL']) {
      const customerId = (await doc(drafts[name]!)).customerId;
      ids.push(
        (
          await makeInvoice(env, api, {
            type: 'invoice',
            customerId,
            periodStart: '2025-12-01',
            periodEnd: '2025-12-31',
            numberSequenceId: sequenceId,
          })
        ).id,
      );
    }
    const done = await bulk({ action: 'issue', documentIds: [...ids].reverse(), issueOrder: 'account_code' });
    expect(done.status).toBe('completed');
    const numbers = await Promise.all(ids.map(async (id) => (await doc(id)).number));
    // Zeta A-10, acme A-2, Ábaco A-1, Nube none →, then Nube.
    expect(numbers).toEqual(['TEST0007', 'TEST0006', 'TEST0005', 'TEST0008']);
  });

  it('deletes drafts only: an issued document is an error with its code, a repeat counts the deleted draft as done', async () => {
    const customerId = (await doc(drafts['Nube SL']!)).customerId;
    const draft = await makeInvoice(env, api, {
      type: 'invoice',
      customerId,
      periodStart: '2025-11-01',
      periodEnd: '2025-11-30',
      numberSequenceId: sequenceId,
    });
    const selection = [draft.id, drafts['Nube SL']!];
    const done = await bulk({ action: 'delete', documentIds: selection });
    expect(done).toMatchObject({
      status: 'completed_with_errors',
      counts: { total: 2, done: 1, failed: 1 },
      errors: [{ documentId: drafts['Nube SL'], code: 'DOCUMENT_NOT_DRAFT' }],
    });
    expect((await api('GET', `/api/v1/documents/${draft.id}`)).status).toBe(404);
    expect((await doc(drafts['Nube SL']!)).status).toBe('issued');
    const again = await bulk({ action: 'delete', documentIds: [draft.id] });
    expect(again).toMatchObject({ status: 'completed', counts: { done: 1, failed: 0 } });
  });

  it('recalculates drafts from current data: the customer’s new details and the usage that arrived since', async () => {
    const customerId = (await doc(drafts['acme sl']!)).customerId;
    const draft = await makeInvoice(env, api, {
      type: 'invoice',
      customerId,
      periodStart: '2025-10-01',
      periodEnd: '2025-10-31',
      numberSequenceId: sequenceId,
    });
    expect(draft.totals.usage).toBe('0.00');
    await api('PATCH', `/api/v1/customers/${customerId}`, { name: 'Acme Sociedad Limitada' });
    await seedUsage(env, tenantId, customerId, [{ startedAt: '2025-10-20T10:00:00Z', price: '4.0000' }]);
    const done = await bulk({ action: 'recalculate', documentIds: [draft.id, drafts['acme sl']!] });
    expect(done).toMatchObject({
      counts: { done: 1, failed: 1 },
      errors: [{ documentId: drafts['acme sl'], code: 'DOCUMENT_NOT_DRAFT' }],
    });
    const after = await doc(draft.id);
    expect(after.recipient.name).toBe('Acme Sociedad Limitada');
    expect(after.totals.usage).toBe('4.00');
    expect(after.renderStatus).toBe('created');
    // The issued invoice keeps the details it was issued with.
    expect((await doc(drafts['acme sl']!)).recipient.name).toBe('acme sl');
  });

  it('cancels issued documents; a repeat counts them as done', async () => {
    const selection = [drafts['Zeta Telecom']!, drafts['Ábaco Redes']!];
    const done = await bulk({ action: 'cancel', documentIds: selection, reason: 'wrong rate plan' });
    expect(done).toMatchObject({ status: 'completed', reason: 'wrong rate plan', counts: { done: 2 } });
    expect((await doc(drafts['Zeta Telecom']!)).status).toBe('cancelled');
    expect((await bulk({ action: 'cancel', documentIds: selection })).counts).toMatchObject({ done: 2, failed: 0 });
  });

  it('refuses a request it cannot read with 400 and the field, and starts nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ action: 'issue', documentIds: [] }, 'documentIds'],
      [{ action: 'approve', documentIds: ['doc_1'] }, 'action'],
      [{ action: 'cancel', documentIds: ['doc_1'], issueOrder: 'account_code' }, 'issueOrder'],
      [{ action: 'issue' }, 'documentIds'],
    ];
    const before = (await api('GET', '/api/v1/bulk-actions?limit=500')).body.data.length;
    for (const [body, field] of cases) {
      const res = await api('POST', '/api/v1/bulk-actions', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await api('GET', '/api/v1/bulk-actions?limit=500')).body.data.length).toBe(before);
    expect((await api('GET', '/api/v1/bulk-actions/bulk_missing')).status).toBe(404);
  });
});
