import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';

describe('Creating an invoice checks the rules in order', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2018-11-15T12:00:00Z' });
  });
  afterAll(() => env.close());

  const invoice = (customerId: string, periodStart: string, periodEnd: string) => ({
    type: 'invoice',
    customerId,
    periodStart,
    periodEnd,
  });

  it('1. FUTURE_PERIOD: the period must end before today in the tenant zone', async () => {
    const t = await invoicingTenant(env);
    const res = await t.api('POST', '/api/v1/documents', invoice(t.customerId, '2018-11-01', '2018-11-15'));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('FUTURE_PERIOD');
    expect((await t.api('POST', '/api/v1/documents', invoice(t.customerId, '2018-11-01', '2018-11-14'))).status).toBe(
      201,
    );
  });

  it('2. INVALID_PERIOD: the end before the start (a future inverted period is still FUTURE_PERIOD first)', async () => {
    const t = await invoicingTenant(env);
    expect(
      (await t.api('POST', '/api/v1/documents', invoice(t.customerId, '2018-10-31', '2018-10-01'))).body.code,
    ).toBe('INVALID_PERIOD');
    expect(
      (await t.api('POST', '/api/v1/documents', invoice(t.customerId, '2018-12-31', '2018-12-01'))).body.code,
    ).toBe('FUTURE_PERIOD');
  });

  it('3. UNRATED_USAGE: says how many and links to them; inbound unrated calls do not count', async () => {
    const t = await invoicingTenant(env);
    await seedUsage(env, t.tenantId, t.customerId, [
      { startedAt: '2018-10-05T10:00:00Z', price: null },
      { startedAt: '2018-10-06T10:00:00Z', price: null },
      { startedAt: '2018-10-07T10:00:00Z', price: null, direction: 'inbound' },
      { startedAt: '2018-10-08T10:00:00Z', price: '0.5' },
    ]);
    const res = await t.api('POST', '/api/v1/documents', invoice(t.customerId, '2018-10-01', '2018-10-31'));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'UNRATED_USAGE', unratedCount: 2 });
    expect(res.body.detail).toContain('2');
    expect(res.body.unratedUsage).toContain(`customerId=${t.customerId}`);
    expect(res.body.unratedUsage).toContain('rated=false');
  });

  it('4. OVERLAPPING_DOCUMENT: another non-cancelled invoice overlaps; a cancelled one does not', async () => {
    const t = await invoicingTenant(env);
    const first = await t.api('POST', '/api/v1/documents', invoice(t.customerId, '2018-10-01', '2018-10-31'));
    const res = await t.api('POST', '/api/v1/documents', invoice(t.customerId, '2018-10-31', '2018-11-05'));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'OVERLAPPING_DOCUMENT', documentIds: [first.body.id] });
    expect((await t.api('POST', '/api/v1/documents', invoice(t.customerId, '2018-11-01', '2018-11-05'))).status).toBe(
      201,
    );
  });

  it('5. DATA_INCONSISTENT: a source with a watermark before the period end gates; sources without one do not', async () => {
    const t = await invoicingTenant(env);
    expect(
      (await t.api('PUT', '/api/v1/usage-sources/sw1/watermark', { watermark: '2018-10-20T00:00:00Z' })).status,
    ).toBe(200);
    const res = await t.api('POST', '/api/v1/documents', invoice(t.customerId, '2018-10-01', '2018-10-31'));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'DATA_INCONSISTENT',
      detail: 'Invoice cannot be generated due to data inconsistencies',
    });
    expect((await t.api('POST', '/api/v1/documents', invoice(t.customerId, '2018-10-01', '2018-10-19'))).status).toBe(
      201,
    );
  });

  it('checks in the stated order: unrated usage is reported before an overlap and a late source', async () => {
    const t = await invoicingTenant(env);
    await t.api('POST', '/api/v1/documents', invoice(t.customerId, '2018-10-01', '2018-10-10'));
    await seedUsage(env, t.tenantId, t.customerId, [{ startedAt: '2018-10-05T10:00:00Z', price: null }]);
    await t.api('PUT', '/api/v1/usage-sources/sw9/watermark', { watermark: '2018-10-01T00:00:00Z' });
    expect(
      (await t.api('POST', '/api/v1/documents', invoice(t.customerId, '2018-10-01', '2018-10-31'))).body.code,
    ).toBe('UNRATED_USAGE');
  });

  it('runs the rules again at generation: a draft whose data went bad fails with the reason', async () => {
    const t = await invoicingTenant(env);
    const doc = await makeInvoice(env, t.api, invoice(t.customerId, '2018-10-01', '2018-10-31'));
    expect(doc.renderStatus).toBe('created');
    await seedUsage(env, t.tenantId, t.customerId, [{ startedAt: '2018-10-05T10:00:00Z', price: null }]);
    await t.api('POST', `/api/v1/documents/${doc.id}/generate`);
    await env.runtime.queue.drain();
    const after = (await t.api('GET', `/api/v1/documents/${doc.id}`)).body;
    expect(after.renderStatus).toBe('failed');
    expect(after.renderError).toContain('UNRATED_USAGE');
  });

  it('refuses unknown customers, sequences and templates, and percentages outside 0–100', async () => {
    const t = await invoicingTenant(env);
    const base = invoice(t.customerId, '2018-10-01', '2018-10-31');
    expect((await t.api('POST', '/api/v1/documents', { ...base, customerId: 'cus_nope' })).body.code).toBe(
      'UNKNOWN_CUSTOMER',
    );
    expect((await t.api('POST', '/api/v1/documents', { ...base, numberSequenceId: 'seq_nope' })).body.code).toBe(
      'UNKNOWN_NUMBER_SEQUENCE',
    );
    expect((await t.api('POST', '/api/v1/documents', { ...base, templateId: 'tpl_nope' })).body.code).toBe(
      'UNKNOWN_TEMPLATE',
    );
    const pct = await t.api('POST', '/api/v1/documents', { ...base, callDiscountPercent: '101', taxRate: '-1' });
    expect(pct.status).toBe(400);
    expect(pct.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['callDiscountPercent', 'taxRate']);
    const badDate = await t.api('POST', '/api/v1/documents', { ...base, periodStart: '2018-02-30' });
    expect(badDate.body.errors[0]).toMatchObject({ field: 'periodStart', code: 'INVALID_DATE' });
  });
});
