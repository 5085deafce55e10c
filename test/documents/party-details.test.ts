import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { makeInvoice } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';

const pdfText = (pdf: Buffer) => {
  const file = join(mkdtempSync(join(tmpdir(), 'tollbook-pdf-')), 'doc.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};

const RU_BANK = {
  name: 'ПАО «Банк Пример»',
  account: '40702810400000012345',
  bik: '044525225',
  correspondentAccount: '30101810400000000225',
};

describe('Sender and recipient details on documents', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2018-11-15T12:00:00Z' });
  });
  afterAll(() => env.close());

  it('given a Russian sender and customer with INN, KPP and bank accounts, the invoice keeps and prints them', async () => {
    const t = await env.newTenant({ timezone: 'Europe/Moscow' });
    const sender = await t.api('POST', '/api/v1/legal-entities', {
      name: 'ООО «Волна Телеком»',
      taxId: '7704123456',
      kpp: '770401001',
      address: { line1: 'ул. Новый Арбат, д. 21', city: 'Москва', postalCode: '119019', country: 'RU' },
      bank: RU_BANK,
    });
    expect(sender.status).toBe(201);
    expect(sender.body.bank).toEqual(RU_BANK);
    const customer = await t.api('POST', '/api/v1/customers', {
      name: 'Северный ветер',
      legalName: 'ООО «Северный ветер»',
      taxId: '7701987654',
      kpp: '770101001',
      language: 'ru',
      currency: 'RUB',
      timezone: 'Europe/Moscow',
      address: { line1: 'ул. Тверская, д. 7', city: 'Москва', postalCode: '125009', country: 'RU' },
      bank: { name: 'АО «Северный банк»', account: '40702810900000054321', bik: '044525593' },
    });
    expect(customer.status).toBe(201);
    expect(customer.body.bank).toEqual({
      name: 'АО «Северный банк»',
      account: '40702810900000054321',
      bik: '044525593',
    });
    await seedUsage(env, t.tenantId, customer.body.id, [{ startedAt: '2018-10-02T09:00:00Z', price: '100.00' }]);
    const doc = await makeInvoice(
      env,
      t.api,
      {
        type: 'invoice',
        customerId: customer.body.id,
        periodStart: '2018-10-01',
        periodEnd: '2018-10-31',
        number: 'ВТ-1',
      },
      { issue: true },
    );
    expect(doc.sender).toMatchObject({ taxId: '7704123456', kpp: '770401001', bank: RU_BANK });
    expect(doc.recipient).toMatchObject({ name: 'ООО «Северный ветер»', kpp: '770101001', bank: { bik: '044525593' } });

    // A later change of the customer's bank does not rewrite the issued document.
    await t.api('PATCH', `/api/v1/customers/${customer.body.id}`, { bank: null });
    expect((await t.api('GET', `/api/v1/documents/${doc.id}`)).body.recipient.bank).toMatchObject({ bik: '044525593' });

    const text = pdfText((await t.api('GET', `/api/v1/documents/${doc.id}/pdf`)).bytes);
    for (const item of [
      'ИНН 7704123456 · КПП 770401001',
      'ИНН 7701987654 · КПП 770101001',
      'БИК: 044525225',
      'К/с: 30101810400000000225',
      '40702810400000012345',
      '40702810900000054321',
    ])
      expect(text).toContain(item);
  });

  it('refuses malformed bank details of a customer with a field error', async () => {
    const t = await env.newTenant();
    const bad = await t.api('POST', '/api/v1/customers', { name: 'X', bank: { iban: 'not an iban' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('bank.iban');
    const unknown = await t.api('POST', '/api/v1/customers', { name: 'X', bank: { swift: 'AAAA' } });
    expect(unknown.status).toBe(400);
  });

  it('offers built-in templates for every document type and previews each with a sample of its type', async () => {
    const t = await env.newTenant();
    const list = (await t.api('GET', '/api/v1/templates')).body.data as Array<{ id: string; documentType: string }>;
    const types = new Set(list.filter((x) => x.id.startsWith('builtin-')).map((x) => x.documentType));
    expect([...types].sort()).toEqual(['act', 'credit_note', 'invoice', 'proforma', 'reconciliation', 'vat_invoice']);
    const act = await t.api('GET', '/api/v1/templates/builtin-act-ru/preview?format=html');
    expect(act.status).toBe(200);
    expect(act.raw).toContain('Акт сдачи-приёмки оказанных услуг');
    expect(act.raw).toContain('OT-2018-000142');
    const own = await t.api('POST', '/api/v1/templates', {
      name: 'Our VAT invoice',
      documentType: 'vat_invoice',
      locale: 'en',
      source: '<p>{{ document.type }} {{ document.accompanies.number }}</p>',
    });
    expect(own.status).toBe(201);
    const shown = await t.api('GET', `/api/v1/templates/${own.body.id}/preview`);
    expect(shown.raw).toContain('vat_invoice OT-2018-000142');
    const edited = await t.api('POST', '/api/v1/templates/preview', {
      source: '{{ statement.closingBalance }}',
      documentType: 'reconciliation',
    });
    expect(edited.raw).toBe('1557.80');
  });
});
