import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';

const february = { periodStart: '2024-02-01', periodEnd: '2024-02-29' };

/**
 * Acts and VAT invoices by session: each customer's document restates its issued invoice of the
 * period (same lines and totals, nothing claimed), as one made by hand with accompaniesDocumentId.
 */
describe('Generation sessions of acts and VAT invoices', () => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof invoicingTenant>>;
  const ids: Record<string, string> = {};

  const run = async (body: Record<string, unknown>) => {
    const started = await t.api('POST', '/api/v1/generation-sessions', body);
    expect(started.status, started.raw).toBe(202);
    await env.runtime.queue.drain();
    return (await t.api('GET', `/api/v1/generation-sessions/${started.body.id}`)).body;
  };

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2024-03-05T10:00:00Z' });
    t = await invoicingTenant(env);
    for (const [name, price] of [
      ['Issued SL', '2.50'],
      ['Draft SL', '1.00'],
      ['Silent SL', null],
    ] as const) {
      const c = await t.api('POST', '/api/v1/customers', { name, currency: 'EUR', activationDate: '2024-01-01' });
      ids[name] = c.body.id;
      if (price) await seedUsage(env, t.tenantId, c.body.id, [{ startedAt: '2024-02-10T10:00:00Z', price }]);
    }
    const invoices = await run({ documentType: 'invoice', ...february });
    expect(invoices.counts.documentsCreated).toBe(2);
    const issuedOne = (await t.api('GET', `/api/v1/documents?sessionId=${invoices.id}&customerId=${ids['Issued SL']}`))
      .body.data[0];
    expect((await t.api('POST', `/api/v1/documents/${issuedOne.id}/issue`)).status).toBe(200);
  });
  afterAll(() => env.close());

  for (const documentType of ['act', 'vat_invoice'])
    it(`${documentType}: restates the issued invoice; a draft invoice is that customer's error, no invoice is skipped`, async () => {
      const session = await run({ documentType, ...february });
      expect(session.status).toBe('completed_with_errors');
      expect(session.counts).toEqual({
        customersTotal: 3,
        customersDone: 2,
        customersFailed: 1,
        customersSkipped: 1,
        documentsCreated: 1,
      });
      expect(session.errors).toEqual([
        expect.objectContaining({ customerId: ids['Draft SL'], code: 'INVOICE_NOT_ISSUED' }),
      ]);
      const doc = (await t.api('GET', `/api/v1/documents/${session.documentIds[0]}`)).body;
      const invoice = (await t.api('GET', `/api/v1/documents/${doc.accompaniesDocumentId}`)).body;
      expect(doc).toMatchObject({ type: documentType, customerId: ids['Issued SL'], status: 'draft', ...february });
      expect(invoice).toMatchObject({ type: 'invoice', status: 'issued', customerId: ids['Issued SL'] });
      // The same amounts; what is open is the invoice's alone (an act is not owed).
      const { open: _o, paid: _p, ...amounts } = invoice.totals;
      expect(doc.totals).toMatchObject(amounts);
      expect(doc.lines.map((l: any) => [l.description, l.net])).toEqual(
        invoice.lines.map((l: any) => [l.description, l.net]),
      );
      // Again: the customer has its document of the period, nothing is made twice.
      const again = await run({ documentType, ...february });
      expect(again.counts.documentsCreated).toBe(0);
      const all = await t.api('GET', `/api/v1/documents?type=${documentType}&limit=100`);
      expect(all.body.data).toHaveLength(1);
    });
});
