import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';

const pdfText = (pdf: Buffer) => {
  const file = join(mkdtempSync(join(tmpdir(), 'tollbook-lazy-')), 'doc.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

/**
 * An invoicing scheme can leave PDFs to the first view: generating and issuing render nothing,
 * the first download renders the document as its data stands then, and later downloads serve that
 * same file.
 */
describe('Rendering on first view', { timeout: 300_000 }, () => {
  let env: TestEnv;
  let api: ApiClient;
  let customerId: string;
  let schemeId: string;
  let invoiceId: string;

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-02-10T10:00:00Z' });
    const tenant = await invoicingTenant(env);
    ({ api, customerId } = tenant);
    const scheme = await api('POST', '/api/v1/invoicing-schemes', {
      name: 'Render on view',
      invoiceNumberSequenceId: tenant.sequenceId,
      renderMode: 'on_first_view',
    });
    expect(scheme.status, scheme.raw).toBe(201);
    schemeId = scheme.body.id;
    await seedUsage(env, tenant.tenantId, customerId, [{ startedAt: '2026-01-10T10:00:00Z', price: '12.1000' }]);
  });
  afterAll(() => env.close());

  it('names the render mode on the scheme, during generation unless set', async () => {
    expect((await api('GET', `/api/v1/invoicing-schemes/${schemeId}`)).body.renderMode).toBe('on_first_view');
    const bad = await api('PATCH', `/api/v1/invoicing-schemes/${schemeId}`, { renderMode: 'sometimes' });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('generates and issues without rendering: the document waits for its first view', async () => {
    const draft = await makeInvoice(env, api, { customerId, periodStart: '2026-01-01', periodEnd: '2026-01-31' });
    expect([draft.renderStatus, draft.invoicingSchemeId, draft.totals.net]).toEqual(['on_view', schemeId, '12.10']);
    const issued = await api('POST', `/api/v1/documents/${draft.id}/issue`);
    expect(issued.status, issued.raw).toBe(200);
    await env.runtime.queue.drain();
    invoiceId = draft.id;
    expect((await api('GET', `/api/v1/documents/${invoiceId}`)).body).toMatchObject({
      status: 'issued',
      number: 'TEST0001',
      renderStatus: 'on_view',
    });
  });

  it('renders on the first download with the data as it is then, and serves that file afterwards', async () => {
    // Paid in full before anyone looked at it: the first view shows it paid.
    const payment = await api('POST', '/api/v1/payments', { customerId, amount: '14.64', currency: 'EUR' });
    expect(payment.status, payment.raw).toBe(201);
    expect((await api('GET', `/api/v1/documents/${invoiceId}`)).body.paymentStatus).toBe('paid');
    const first = await api('GET', `/api/v1/documents/${invoiceId}/pdf`);
    expect(first.status, first.raw.slice(0, 300)).toBe(200);
    const text = pdfText(first.bytes);
    expect(text).toContain('TEST0001');
    expect(text).toMatch(/Payment status\s+Paid/);
    expect((await api('GET', `/api/v1/documents/${invoiceId}`)).body.renderStatus).toBe('created');

    // Later changes do not re-render a document that was already seen.
    const reversed = await api('POST', `/api/v1/payments/${payment.body.id}/reverse`, {});
    expect(reversed.status, reversed.raw).toBeLessThan(300);
    const again = await api('GET', `/api/v1/documents/${invoiceId}/pdf`);
    expect(again.status).toBe(200);
    expect(Buffer.compare(again.bytes, first.bytes)).toBe(0);
  });

  it('renders a cancelled document on view as well, showing it cancelled', async () => {
    const cancelled = await api('POST', `/api/v1/documents/${invoiceId}/cancel`, { reason: 'wrong period' });
    expect(cancelled.status, cancelled.raw).toBe(200);
    await env.runtime.queue.drain();
    expect((await api('GET', `/api/v1/documents/${invoiceId}`)).body.renderStatus).toBe('on_view');
    const pdf = await api('GET', `/api/v1/documents/${invoiceId}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdfText(pdf.bytes)).toMatch(/cancel/i);
  });
});
