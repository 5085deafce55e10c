import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { fieldCodes, ok } from './support.ts';

const sequence = (api: ApiClient, documentType: string, prefix: string) =>
  ok(api, 'POST', '/api/v1/number-sequences', { name: prefix, documentType, prefix, padding: 4 });

describe('Invoicing schemes', () => {
  let env: TestEnv;
  let api: ApiClient;
  let invoices: { id: string };
  let proformas: { id: string };
  let sender: { id: string };

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2024-02-01T09:00:00Z' });
    api = (await env.newTenant()).api;
    invoices = await sequence(api, 'invoice', 'INV');
    proformas = await sequence(api, 'proforma', 'PRO');
    sender = await ok(api, 'POST', '/api/v1/legal-entities', { name: 'Acme Telecom SL', taxId: 'ESB00000001' });
  });
  afterAll(() => env.close());

  it('makes the first scheme the default, and moves the default when another is marked', async () => {
    const retail = await ok(api, 'POST', '/api/v1/invoicing-schemes', {
      name: 'Retail',
      legalEntityId: sender.id,
      invoiceNumberSequenceId: invoices.id,
      proformaNumberSequenceId: proformas.id,
      paymentTermsDays: 14,
      taxRate: '21',
      callDiscountPercent: '0',
      templateId: 'builtin-invoice-summary-en',
      proformaIncludesUnscheduled: false,
    });
    expect(retail).toMatchObject({
      isDefault: true,
      taxRate: '21',
      paymentTermsDays: 14,
      templateId: 'builtin-invoice-summary-en',
      templateIds: { invoice: 'builtin-invoice-summary-en' },
    });
    const wholesale = await ok(api, 'POST', '/api/v1/invoicing-schemes', {
      name: 'Wholesale',
      invoiceNumberSequenceId: invoices.id,
      paymentTermsDays: 30,
      callDiscountPercent: '10',
      isDefault: true,
    });
    expect(wholesale.isDefault).toBe(true);
    expect((await ok(api, 'GET', `/api/v1/invoicing-schemes/${retail.id}`)).isDefault).toBe(false);
    const unmark = await api('PATCH', `/api/v1/invoicing-schemes/${wholesale.id}`, { isDefault: false });
    expect([unmark.status, unmark.body.code]).toEqual([422, 'DEFAULT_SCHEME_REQUIRED']);
    const removeDefault = await api('DELETE', `/api/v1/invoicing-schemes/${wholesale.id}`);
    expect([removeDefault.status, removeDefault.body.code]).toEqual([409, 'DEFAULT_SCHEME_REQUIRED']);
    await ok(api, 'PATCH', `/api/v1/invoicing-schemes/${retail.id}`, { isDefault: true, paymentTermsDays: 7 });
    const events = await ok(api, 'GET', `/api/v1/audit-events?objectId=${retail.id}`);
    expect(events.data.map((e: { action: string }) => e.action)).toEqual(['created', 'updated']);
  });

  it('refuses a scheme without an invoice number sequence', async () => {
    const res = await api('POST', '/api/v1/invoicing-schemes', { name: 'No numbers', paymentTermsDays: 14 });
    expect([res.status, res.body.code, res.body.field]).toEqual([
      422,
      'SCHEME_WITHOUT_INVOICE_SEQUENCE',
      'invoiceNumberSequenceId',
    ]);
  });

  it('refuses unknown references, another tenant’s included, naming each field', async () => {
    const other = (await env.newTenant()).api;
    const theirs = await sequence(other, 'invoice', 'THEIRS');
    const res = await api('POST', '/api/v1/invoicing-schemes', {
      name: 'Broken',
      legalEntityId: 'lent_nothing',
      invoiceNumberSequenceId: theirs.id,
      proformaNumberSequenceId: invoices.id,
      templateIds: { act: 'tpl_missing' },
    });
    expect([res.status, res.body.code]).toEqual([422, 'UNKNOWN_LEGAL_ENTITY']);
    expect(fieldCodes(res.body)).toEqual([
      ['legalEntityId', 'UNKNOWN_LEGAL_ENTITY'],
      ['invoiceNumberSequenceId', 'UNKNOWN_NUMBER_SEQUENCE'],
      ['proformaNumberSequenceId', 'SEQUENCE_TYPE_MISMATCH'],
      ['templateIds.act', 'UNKNOWN_TEMPLATE'],
    ]);
    const list = await ok(api, 'GET', '/api/v1/invoicing-schemes');
    expect(list.data.map((s: { name: string }) => s.name)).not.toContain('Broken');
    expect((await other('GET', `/api/v1/invoicing-schemes/${list.data[0].id}`)).status).toBe(404);
  });
});
