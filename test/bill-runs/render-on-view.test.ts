import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';
import { ok } from '../catalog/support.ts';

const pdfText = (pdf: Buffer) => {
  const file = join(mkdtempSync(join(tmpdir(), 'tollbook-run-pdf-')), 'doc.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

/**
 * A bill group renders the invoices a run closes during the run, or leaves each PDF to its first
 * view: then the first download renders the invoice with the data of that moment, and later
 * downloads serve that same file.
 */
describe('Invoices closed by a bill run, rendered during the run or on first view', { timeout: 300_000 }, () => {
  let env: TestEnv;
  let api: ApiClient;
  const closed: Record<string, string> = {};
  const customers: Record<string, string> = {};

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2024-02-01T09:00:00Z' });
    const t = await invoicingTenant(env);
    api = t.api;
    // Nothing listens on this port: emails are only queued here (every 10 minutes by default).
    await ok(api, 'PUT', '/api/v1/settings/smtp', {
      host: '127.0.0.1',
      port: 9,
      tls: 'none',
      from: 'bill@acme.example',
    });
    for (const [name, renderDuringRun] of [
      ['During the run', true],
      ['On first view', false],
    ] as const) {
      // The second group also keeps its invoices from being emailed as they close.
      const group = await ok(api, 'POST', '/api/v1/bill-groups', {
        name,
        billDay: 10,
        renderDuringRun,
        deliverOnClose: renderDuringRun,
      });
      const customer = await ok(api, 'POST', '/api/v1/customers', {
        name: `${name} SL`,
        email: 'ap@customer.example',
        currency: 'EUR',
        activationDate: '2024-01-01',
        billGroupId: group.id,
      });
      customers[name] = customer.id;
      await seedUsage(env, t.tenantId, customer.id, [{ startedAt: '2024-02-15T10:00:00Z', price: '10.0000' }]);
      env.clock.set('2024-03-10T09:00:00Z');
      const run = await api('POST', '/api/v1/bill-runs', { billGroupId: group.id });
      expect(run.status, run.raw).toBe(202);
      await env.runtime.queue.drain();
      const done = await ok(api, 'GET', `/api/v1/bill-runs/${run.body.id}`);
      expect(done.closedDocumentIds, JSON.stringify(done.errors)).toHaveLength(1);
      closed[name] = done.closedDocumentIds[0];
    }
  });
  afterAll(() => env.close());

  it('renders during the run when the group says so', async () => {
    const doc = await ok(api, 'GET', `/api/v1/documents/${closed['During the run']}`);
    expect([doc.status, doc.renderStatus]).toEqual(['issued', 'created']);
  });

  it('emails invoices as they close unless the group says not to', async () => {
    const deliveries = async (name: string) =>
      (await ok(api, 'GET', `/api/v1/documents/${closed[name]}/deliveries`)).data.map(
        (d: { trigger: string; recipients: string[] }) => [d.trigger, d.recipients],
      );
    expect(await deliveries('During the run')).toEqual([['issue', ['ap@customer.example']]]);
    expect(await deliveries('On first view')).toEqual([]);
  });

  it('otherwise renders on the first download, with the data of that moment, and keeps that file', async () => {
    const id = closed['On first view']!;
    const doc = await ok(api, 'GET', `/api/v1/documents/${id}`);
    expect([doc.status, doc.renderStatus]).toEqual(['issued', 'on_view']);
    // Paid before anyone looked at it: the first view shows it paid.
    await ok(api, 'POST', '/api/v1/payments', {
      customerId: customers['On first view'],
      amount: doc.totals.total,
      currency: 'EUR',
    });
    const first = await api('GET', `/api/v1/documents/${id}/pdf`);
    expect(first.status, first.raw.slice(0, 200)).toBe(200);
    const text = pdfText(first.bytes);
    expect(text).toContain(doc.number);
    expect(text).toMatch(/Payment status\s+Paid/);
    const again = await api('GET', `/api/v1/documents/${id}/pdf`);
    expect(Buffer.compare(again.bytes, first.bytes)).toBe(0);
    expect((await ok(api, 'GET', `/api/v1/documents/${id}`)).renderStatus).toBe('created');
  });
});
