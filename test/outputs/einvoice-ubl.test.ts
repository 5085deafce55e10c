import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { creditNoteSequence, invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';
import { ublSchemaErrors } from '../support/ubl-schema.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
});
/** An October 2018 invoice at 21 % for a customer. */
const october = (customerId: string, numberSequenceId: string) => ({
  type: 'invoice',
  customerId,
  periodStart: '2018-10-01',
  periodEnd: '2018-10-31',
  numberSequenceId,
  taxRate: '21',
});
const text = (node: unknown): string =>
  typeof node === 'object' && node !== null ? String((node as Record<string, unknown>)['#text']) : String(node);

describe('E-invoices: an issued invoice as UBL 2.1 conforming to EN 16931', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2018-11-15T12:00:00Z' });
  });
  afterAll(() => env.close());

  async function issuedInvoice(options: { issue?: boolean } = { issue: true }) {
    const t = await invoicingTenant(env);
    await seedUsage(env, t.tenantId, t.customerId, [
      { startedAt: '2018-10-02T09:00:00Z', price: '100.004', prefix: '35567', destination: 'Albania mobile' },
      { startedAt: '2018-10-03T09:00:00Z', price: '0.333333', prefix: '34', destination: 'Spain' },
    ]);
    const body = { ...october(t.customerId, t.sequenceId), callDiscountPercent: '10' };
    return { t, doc: await makeInvoice(env, t.api, body, options) };
  }

  it('states parties, payment means, the call discount as an allowance, VAT per rate and totals that add up', async () => {
    const { t, doc } = await issuedInvoice();
    const res = await t.api('GET', `/api/v1/documents/${doc.id}/ubl`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    const inv = parser.parse(res.raw).Invoice;
    // Both parties have Spanish VAT numbers, so the Peppol customization applies.
    expect(inv.CustomizationID).toBe('urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0');
    expect(inv.ID).toBe('TEST0001');
    expect(inv.IssueDate).toBe('2018-11-15');
    expect(inv.InvoiceTypeCode).toBe('380');
    const seller = inv.AccountingSupplierParty.Party;
    expect(seller.PartyTaxScheme.CompanyID).toBe('ESB00000001');
    expect(seller.EndpointID['@schemeID']).toBe('9920');
    expect(inv.AccountingCustomerParty.Party.PartyTaxScheme.CompanyID).toBe('ESB98765432');
    expect(inv.PaymentMeans.PayeeFinancialAccount.ID).toBe('ES9121000418450200051332');
    expect(text(inv.AllowanceCharge.Amount)).toBe('10.03');
    // Usage 100.00 + 0.33, discount 10.03 → 90.30 taxable, 21 % → 18.96.
    expect(text(inv.TaxTotal.TaxSubtotal.TaxableAmount)).toBe('90.30');
    expect(text(inv.TaxTotal.TaxAmount)).toBe('18.96');
    expect(text(inv.LegalMonetaryTotal.LineExtensionAmount)).toBe('100.33');
    expect(text(inv.LegalMonetaryTotal.PayableAmount)).toBe('109.26');
    expect(text(inv.LegalMonetaryTotal.PayableAmount)).toBe(doc.totals.total);
    for (const line of inv.InvoiceLine) expect(text(line.LineExtensionAmount)).toMatch(/^\d+\.\d{2}$/);
    expect(ublSchemaErrors(res.raw)).toEqual([]);
  });

  it('writes a credit note on part of the invoice as a UBL CreditNote that refers to it, valid as the invoice is', async () => {
    const { t, doc } = await issuedInvoice();
    await creditNoteSequence(t.api);
    const line = doc.lines[0];
    const note = await t.api('POST', '/api/v1/documents', {
      type: 'credit_note',
      creditedDocumentId: doc.id,
      lines: [{ lineId: line.id, amount: '10.00' }],
      reason: 'Outage',
    });
    expect(note.status).toBe(201);
    const res = await t.api('GET', `/api/v1/documents/${note.body.id}/ubl`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const cn = parser.parse(res.raw).CreditNote;
    expect(cn.ID).toBe('CN001');
    expect(cn.CreditNoteTypeCode).toBe('381');
    expect(cn.BillingReference.InvoiceDocumentReference.ID).toBe(doc.number);
    expect(text(cn.LegalMonetaryTotal.PayableAmount)).toBe(note.body.totals.total);
    expect(ublSchemaErrors(res.raw)).toEqual([]);
    const plain = await t.api('GET', `/api/v1/documents/${doc.id}/ubl?profile=en16931`);
    expect(ublSchemaErrors(plain.raw)).toEqual([]);
  });

  it('writes plain EN 16931 when asked, and refuses a draft', async () => {
    const { t, doc } = await issuedInvoice();
    const plain = parser.parse((await t.api('GET', `/api/v1/documents/${doc.id}/ubl?profile=en16931`)).raw).Invoice;
    expect(plain.CustomizationID).toBe('urn:cen.eu:en16931:2017');
    const draft = await issuedInvoice({ issue: false });
    const refused = await draft.t.api('GET', `/api/v1/documents/${draft.doc.id}/ubl`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('DOCUMENT_NOT_ISSUED');
  });

  it('refuses a Peppol e-invoice for a customer without a tax ID, naming the missing identifier', async () => {
    const t = await invoicingTenant(env);
    const bare = await t.api('POST', '/api/v1/customers', {
      name: 'No Tax Id Ltd',
      timezone: 'Europe/Madrid',
      currency: 'EUR',
      address: { line1: 'Calle 2', city: 'Sevilla', postalCode: '41001', country: 'ES' },
    });
    await seedUsage(env, t.tenantId, bare.body.id, [
      { startedAt: '2018-10-02T09:00:00Z', price: '12.50', prefix: '34', destination: 'Spain' },
    ]);
    const doc = await makeInvoice(env, t.api, october(bare.body.id, t.sequenceId), { issue: true });
    const res = await t.api('GET', `/api/v1/documents/${doc.id}/ubl?profile=peppol`);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('EINVOICE_DATA_MISSING');
    expect(res.body.errors).toEqual([
      { field: 'recipient.taxId', code: 'PEPPOL-EN16931-R010', message: 'required by PEPPOL-EN16931-R010' },
    ]);
    // Without Peppol the same document is a valid EN 16931 invoice (the buyer's VAT number is optional).
    const auto = await t.api('GET', `/api/v1/documents/${doc.id}/ubl`);
    expect(auto.status).toBe(200);
    expect(parser.parse(auto.raw).Invoice.CustomizationID).toBe('urn:cen.eu:en16931:2017');
  });

  it('refuses an invoice with no lines, which EN 16931 (BR-16) and the UBL schema do not allow', async () => {
    const t = await invoicingTenant(env);
    const empty = await makeInvoice(env, t.api, october(t.customerId, t.sequenceId), { issue: true });
    expect(empty.lines).toEqual([]);
    const res = await t.api('GET', `/api/v1/documents/${empty.id}/ubl`);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('EINVOICE_RULES_BROKEN');
    expect(res.body.errors).toContainEqual({
      field: 'document',
      code: 'BR-16',
      message: 'an invoice needs at least one line',
    });
  });

  it('keeps documents of other tenants out of reach', async () => {
    const { doc } = await issuedInvoice();
    const other = await invoicingTenant(env);
    expect((await other.api('GET', `/api/v1/documents/${doc.id}/ubl`)).status).toBe(404);
  });
});
