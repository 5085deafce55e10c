import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';

const february = { documentType: 'invoice', periodStart: '2024-02-01', periodEnd: '2024-02-29' };

// An operator bills everyone at once: a session makes one draft per customer due, records an
// error per customer that cannot be billed, and never bills a customer twice for a period.
describe('Generation sessions: a month of invoices for every customer at once', () => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof invoicingTenant>>;
  const names = ['Alpha SL', 'Beta SA', 'Gamma SL'];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2024-03-05T10:00:00Z' });
    t = await invoicingTenant(env);
    for (const name of names) {
      const c = await t.api('POST', '/api/v1/customers', {
        name,
        timezone: 'Europe/Madrid',
        currency: 'EUR',
        activationDate: '2024-01-01',
      });
      ids[name] = c.body.id;
      await seedUsage(env, t.tenantId, c.body.id, [
        { startedAt: '2024-02-10T10:00:00Z', price: '1.50' },
        { startedAt: '2024-02-11T10:00:00Z', price: '2.25' },
      ]);
    }
    // Gamma has a call nobody has priced yet.
    await seedUsage(env, t.tenantId, ids['Gamma SL']!, [{ startedAt: '2024-02-12T10:00:00Z', price: null }]);
  });
  afterAll(() => env.close());

  const run = async (api: ApiClient, body: Record<string, unknown>) => {
    const started = await api('POST', '/api/v1/generation-sessions', body);
    expect(started.status).toBe(202);
    await env.runtime.queue.drain();
    return (await api('GET', `/api/v1/generation-sessions/${started.body.id}`)).body;
  };

  it('drafts an invoice for each customer; the one with unrated usage is an error naming it and the code', async () => {
    const started = await t.api('POST', '/api/v1/generation-sessions', february);
    expect(started.status).toBe(202);
    expect(started.body.status).toBe('in_progress');
    expect(started.body.startedBy.kind).toBe('api_key');
    await env.runtime.queue.drain();
    const session = (await t.api('GET', `/api/v1/generation-sessions/${started.body.id}`)).body;
    expect(session.status).toBe('completed_with_errors');
    // The tenant's first customer was activated in March: it is not due for February.
    expect(session.counts).toEqual({
      customersTotal: 3,
      customersDone: 2,
      customersFailed: 1,
      customersSkipped: 0,
      documentsCreated: 2,
    });
    expect(session.errors).toEqual([expect.objectContaining({ customerId: ids['Gamma SL'], code: 'UNRATED_USAGE' })]);
    expect(session.errors[0].details.unratedCount).toBe(1);
    const docs = await Promise.all(
      session.documentIds.map(async (id: string) => (await t.api('GET', `/api/v1/documents/${id}`)).body),
    );
    expect(docs.map((d) => [d.recipient?.name ?? d.customerId, d.status, d.totals.usage, d.sessionId]).sort()).toEqual([
      ['Alpha SL', 'draft', '3.75', session.id],
      ['Beta SA', 'draft', '3.75', session.id],
    ]);
    const listed = await t.api('GET', `/api/v1/documents?sessionId=${session.id}`);
    expect(listed.body.data).toHaveLength(2);
  });

  it('a repeated session for the same period creates no duplicates', async () => {
    const again = await run(t.api, february);
    expect(again.status).toBe('completed_with_errors');
    expect(again.counts.documentsCreated).toBe(0);
    expect(again.counts.customersSkipped).toBe(2);
    const all = await t.api('GET', '/api/v1/documents?periodStart=2024-02-01&periodEnd=2024-02-29&limit=100');
    expect(all.body.data).toHaveLength(2);
  });

  it('refuses a second start of a running session with 409 and the running id', async () => {
    const body = { ...february, customerIds: [ids['Alpha SL']] };
    const first = await t.api('POST', '/api/v1/generation-sessions', body);
    const second = await t.api('POST', '/api/v1/generation-sessions', { ...body, customerIds: [ids['Alpha SL']] });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('SESSION_RUNNING');
    expect(second.body.sessionId).toBe(first.body.id);
    await env.runtime.queue.drain();
    const done = (await t.api('GET', `/api/v1/generation-sessions/${first.body.id}`)).body;
    expect(done.status).toBe('completed');
    const history = await t.api('GET', '/api/v1/generation-sessions?status=completed');
    expect(history.body.data.map((s: { id: string }) => s.id)).toContain(first.body.id);
  });

  it('bad input: an open period, an unknown customer or scheme; a scope of nobody is a completed empty session', async () => {
    const open = await t.api('POST', '/api/v1/generation-sessions', {
      documentType: 'invoice',
      periodStart: '2024-03-01',
      periodEnd: '2024-03-31',
    });
    expect([open.status, open.body.code]).toEqual([422, 'FUTURE_PERIOD']);
    const stranger = await t.api('POST', '/api/v1/generation-sessions', { ...february, customerIds: ['cus_nobody'] });
    expect([stranger.status, stranger.body.code, stranger.body.errors[0].field]).toEqual([
      422,
      'UNKNOWN_CUSTOMER',
      'customerIds[0]',
    ]);
    const scheme = await t.api('POST', '/api/v1/generation-sessions', { ...february, schemeId: 'sch_nope' });
    expect([scheme.status, scheme.body.code]).toEqual([422, 'UNKNOWN_SCHEME']);
    const nobody = await t.api('POST', '/api/v1/generation-sessions', { ...february, billingPeriod: 'weekly' });
    expect(nobody.status).toBe(202);
    expect(nobody.body.status).toBe('completed');
    expect(nobody.body.counts.customersTotal).toBe(0);
  });
});
