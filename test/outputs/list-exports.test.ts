import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';
import { paymentsTenant } from '../payments/support.ts';

const rows = (csv: string) => parse(csv, { columns: true }) as Array<Record<string, string>>;

describe('List exports: documents, document lines and usage records as CSV and XLSX', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2018-11-15T12:00:00Z' });
  });
  afterAll(() => env.close());

  async function billedTenant() {
    const t = await invoicingTenant(env);
    await seedUsage(env, t.tenantId, t.customerId, [
      { startedAt: '2018-10-02T09:00:00Z', price: '100.00', prefix: '35567', destination: 'Albania mobile' },
      { startedAt: '2018-10-03T09:00:00Z', price: '1.00', prefix: '34', destination: '=HYPERLINK("http://x")' },
      { startedAt: '2018-09-03T09:00:00Z', price: '2.00', prefix: '34', destination: 'Spain' },
    ]);
    const doc = await makeInvoice(
      env,
      t.api,
      {
        type: 'invoice',
        customerId: t.customerId,
        periodStart: '2018-10-01',
        periodEnd: '2018-10-31',
        numberSequenceId: t.sequenceId,
        taxRate: '21',
        callDiscountPercent: '10',
      },
      { issue: true },
    );
    return { t, doc };
  }

  it('exports usage with the list filters, neutralising formula-like text but not negative numbers', async () => {
    const { t } = await billedTenant();
    const res = await t.api('GET', '/api/v1/exports/usage-records?from=2018-10-01T00:00:00Z&to=2018-11-01T00:00:00Z');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const usage = rows(res.raw);
    expect(usage.map((r) => r.destination)).toEqual(['Albania mobile', `'=HYPERLINK("http://x")`]);
    expect(usage[0]).toMatchObject({ price: '100.000000', currency: 'EUR', rated: 'true' });

    const lines = rows((await t.api('GET', '/api/v1/exports/document-lines?status=issued')).raw);
    const discount = lines.find((l) => l.kind === 'discount')!;
    expect(discount.net).toBe('-10.10');
    expect(lines.find((l) => l.kind === 'usage' && l.prefix === '34')!.destination).toBe(`'=HYPERLINK("http://x")`);
  });

  it('exports documents as XLSX with typed cells', async () => {
    const { t, doc } = await billedTenant();
    const res = await t.api('GET', '/api/v1/exports/documents?format=xlsx&type=invoice');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('documents')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const values = (sheet.getRow(2).values as unknown[]).slice(1);
    const at = (name: string) => values[header.indexOf(name)];
    expect(sheet.rowCount).toBe(2);
    expect(at('number')).toBe(doc.number);
    expect(at('total')).toBe(Number(doc.totals.total));
    expect(at('customerName')).toBe('Client Corp SA');
  });

  it('keeps other tenants out and refuses bad filters before streaming', async () => {
    await billedTenant();
    const other = await invoicingTenant(env);
    expect(rows((await other.api('GET', '/api/v1/exports/usage-records')).raw)).toEqual([]);
    expect(rows((await other.api('GET', '/api/v1/exports/documents')).raw)).toEqual([]);
    const bad = await other.api('GET', '/api/v1/exports/usage-records?from=yesterday');
    expect(bad.status).toBe(400);
    expect((await other.api('GET', '/api/v1/exports/documents?format=pdf')).status).toBe(400);
  });
});

describe('Accounting export: issued documents of a period for 1C (CommerceML) or as CSV', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2018-11-15T12:00:00Z' });
  });
  afterAll(() => env.close());

  it('writes each issued document with its counterparty, goods, VAT and totals, and refuses other formats', async () => {
    const t = await invoicingTenant(env);
    await seedUsage(env, t.tenantId, t.customerId, [
      { startedAt: '2018-10-02T09:00:00Z', price: '100.00', prefix: '35567', destination: 'Albania mobile' },
    ]);
    const body = {
      type: 'invoice',
      customerId: t.customerId,
      periodStart: '2018-10-01',
      periodEnd: '2018-10-31',
      numberSequenceId: t.sequenceId,
      taxRate: '21',
    };
    const doc = await makeInvoice(env, t.api, body, { issue: true });
    const xml = await t.api('GET', '/api/v1/exports/accounting?from=2018-11-01&to=2018-11-30&format=commerceml');
    expect(xml.status).toBe(200);
    const info = new XMLParser({ parseTagValue: false, ignoreAttributes: false }).parse(xml.raw).КоммерческаяИнформация;
    expect(info['@_ВерсияСхемы']).toBe('2.10');
    expect(info.Документ).toMatchObject({
      Номер: 'TEST0001',
      Дата: '2018-11-15',
      ХозОперация: 'Отпуск товара',
      Валюта: 'EUR',
      Сумма: doc.totals.total,
      Контрагенты: { Контрагент: { Наименование: 'Client Corp SA', ИНН: 'B98765432', Роль: 'Покупатель' } },
      Налоги: { Налог: { Наименование: 'НДС', Сумма: '21.00' } },
    });
    const csv = rows((await t.api('GET', '/api/v1/exports/accounting?from=2018-11-01&to=2018-11-30&format=csv')).raw);
    expect(csv).toEqual([expect.objectContaining({ record: 'document', number: 'TEST0001', total: '121.00' })]);
    expect(
      rows((await t.api('GET', '/api/v1/exports/accounting?from=2018-12-01&to=2018-12-31&format=csv')).raw),
    ).toEqual([]);
    const dbf = await t.api('GET', '/api/v1/exports/accounting?from=2018-11-01&to=2018-11-30&format=dbf');
    expect([dbf.status, dbf.body.code, dbf.body.errors[0].field]).toEqual([422, 'UNSUPPORTED_FORMAT', 'format']);
    const backwards = await t.api('GET', '/api/v1/exports/accounting?from=2018-11-30&to=2018-11-01');
    expect([backwards.status, backwards.body.errors[0].code]).toEqual([400, 'INVALID_PERIOD']);
  });
});

describe('Payments in the exports: the list export and the accounting export', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-02-10T12:00:00Z' });
  });
  afterAll(() => env.close());

  it('exports payments with the /payments filters and posts the period’s received payments to accounting', async () => {
    const t = await paymentsTenant(env);
    const invoice = await t.invoice('100.00');
    const paid = (
      await t.pay('60.00', { receivedAt: '2026-02-03T10:00:00Z', reference: '=SUM(A1)', externalId: 'B-1' })
    ).body;
    const unmatched = (
      await t.api('POST', '/api/v1/payments', { amount: '5.00', currency: 'EUR', receivedAt: '2026-02-04T10:00:00Z' })
    ).body;
    const reversed = (await t.pay('7.00', { receivedAt: '2026-02-05T10:00:00Z' })).body;
    expect((await t.api('POST', `/api/v1/payments/${reversed.id}/reverse`, { reason: 'bounced' })).status).toBe(200);
    await t.pay('1.00', { receivedAt: '2026-03-01T00:00:00Z' });

    const february = rows(
      (await t.api('GET', '/api/v1/exports/payments?receivedFrom=2026-02-01T00:00:00Z&receivedTo=2026-02-28T23:59:59Z'))
        .raw,
    );
    expect(february.map((p) => [p.id, p.status, p.amount])).toEqual(
      expect.arrayContaining([
        [paid.id, 'matched', '60.00'],
        [unmatched.id, 'unmatched', '5.00'],
        [reversed.id, 'reversed', '7.00'],
      ]),
    );
    expect(february).toHaveLength(3);
    const first = february.find((p) => p.id === paid.id)!;
    expect(first).toMatchObject({ reference: `'=SUM(A1)`, allocated: '60.00', documentIds: invoice.id });
    const onlyUnmatched = rows((await t.api('GET', '/api/v1/exports/payments?unmatched=true')).raw);
    expect(onlyUnmatched.map((p) => p.id)).toEqual([unmatched.id]);
    const xlsx = await t.api('GET', '/api/v1/exports/payments?format=xlsx&unmatched=false');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    // as on GET /payments, unmatched=false does not filter: the header and all four payments
    expect(wb.getWorksheet('payments')!.rowCount).toBe(5);
    expect((await t.api('GET', '/api/v1/exports/payments?receivedFrom=soon')).status).toBe(400);

    const csv = rows((await t.api('GET', '/api/v1/exports/accounting?from=2026-02-01&to=2026-02-28&format=csv')).raw);
    expect(csv.filter((r) => r.record === 'payment')).toEqual([
      expect.objectContaining({
        id: paid.id,
        number: 'B-1',
        date: '2026-02-03',
        customerName: 'Client Corp SA',
        total: '60.00',
      }),
      expect.objectContaining({ id: unmatched.id, customerId: '', total: '5.00' }),
    ]);
  });
});
