import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';

describe('Guards that keep the books consistent', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2018-11-15T12:00:00Z' });
  });
  afterAll(() => env.close());

  const october = (customerId: string, extra: Record<string, unknown> = {}) => ({
    type: 'invoice',
    customerId,
    periodStart: '2018-10-01',
    periodEnd: '2018-10-31',
    ...extra,
  });

  it('refuses to issue a number another sequence already used (409), and the counter does not move', async () => {
    const t = await invoicingTenant(env);
    const twin = (
      await t.api('POST', '/api/v1/number-sequences', {
        name: 'Twin',
        documentType: 'invoice',
        prefix: 'TEST',
        padding: 4,
      })
    ).body;
    await makeInvoice(env, t.api, october(t.customerId, { numberSequenceId: t.sequenceId }), { issue: true });
    const other = (await t.api('POST', '/api/v1/customers', { name: 'Other' })).body;
    const draft = await makeInvoice(env, t.api, october(other.id, { numberSequenceId: twin.id }));
    const res = await t.api('POST', `/api/v1/documents/${draft.id}/issue`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('NUMBER_TAKEN');
    expect((await t.api('GET', `/api/v1/number-sequences/${twin.id}`)).body.latestValue).toBeNull();
  });

  it('a yearly reset without the year in the number is refused: the numbers would repeat', async () => {
    const t = await invoicingTenant(env);
    const res = await t.api('POST', '/api/v1/number-sequences', {
      name: 'Bad',
      documentType: 'invoice',
      prefix: 'Y',
      padding: 4,
      reset: 'yearly',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'pattern', code: 'RESET_NOT_IN_NUMBER' });
  });

  it('refuses to issue a draft when calls of its period arrived after generation', async () => {
    const t = await invoicingTenant(env);
    const draft = await makeInvoice(env, t.api, october(t.customerId));
    await seedUsage(env, t.tenantId, t.customerId, [{ startedAt: '2018-10-20T10:00:00Z', price: '3.00' }]);
    const res = await t.api('POST', `/api/v1/documents/${draft.id}/issue`);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'UNBILLED_USAGE', unbilledCount: 1 });
    await t.api('POST', `/api/v1/documents/${draft.id}/generate`);
    await env.runtime.queue.drain();
    expect((await t.api('POST', `/api/v1/documents/${draft.id}/issue`)).body.totals.usage).toBe('3.00');
  });

  it('serves no PDF of an older revision: right after issue it is not ready until re-rendered with the number', async () => {
    const t = await invoicingTenant(env);
    const draft = await makeInvoice(env, t.api, october(t.customerId, { numberSequenceId: t.sequenceId }));
    expect((await t.api('GET', `/api/v1/documents/${draft.id}/pdf`)).status).toBe(200);
    await t.api('POST', `/api/v1/documents/${draft.id}/issue`);
    const early = await t.api('GET', `/api/v1/documents/${draft.id}/pdf`);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('PDF_NOT_READY');
    await env.runtime.queue.drain();
    expect((await t.api('GET', `/api/v1/documents/${draft.id}/pdf`)).status).toBe(200);
  });

  it("locks a customer's currency once it has usage or documents, and refuses to delete such a customer", async () => {
    const t = await invoicingTenant(env);
    await seedUsage(env, t.tenantId, t.customerId, [{ startedAt: '2018-10-20T10:00:00Z', price: '3.00' }]);
    const change = await t.api('PATCH', `/api/v1/customers/${t.customerId}`, { currency: 'USD' });
    expect(change.status).toBe(409);
    expect(change.body.code).toBe('CURRENCY_LOCKED');
    const del = await t.api('DELETE', `/api/v1/customers/${t.customerId}`);
    expect(del.status).toBe(409);
    expect(del.body.code).toBe('CUSTOMER_HAS_HISTORY');
  });

  it('answers 400, not 500, to a forged call-list cursor, an empty sequence id, NUL characters and oversized amounts', async () => {
    const t = await invoicingTenant(env);
    const doc = await makeInvoice(env, t.api, october(t.customerId));
    const cursor = Buffer.from('not-a-time|x').toString('base64url');
    expect(
      (await t.api('GET', `/api/v1/documents/${doc.id}/usage-records?cursor=${cursor}`)).body.errors[0],
    ).toMatchObject({ field: 'cursor', code: 'INVALID_CURSOR' });
    expect((await t.api('POST', '/api/v1/documents', october(t.customerId, { numberSequenceId: '' }))).status).toBe(
      400,
    );
    const nul = await t.api('GET', '/api/v1/documents/doc%00x');
    expect(nul.status).toBe(400);
    expect(nul.body.errors[0]).toMatchObject({ field: 'params.id', code: 'INVALID_CHARACTER' });
    expect((await t.api('POST', '/api/v1/customers', { name: 'a\u0000b' })).body.errors[0]).toMatchObject({
      field: 'name',
      code: 'INVALID_CHARACTER',
    });
    expect((await t.api('POST', '/api/v1/fixed-costs', { name: 'Huge', cost: '123456789012345678.00' })).status).toBe(
      400,
    );
  });

  it('never stores a new API key for idempotent replays: the replay answers without it', async () => {
    const t = await invoicingTenant(env);
    const first = await t.api(
      'POST',
      '/api/v1/api-keys',
      { name: 'CI', role: 'viewer' },
      { 'idempotency-key': 'key-once' },
    );
    expect(first.body.key).toMatch(/^tbk_/);
    const replay = await t.api(
      'POST',
      '/api/v1/api-keys',
      { name: 'CI', role: 'viewer' },
      { 'idempotency-key': 'key-once' },
    );
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.body.key).toBeUndefined();
    const stored = await env.runtime.database.db.execute(
      sql`select response::text as r from idempotency_keys where key = 'key-once'`,
    );
    expect(JSON.stringify((stored as unknown as { rows: unknown[] }).rows)).not.toContain(first.body.key);
  });
});
