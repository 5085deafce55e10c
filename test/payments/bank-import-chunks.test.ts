import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { paymentsTenant } from './support.ts';
import { importPayments } from '../../src/app/payments/import-payments.ts';
import type { CallContext } from '../../src/app/context.ts';

type Tenant = Awaited<ReturnType<typeof paymentsTenant>>;

const header = 'date,externalId,amount,currency,payer,accountCode,iban,customerId,reference';
/** One statement naming its customers every way a bank row can (`{B}` is the second customer's id). */
const statement = (second: string) =>
  [
    header,
    '2026-01-15,R-01,30.00,EUR,First SL,C-1,,,January',
    '2026-01-15,R-02,45.50,EUR,First SL,,,,paying TEST0002 thanks',
    '2026-01-15,R-03,12.00,EUR,Nobody Ltd,,,,Order 55123',
    '2026-01-15,R-01,30.00,EUR,First SL,C-1,,,January again',
    '2026-01-15,R-02,46.00,EUR,First SL,,,,same reference another amount',
    '2026-01-16,R-04,5.001,EUR,First SL,C-1,,,precision',
    `2026-01-16,R-05,80.00,EUR,Second SL,,,${second},by id`,
    '2026-01-16,R-06,20.00,EUR,Second SL,,ES91 2100 0418 4502 0005 1332,,by IBAN',
    '2026-01-16,R-07,30.00,EUR,First SL,C-1,,,the second and part of the third',
    '2026-01-17,R-08,15.00,EUR,Second SL,,,,TEST0004 and TEST0005',
    '2026-01-17,R-09,9.99,EUR,Both,,,,TEST0001 TEST0004',
    '2026-01-17,R-10,7.00,EUR,Second SL,,,cus_unknown,unknown id then nothing',
    '2026-01-17,R-11,10.00,EUR,Second SL,C-2,,,the rest',
  ].join('\n');

/**
 * The set-based import (chunks of rows, a constant number of statements each) stores what storing
 * the rows one by one stores: the same payments, matched to the same customers, the same ledger
 * rows on the same documents, the same paid amounts and statuses, audit entries and events.
 */
describe('A bank statement imported in chunks equals the same statement imported row by row', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-01-20T12:00:00Z' });
  });
  afterAll(() => env.close());

  async function tenantWithInvoices() {
    const t = await paymentsTenant(env);
    await t.api('PATCH', `/api/v1/customers/${t.customerId}`, { accountCode: 'C-1' });
    const second = (
      await t.api('POST', '/api/v1/customers', {
        name: 'Second SL',
        currency: 'EUR',
        accountCode: 'C-2',
        bank: { iban: 'ES9121000418450200051332', bic: 'CAIXESBBXXX' },
      })
    ).body;
    // Paying and partially paying, by due date (the tenant's default, with exact amounts first).
    await t.api('POST', '/api/v1/allocation-configurations', {
      name: 'Exact first',
      criteria: ['exact_amount', 'due_date'],
      allowPartial: true,
      isDefault: true,
    });
    await t.invoice('30.00');
    await t.invoice('65.50');
    await t.invoice('25.00');
    await t.invoice('50.00', { customerId: second.id });
    await t.invoice('40.00', { customerId: second.id });
    await t.invoice('12.00', { customerId: second.id });
    return { ...t, secondId: second.id as string };
  }

  /** Everything the import left, with the ids of one tenant replaced by what names them in both. */
  async function snapshot(t: Tenant & { secondId: string }, report: { paymentIds: string[] }) {
    const customers = new Map([
      [t.customerId, 'first'],
      [t.secondId, 'second'],
    ]);
    const docs = (await t.api('GET', '/api/v1/documents?limit=100')).body.data as Array<Record<string, any>>;
    const numbers = new Map(docs.map((d) => [d.id, d.number]));
    const payments = (await t.api('GET', '/api/v1/payments?limit=100')).body.data as Array<Record<string, any>>;
    const refs = new Map(payments.map((p) => [p.id, p.externalId]));
    const name = (text: string) =>
      text
        .replace(/pay_[0-9a-z]+/g, (id) => refs.get(id) ?? id)
        .replace(/doc_[0-9a-z]+/g, (id) => numbers.get(id) ?? id)
        .replace(/cus_[0-9a-z]+/g, (id) => customers.get(id) ?? id)
        .replace(/(alc|evt|pim|aud)_[0-9a-z]+/g, '$1')
        .replace(new RegExp(t.tenantId, 'g'), 'tenant')
        // Times the database stamps (now()), not the clock of the use cases.
        .replace(/"(createdAt|updatedAt)":"[^"]*"/g, '"$1":"now"');
    const events = (await t.api('GET', '/api/v1/webhook-events?limit=100')).body.data as Array<Record<string, any>>;
    const audit = (await t.api('GET', '/api/v1/audit-events?objectType=payment&limit=100')).body.data ?? [];
    return JSON.parse(
      name(
        JSON.stringify({
          paymentIds: report.paymentIds,
          payments: payments.sort((a, b) => a.externalId.localeCompare(b.externalId)),
          documents: docs
            .map((d) => ({ number: d.number, paymentStatus: d.paymentStatus, totals: d.totals }))
            .sort((a, b) => a.number.localeCompare(b.number)),
          events: events
            .filter((e) => e.type === 'payment.received' || e.type === 'document.paid')
            .map((e) => ({ type: e.type, data: e.payload?.data ?? e.data })),
          audit: audit.map((a: Record<string, any>) => ({ action: a.action, after: a.after })),
        }),
      ),
    );
  }

  it('row by row and in chunks of three rows: same report, payments, allocations, documents, audit and events; a re-import adds nothing', async () => {
    const one = await tenantWithInvoices();
    const other = await tenantWithInvoices();
    const ctx = (t: Tenant): CallContext => ({
      tenantId: t.tenantId,
      actor: { type: 'system', id: 'test' },
      role: 'admin',
    });
    const req = { format: 'csv', source: 'bank' };
    const byRow = await importPayments(env.runtime.deps, ctx(one), req, statement(one.secondId), undefined, {
      rowByRow: true,
    });
    const chunked = await importPayments(env.runtime.deps, ctx(other), req, statement(other.secondId), undefined, {
      chunkRows: 3,
    });
    const { importId: _a, paymentIds: _p, rejected: rejectedByRow, ...reportByRow } = byRow;
    const { importId: _b, paymentIds: _q, rejected: rejectedChunked, ...reportChunked } = chunked;
    expect(reportChunked).toEqual(reportByRow);
    expect(reportChunked).toMatchObject({ accepted: 10, duplicates: 1, unmatched: 3 });
    expect(rejectedChunked.map((r) => [r.row, r.code])).toEqual(rejectedByRow.map((r) => [r.row, r.code]));
    expect(rejectedChunked.map((r) => r.code)).toEqual(['DUPLICATE_PAYMENT_REFERENCE', 'AMOUNT_PRECISION']);

    const left = await snapshot(one, byRow);
    const right = await snapshot(other, chunked);
    expect(right).toEqual(left);
    // The scenario moves money: documents paid off, partly paid, payments with credit left.
    expect(left.events.filter((e: { type: string }) => e.type === 'document.paid').length).toBeGreaterThan(2);
    expect(left.documents.map((d: { paymentStatus: string }) => d.paymentStatus)).toContain('partially_paid');

    const again = await importPayments(env.runtime.deps, ctx(other), req, statement(other.secondId), undefined, {
      chunkRows: 3,
    });
    expect(again).toMatchObject({ accepted: 0, duplicates: 11, unmatched: 0 });
    expect(again.rejected.map((r) => r.code)).toEqual(['DUPLICATE_PAYMENT_REFERENCE', 'AMOUNT_PRECISION']);
  }, 300_000);
});
