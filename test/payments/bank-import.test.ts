import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { paymentsTenant } from './support.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const csv = { 'content-type': 'text/csv' };
const xml = { 'content-type': 'application/xml' };
const mapping = encodeURIComponent(
  JSON.stringify({
    date: 'Booking date',
    externalId: 'Bank reference',
    amount: 'Amount',
    currency: 'Currency',
    payer: 'Ordering party',
    accountCode: 'Customer code',
    reference: 'Remittance information',
  }),
);

/**
 * Bank statements become payments: each credit row is matched to a customer by its code, its IBAN
 * or an invoice number in the remittance text, allocated at once, and a row nobody can be matched
 * to is kept for manual matching. Bad rows are reported one by one; good rows are kept.
 */
describe('Importing a bank statement', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-01-20T12:00:00Z' });
  });
  afterAll(() => env.close());

  async function customerWithTwoInvoices() {
    const t = await paymentsTenant(env);
    await t.api('PATCH', `/api/v1/customers/${t.customerId}`, {
      accountCode: 'C-1001',
      bank: { iban: 'ES7620770024003102575766', bic: 'CAGLESMMXXX' },
    });
    const first = await t.invoice('100.00');
    const second = await t.invoice('65.50');
    expect([first.number, second.number]).toEqual(['TEST0001', 'TEST0002']);
    return { ...t, first, second };
  }

  it('a CSV with a column mapping: matched rows are allocated, an unknown payer is kept unmatched, bad rows are reported, a re-import adds nothing', async () => {
    const t = await customerWithTwoInvoices();
    const imported = await t.api(
      'POST',
      `/api/v1/payment-imports?format=csv&source=bank-main&mapping=${mapping}`,
      fixture('bank-statement.csv'),
      csv,
    );
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ source: 'bank-main', rows: 6, accepted: 3, duplicates: 0, unmatched: 1 });
    expect(imported.body.rejected).toEqual([
      { row: 4, code: 'AMOUNT_PRECISION', field: 'amount', detail: expect.any(String) },
      { row: 5, code: 'INVALID_DATE', field: 'date', detail: expect.any(String) },
      { row: 6, code: 'MISSING_REFERENCE', field: 'externalId', detail: expect.any(String) },
    ]);
    // 100.00 by the customer code pays the oldest invoice; 45.50 naming TEST0002 goes to the same customer.
    expect(await t.doc(t.first.id)).toMatchObject({ paymentStatus: 'paid' });
    expect(await t.doc(t.second.id)).toMatchObject({ paymentStatus: 'partially_paid', totals: { open: '20.00' } });
    const unmatched = (await t.api('GET', '/api/v1/payments?unmatched=true')).body.data;
    expect(unmatched).toMatchObject([
      { externalId: 'BNK-CSV-0003', amount: '12.00', payer: 'Unknown Trading Ltd', importId: imported.body.importId },
    ]);

    const again = await t.api(
      'POST',
      `/api/v1/payment-imports?format=csv&source=bank-main&mapping=${mapping}`,
      fixture('bank-statement.csv'),
      csv,
    );
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 3, unmatched: 0 });
    expect((await t.api('GET', '/api/v1/payments?limit=100')).body.data).toHaveLength(3);
  });

  it('an ISO 20022 camt.053 statement: credits by IBAN and by creditor reference are matched, a batch is split, debits and pending entries are skipped, an unknown debtor is kept unmatched', async () => {
    const t = await customerWithTwoInvoices();
    const imported = await t.api(
      'POST',
      '/api/v1/payment-imports?format=camt053',
      fixture('bank-statement.camt053.xml'),
      xml,
    );
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({
      source: 'camt053:DE89370400440532013000',
      rows: 6,
      accepted: 3,
      unmatched: 1,
      skipped: 2,
      duplicates: 0,
    });
    expect(imported.body.rejected).toMatchObject([{ row: 6, code: 'AMOUNT_PRECISION', field: 'amount' }]);
    const payments = (await t.api('GET', '/api/v1/payments?limit=100')).body.data;
    expect(
      payments.map((p: Record<string, unknown>) => [p.externalId, p.amount, p.customerId === t.customerId, p.payer]),
    ).toEqual([
      ['2026011500001', '100.00', true, 'Client Corp SA'],
      ['2026011600007-01', '20.00', true, 'C. Corp Branch Valencia'],
      ['2026011600007-02', '30.00', false, 'Nordwind Logistik GmbH'],
    ]);
    expect(payments[0].receivedAt).toBe('2026-01-15T00:00:00Z');
    expect(await t.doc(t.second.id)).toMatchObject({ totals: { paid: '20.00', open: '45.50' } });

    const again = await t.api(
      'POST',
      '/api/v1/payment-imports?format=camt053',
      fixture('bank-statement.camt053.xml'),
      xml,
    );
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 3 });

    // The unmatched row is matched by hand and then allocated like any payment.
    const matched = await t.api('POST', `/api/v1/payments/${payments[2].id}/match`, { customerId: t.customerId });
    expect(matched.body).toMatchObject({ status: 'matched', allocated: '30.00' });
    expect(await t.doc(t.second.id)).toMatchObject({ totals: { paid: '50.00', open: '15.50' } });
  });

  it('refuses, with nothing stored, XML that declares entities (external entities, billion laughs), XML that is not camt.053, an unknown format and a CSV missing a column', async () => {
    const t = await paymentsTenant(env);
    const xxe = `<?xml version="1.0"?>
<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Document><BkToCstmrStmt><Stmt><Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
<AcctSvcrRef>&xxe;</AcctSvcrRef><BookgDt><Dt>2026-01-01</Dt></BookgDt></Ntry></Stmt></BkToCstmrStmt></Document>`;
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Document><BkToCstmrStmt><Stmt><Ntry><Amt Ccy="EUR">1.00</Amt><AcctSvcrRef>&lol3;</AcctSvcrRef></Ntry></Stmt></BkToCstmrStmt></Document>`;
    for (const body of [xxe, laughs]) {
      const refused = await t.api('POST', '/api/v1/payment-imports?format=camt053', body, xml);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'XML_ENTITIES_REFUSED', errors: [{ field: 'body' }] });
    }
    const notCamt = await t.api('POST', '/api/v1/payment-imports?format=camt053', '<Document><Other/></Document>', xml);
    expect(notCamt.body.code).toBe('NOT_CAMT053');
    const broken = await t.api('POST', '/api/v1/payment-imports?format=camt053', '<Document><BkToCstmrStmt>', xml);
    expect(broken.body.code).toBe('INVALID_XML');
    const format = await t.api('POST', '/api/v1/payment-imports?format=mt940', 'x', csv);
    expect(format.status).toBe(400);
    const column = await t.api('POST', '/api/v1/payment-imports?format=csv', 'date,amount\n2026-01-01,5.00\n', csv);
    expect(column.status).toBe(400);
    expect(column.body).toMatchObject({ code: 'MISSING_COLUMN', errors: [{ field: 'mapping.externalId' }] });
    const mappingBad = await t.api(
      'POST',
      '/api/v1/payment-imports?format=csv&mapping=%7B%22nope%22%3A%22x%22%7D',
      'a\n1\n',
      csv,
    );
    expect(mappingBad.body).toMatchObject({ code: 'INVALID_MAPPING', errors: [{ field: 'mapping.nope' }] });
    expect((await t.api('GET', '/api/v1/payments')).body.data).toEqual([]);
  });
});
