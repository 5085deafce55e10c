import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';

const pdfText = (pdf: Buffer) => {
  const file = join(mkdtempSync(join(tmpdir(), 'tollbook-batch-')), 'doc.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

/**
 * A worker takes several render jobs at once and prints documents of one template together; every
 * document still gets a PDF of its own, with its own number, customer and totals.
 */
describe('Rendering issued documents in batches', { timeout: 300_000 }, () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-02-10T10:00:00Z' });
  });
  afterAll(() => env.close());

  it('gives each of several documents issued together its own PDF', async () => {
    const { api, tenantId, sequenceId } = await invoicingTenant(env);
    const names = ['Northwind Voice', 'Southgate Data', 'Eastpoint Calls'];
    const ids: string[] = [];
    for (const [i, name] of names.entries()) {
      const customer = (await api('POST', '/api/v1/customers', { name, currency: 'EUR' })).body;
      await seedUsage(env, tenantId, customer.id, [{ startedAt: '2026-01-10T10:00:00Z', price: `${i + 1}.0000` }]);
      const doc = await api('POST', '/api/v1/documents', {
        customerId: customer.id,
        periodStart: '2026-01-01',
        periodEnd: '2026-01-31',
        numberSequenceId: sequenceId,
      });
      await api('POST', `/api/v1/documents/${doc.body.id}/generate`);
      ids.push(doc.body.id);
    }
    await env.runtime.queue.drain();
    // Issued one after the other, rendered afterwards: the three render jobs wait together.
    for (const id of ids) expect((await api('POST', `/api/v1/documents/${id}/issue`)).status).toBe(200);
    await env.runtime.queue.drain();
    for (const [i, id] of ids.entries()) {
      const doc = (await api('GET', `/api/v1/documents/${id}`)).body;
      expect(doc.renderStatus).toBe('created');
      const text = pdfText((await api('GET', `/api/v1/documents/${id}/pdf`)).bytes);
      expect(text).toContain(doc.number);
      expect(text).toContain(names[i]);
      for (const other of names.filter((n) => n !== names[i])) expect(text).not.toContain(other);
    }
  });
});
