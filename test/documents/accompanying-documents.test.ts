import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';

const pdfText = (pdf: Buffer) => {
  const file = join(mkdtempSync(join(tmpdir(), 'tollbook-pdf-')), 'doc.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};

// An act of acceptance and a VAT invoice (счёт-фактура) restate an issued invoice of the same
// customer: same period, lines and totals, numbered from their own sequences, claiming nothing.
describe('Acts and VAT invoices accompanying an invoice', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2018-11-15T12:00:00Z' });
  });
  afterAll(() => env.close());

  async function russianTenant() {
    const t = await env.newTenant({ timezone: 'Europe/Moscow' });
    await t.api('POST', '/api/v1/legal-entities', {
      name: 'ООО «Волна Телеком»',
      taxId: '7704123456',
      kpp: '770401001',
      address: { line1: 'ул. Новый Арбат, д. 21', city: 'Москва', postalCode: '119019', country: 'RU' },
    });
    const customerId = (
      await t.api('POST', '/api/v1/customers', {
        name: 'Северный ветер',
        legalName: 'ООО «Северный ветер»',
        taxId: '7701987654',
        kpp: '770101001',
        language: 'ru',
        currency: 'RUB',
        timezone: 'Europe/Moscow',
      })
    ).body.id as string;
    const sequence = async (documentType: string, prefix: string) =>
      (
        await t.api('POST', '/api/v1/number-sequences', {
          name: prefix,
          documentType,
          prefix,
          padding: 3,
          increment: 1,
          start: 1,
          reset: 'never',
        })
      ).body.id as string;
    const scheme = await t.api('POST', '/api/v1/invoicing-schemes', {
      name: 'RU',
      invoiceNumberSequenceId: await sequence('invoice', 'СЧ-'),
      actNumberSequenceId: await sequence('act', 'АКТ-'),
      vatInvoiceNumberSequenceId: await sequence('vat_invoice', 'СФ-'),
      taxRate: '20',
    });
    expect(scheme.status).toBe(201);
    await t.api('PATCH', `/api/v1/customers/${customerId}`, { invoicingSchemeId: scheme.body.id });
    await seedUsage(env, t.tenantId, customerId, [{ startedAt: '2018-10-02T09:00:00Z', price: '100.00' }]);
    const invoice = await makeInvoice(
      env,
      t.api,
      { type: 'invoice', customerId, periodStart: '2018-10-01', periodEnd: '2018-10-31' },
      { issue: true },
    );
    return { ...t, customerId, invoice };
  }

  for (const [type, prefix] of [
    ['act', 'АКТ-001'],
    ['vat_invoice', 'СФ-001'],
  ] as const) {
    it(`a ${type} restates the issued invoice: same lines and totals, its own number, the reference and both INN/KPP in the PDF`, async () => {
      const t = await russianTenant();
      expect(t.invoice.status).toBe('issued');
      const doc = await makeInvoice(
        env,
        t.api,
        {
          type,
          customerId: t.customerId,
          periodStart: '2018-10-01',
          periodEnd: '2018-10-31',
          accompaniesDocumentId: t.invoice.id,
        },
        { issue: true },
      );
      expect(doc).toMatchObject({
        type,
        status: 'issued',
        number: prefix,
        accompaniesDocumentId: t.invoice.id,
        paymentStatus: null,
        dueDate: null,
      });
      expect(doc.totals).toEqual(t.invoice.totals);
      const lines = (d: { lines: Array<Record<string, unknown>> }) =>
        d.lines.map(({ description, quantity, net, tax, gross }) => ({ description, quantity, net, tax, gross }));
      expect(lines(doc)).toEqual(lines(t.invoice));
      // It claimed nothing: the invoice still holds its usage, and a second act is allowed.
      const pdf = await t.api('GET', `/api/v1/documents/${doc.id}/pdf`);
      expect(pdf.status).toBe(200);
      const text = pdfText(pdf.bytes);
      for (const shown of [prefix, t.invoice.number, '7704123456', '770401001', '7701987654', '770101001']) {
        expect(text).toContain(shown);
      }
      expect(text).toContain('Северный ветер');
      expect(text).toMatch(new RegExp(t.invoice.totals.total.replace('.', '[.,]')));
    });
  }

  it('refuses an act without an invoice (400), for a draft invoice (409), another customer or period (422), changing nothing', async () => {
    const t = await invoicingTenant(env);
    await seedUsage(env, t.tenantId, t.customerId, [{ startedAt: '2018-10-02T09:00:00Z', price: '10.00' }]);
    const draft = await makeInvoice(env, t.api, {
      customerId: t.customerId,
      periodStart: '2018-10-01',
      periodEnd: '2018-10-31',
      numberSequenceId: t.sequenceId,
    });
    const act = (body: Record<string, unknown>) =>
      t.api('POST', '/api/v1/documents', {
        type: 'act',
        customerId: t.customerId,
        periodStart: '2018-10-01',
        periodEnd: '2018-10-31',
        ...body,
      });
    const missing = await act({});
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0]).toMatchObject({ field: 'accompaniesDocumentId', code: 'REFERENCE_REQUIRED' });
    const notIssued = await act({ accompaniesDocumentId: draft.id });
    expect(notIssued.status).toBe(409);
    expect(notIssued.body.code).toBe('INVOICE_NOT_ISSUED');
    expect(notIssued.body.errors[0].field).toBe('accompaniesDocumentId');
    await t.api('POST', `/api/v1/documents/${draft.id}/issue`);
    const otherPeriod = await act({
      accompaniesDocumentId: draft.id,
      periodStart: '2018-09-01',
      periodEnd: '2018-09-30',
    });
    expect(otherPeriod.status).toBe(422);
    expect(otherPeriod.body.code).toBe('PERIOD_MISMATCH');
    const other = await t.api('POST', '/api/v1/customers', { name: 'Other', currency: 'EUR' });
    const otherCustomer = await act({ customerId: other.body.id, accompaniesDocumentId: draft.id });
    expect(otherCustomer.status).toBe(422);
    expect(otherCustomer.body.code).toBe('OTHER_CUSTOMER');
    const notAllowed = await t.api('POST', '/api/v1/documents', {
      customerId: t.customerId,
      periodStart: '2018-10-01',
      periodEnd: '2018-10-31',
      accompaniesDocumentId: draft.id,
    });
    expect(notAllowed.status).toBe(400);
    expect(notAllowed.body.errors[0].code).toBe('REFERENCE_NOT_ALLOWED');
    expect((await t.api('GET', '/api/v1/documents?type=act')).body.data).toHaveLength(0);
    // Another tenant cannot name this tenant's invoice.
    const stranger = await invoicingTenant(env);
    const foreign = await stranger.api('POST', '/api/v1/documents', {
      type: 'act',
      customerId: stranger.customerId,
      periodStart: '2018-10-01',
      periodEnd: '2018-10-31',
      accompaniesDocumentId: draft.id,
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.code).toBe('UNKNOWN_DOCUMENT');
  });
});
