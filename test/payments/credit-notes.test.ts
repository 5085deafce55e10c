import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { creditNoteSequence } from '../support/invoicing.ts';
import { balanceOf, paymentsTenant, statementOf } from './support.ts';

/**
 * An issued invoice is never edited: it is corrected by a credit note, numbered from its own
 * sequence, for some of its lines or an amount, never more than is left to credit. The credit
 * reduces what the invoice still owes, or, once the invoice is paid, becomes customer credit.
 */
describe('Credit notes', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-01-10T12:00:00Z' });
  });
  afterAll(() => env.close());

  async function tenantWithCreditSequence() {
    const t = await paymentsTenant(env);
    await creditNoteSequence(t.api);
    const credit = (body: Record<string, unknown>) =>
      t.api('POST', '/api/v1/documents', { type: 'credit_note', ...body });
    return { ...t, credit };
  }

  it('a credit note on part of an unpaid invoice line is numbered from its own sequence and lowers what the invoice owes', async () => {
    const t = await tenantWithCreditSequence();
    const invoice = await t.invoice('100.00');
    const line = invoice.lines[0];
    const note = await t.credit({
      creditedDocumentId: invoice.id,
      lines: [{ lineId: line.id, amount: '30.00' }],
      reason: 'Outage on 3 January',
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({
      type: 'credit_note',
      status: 'issued',
      number: 'CN001',
      creditedDocumentId: invoice.id,
      customerId: t.customerId,
      paymentStatus: null,
      totals: { total: '30.00' },
      metadata: { reason: 'Outage on 3 January' },
    });
    expect(note.body.lines).toMatchObject([{ description: `Credit: ${line.description}`, gross: '30.00' }]);
    expect(await t.doc(invoice.id)).toMatchObject({ totals: { total: '100.00', paid: '30.00', open: '70.00' } });
    expect(await balanceOf(env, t)).toMatchObject({
      outstanding: '70.00',
      credit: '0.00',
      balance: '70.00',
      statementBalance: '70.00',
    });
    const statement = await statementOf(env, t);
    expect(
      statement.lines
        .filter((l: { kind: string }) => l.kind !== 'allocation')
        .map((l: { kind: string; balance: string }) => [l.kind, l.balance]),
    ).toEqual([
      ['document', '100.00'],
      ['credit_note', '70.00'],
    ]);

    // What is left of the line can be credited, and no more.
    const over = await t.credit({ creditedDocumentId: invoice.id, lines: [{ lineId: line.id, amount: '70.01' }] });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ code: 'OVER_CREDIT', errors: [{ field: 'lines.0.amount' }] });
    const rest = await t.credit({ creditedDocumentId: invoice.id, lines: [{ lineId: line.id }] });
    expect(rest.body).toMatchObject({ number: 'CN002', totals: { total: '70.00' } });
    expect(await t.doc(invoice.id)).toMatchObject({ paymentStatus: 'paid', totals: { open: '0.00' } });
    const nothingLeft = await t.credit({ creditedDocumentId: invoice.id, amount: '0.01' });
    expect(nothingLeft.body).toMatchObject({ code: 'OVER_CREDIT', errors: [{ field: 'amount' }] });
  });

  it('crediting an invoice already paid leaves customer credit, which pays the next invoice when it is issued', async () => {
    const t = await tenantWithCreditSequence();
    const paid = await t.invoice('100.00');
    await t.pay('100.00', { externalId: 'bank-cn-1' });
    const note = await t.credit({ creditedDocumentId: paid.id, amount: '40.00' });
    expect(note.status).toBe(201);
    expect(await t.doc(paid.id)).toMatchObject({ paymentStatus: 'paid', totals: { paid: '100.00' } });
    expect(await balanceOf(env, t)).toMatchObject({
      outstanding: '0.00',
      credit: '40.00',
      balance: '-40.00',
      statementBalance: '-40.00',
    });
    const next = await t.invoice('50.00');
    expect(next).toMatchObject({ paymentStatus: 'partially_paid', totals: { paid: '40.00', open: '10.00' } });
    expect(await balanceOf(env, t)).toMatchObject({ outstanding: '10.00', credit: '0.00', statementBalance: '10.00' });
    // A credit note is not money received.
    const received = await t.api('GET', '/api/v1/reports/payments-received?from=2026-01-01&to=2026-12-31');
    expect(received.body.periods).toMatchObject([{ count: 1, amount: '100.00' }]);
  });

  it('refuses drafts, other tenants’ documents, both or neither of lines and amount, and too many decimals; nothing is stored', async () => {
    const t = await tenantWithCreditSequence();
    const other = await tenantWithCreditSequence();
    const invoice = await t.invoice('20.00');
    const draft = (
      await t.api('POST', '/api/v1/documents', {
        type: 'invoice',
        customerId: t.customerId,
        periodStart: '2025-11-01',
        periodEnd: '2025-11-30',
        numberSequenceId: t.sequenceId,
      })
    ).body;
    expect((await t.credit({ creditedDocumentId: draft.id, amount: '1.00' })).body.code).toBe(
      'DOCUMENT_NOT_CREDITABLE',
    );
    const foreign = await other.credit({ creditedDocumentId: invoice.id, amount: '1.00' });
    expect(foreign.status).toBe(422);
    expect(foreign.body.code).toBe('UNKNOWN_DOCUMENT');
    expect((await t.credit({ creditedDocumentId: invoice.id })).body.code).toBe('CREDIT_SCOPE');
    expect((await t.credit({ creditedDocumentId: invoice.id, amount: '1.001' })).body.code).toBe('AMOUNT_PRECISION');
    expect((await t.credit({ amount: '1.00' })).body).toMatchObject({ errors: [{ field: 'creditedDocumentId' }] });
    expect((await t.api('GET', '/api/v1/documents?type=credit_note')).body.data).toEqual([]);
    expect(await t.doc(invoice.id)).toMatchObject({ totals: { open: '20.00' } });
  });
});
