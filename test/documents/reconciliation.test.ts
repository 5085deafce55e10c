import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { paymentsTenant } from '../payments/support.ts';
import { builtinTemplateId } from '../../src/app/documents/templates.ts';

const pdfText = (pdf: Buffer) => {
  const file = join(mkdtempSync(join(tmpdir(), 'tollbook-docs9-recon-')), 'doc.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};

// An act of reconciliation of mutual settlements (акт сверки) states, for two dates, what the
// customer owed when the period began, the documents issued and the payments received in it, and
// what is owed at its end — read from the same ledger as the customer's statement. Nobody pays it
// and it is not a tax document.
describe('Reconciliation statements', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2025-02-03T09:00:00Z' });
  });
  afterAll(() => env.close());

  /** January billed 100.00 and paid 60.00 in February; February billed 120.50 and paid 150.00 in March. */
  async function books() {
    const t = await paymentsTenant(env);
    env.clock.set('2025-02-03T09:00:00Z');
    const january = await t.invoice('100.00');
    env.clock.set('2025-02-20T09:00:00Z');
    expect((await t.pay('60.00', { externalId: 'BANK-0220' })).status).toBe(201);
    env.clock.set('2025-03-03T09:00:00Z');
    const february = await t.invoice('120.50');
    env.clock.set('2025-03-10T09:00:00Z');
    expect((await t.pay('150.00', { externalId: 'BANK-0310' })).status).toBe(201);
    env.clock.set('2025-04-02T09:00:00Z');
    const march = await t.invoice('80.00');
    await t.api('POST', '/api/v1/number-sequences', {
      name: 'Reconciliations',
      documentType: 'reconciliation',
      prefix: 'RS-',
      padding: 3,
      increment: 1,
      start: 1,
      reset: 'never',
    });
    env.clock.set('2025-04-05T09:00:00Z');
    return { ...t, january, february, march };
  }

  async function reconcile(t: Awaited<ReturnType<typeof books>>, extra: Record<string, unknown> = {}) {
    const created = await t.api('POST', '/api/v1/documents', {
      type: 'reconciliation',
      customerId: t.customerId,
      periodStart: '2025-03-01',
      periodEnd: '2025-03-31',
      ...extra,
    });
    expect(created.status).toBe(201);
    await t.api('POST', `/api/v1/documents/${created.body.id}/generate`);
    await env.runtime.queue.drain();
    const issued = await t.api('POST', `/api/v1/documents/${created.body.id}/issue`);
    expect(issued.status).toBe(200);
    await env.runtime.queue.drain();
    const doc = (await t.api('GET', `/api/v1/documents/${created.body.id}`)).body;
    const pdf = await t.api('GET', `/api/v1/documents/${doc.id}/pdf`);
    expect(pdf.status).toBe(200);
    return { doc, text: pdfText(pdf.bytes) };
  }

  it('states March: 40.00 carried in, the February invoice and the March payment, 10.50 carried out', async () => {
    const t = await books();
    const { doc, text } = await reconcile(t);
    // Not payable, not a tax document, numbered from its own sequence; it bills nothing itself.
    expect(doc).toMatchObject({ type: 'reconciliation', status: 'issued', number: 'RS-001' });
    expect(doc).toMatchObject({ paymentStatus: null, dueDate: null, renderStatus: 'created' });
    expect(doc.lines).toEqual([]);
    expect(doc.totals.total).toBe('0.00');

    expect(text).toContain('Reconciliation statement');
    expect(text).toContain('RS-001');
    expect(text).toContain('Acme Telecom SL');
    expect(text).toContain('Client Corp SA');
    expect(text).toContain('01/03/2025 – 31/03/2025');
    // pdftotext reads the table column by column: the rows' texts, then the amounts.
    expect(text).toMatch(/Opening balance .*Balance 40\.00 120\.50 160\.50 150\.00/);
    expect(text).toContain(t.february.number);
    expect(text).toContain('120.50');
    expect(text).toContain('BANK-0310');
    expect(text).toContain('150.00');
    expect(text).toContain('Turnover for the period');
    expect(text).toContain('Client Corp SA owes Acme Telecom SL 10.50 EUR');
    // What happened before or after the period is only in the balances.
    expect(text).not.toContain(t.january.number);
    expect(text).not.toContain(t.march.number);
    expect(text).not.toContain('BANK-0220');
    // The statement endpoint reads the same ledger.
    const statement = await t.api('GET', `/api/v1/customers/${t.customerId}/statement?from=2025-03-01&to=2025-03-31`);
    expect(statement.body).toMatchObject({ openingBalance: '40.00', closingBalance: '10.50' });
    // A reconciliation owes nothing: the balance is the invoices' alone.
    const balance = await t.api('GET', `/api/v1/customers/${t.customerId}/balance`);
    expect(balance.body.balance).toBe('90.50');
  });

  it('prints in Russian with the Russian template', async () => {
    const t = await books();
    const { text } = await reconcile(t, { templateId: builtinTemplateId('reconciliation', 'ru') });
    expect(text).toContain('Акт сверки');
    expect(text).toContain('Сальдо начальное');
    expect(text).toMatch(/40[.,]00/);
    expect(text).toContain('Сальдо конечное');
    expect(text).toMatch(/задолженность Client Corp SA перед Acme Telecom SL составляет 10[.,]50/);
  });
});
