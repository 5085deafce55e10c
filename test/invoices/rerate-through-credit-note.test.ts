import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { creditNoteSequence, invoicingTenant } from '../support/invoicing.ts';
import { sipTrunk } from '../catalog/support.ts';
import { call, changeRates, ingest, ok, planFor } from '../usage/support.ts';

type Tenant = Awaited<ReturnType<typeof invoicingTenant>>;
type Line = { id: string; kind: string; description: string; net: string; gross: string };

/**
 * A rate correction after a month was invoiced: the issued invoice is never changed. Re-rating
 * with issuedDocuments "credit" credits exactly the usage line of the corrected destination,
 * releases its calls, and the next invoice of the month bills them at the new price; the
 * subscription and the other destination stay on the first invoice.
 */
describe('rerate-through-credit-note', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2024-03-05T10:00:00Z' });
  });
  afterAll(() => env.close());

  const FEB = { periodStart: '2024-02-01', periodEnd: '2024-02-29' };
  const rerate = (customerId: string, extra: Record<string, unknown> = {}) => ({
    customerId,
    from: '2024-02-01T00:00:00Z',
    to: '2024-03-01T00:00:00Z',
    ...extra,
  });

  /** February: a 30.00 SIP trunk in arrears, two calls to Albania (0.20/min) and one to the UK (0.03/min). */
  async function invoicedFebruary() {
    const t: Tenant = await invoicingTenant(env);
    await ok(t.api, 'PATCH', `/api/v1/customers/${t.customerId}`, { activationDate: '2024-01-01' }, 200);
    expect((await creditNoteSequence(t.api)).status).toBe(201);
    const product = await ok(t.api, 'POST', '/api/v1/products', sipTrunk);
    const basic = await ok(t.api, 'POST', '/api/v1/contracts', { kind: 'basic', name: 'Business' });
    const contract = await ok(t.api, 'POST', '/api/v1/contracts', {
      customerId: t.customerId,
      basicContractId: basic.id,
      number: 'C-1',
      date: '2024-01-01',
    });
    await ok(t.api, 'POST', '/api/v1/subscriptions', {
      contractId: contract.id,
      productId: product.id,
      startDate: '2024-02-01',
      billing: 'in_arrears',
    });
    await ok(t.api, 'POST', '/api/v1/destinations', { prefix: '35567', name: 'Albania mobile' });
    await ok(t.api, 'POST', '/api/v1/destinations', { prefix: '44', name: 'United Kingdom' });
    const plan = await planFor(
      t.api,
      t.customerId,
      [
        { prefix: '35567', pricePerMinute: '0.2000', connectionFee: '0', minimumSeconds: 0, incrementSeconds: 60 },
        { prefix: '44', pricePerMinute: '0.0300', connectionFee: '0', minimumSeconds: 0, incrementSeconds: 60 },
      ],
      {},
      '2024-01-01',
    );
    const customerId = t.customerId;
    await ingest(t.api, [
      call({
        externalId: 'al1',
        customerId,
        callee: '355671234567',
        durationSeconds: 60,
        startedAt: '2024-02-05T10:00:00Z',
      }),
      call({
        externalId: 'al2',
        customerId,
        callee: '355671234567',
        durationSeconds: 600,
        startedAt: '2024-02-06T10:00:00Z',
      }),
      call({
        externalId: 'uk1',
        customerId,
        callee: '4420712345678',
        durationSeconds: 120,
        startedAt: '2024-02-07T10:00:00Z',
      }),
    ]);
    const invoice = await makeIssued(t);
    return { t, plan, invoice };
  }

  async function makeIssued(t: Tenant) {
    const created = await t.api('POST', '/api/v1/documents', {
      type: 'invoice',
      customerId: t.customerId,
      ...FEB,
      numberSequenceId: t.sequenceId,
      taxRate: '21',
    });
    expect(created.status, created.raw).toBe(201);
    await t.api('POST', `/api/v1/documents/${created.body.id}/generate`);
    await env.runtime.queue.drain();
    const issued = await t.api('POST', `/api/v1/documents/${created.body.id}/issue`);
    expect(issued.status, issued.raw).toBe(200);
    await env.runtime.queue.drain();
    return doc(t, created.body.id);
  }
  const doc = async (t: Tenant, id: string) => ok(t.api, 'GET', `/api/v1/documents/${id}`);
  const lineOf = (d: { lines: Line[] }, kind: string, description?: string) =>
    d.lines.find((l) => l.kind === kind && (description === undefined || l.description === description))!;
  const recordIds = async (t: Tenant, externalIds: string[]) => {
    const all = (await ok(t.api, 'GET', `/api/v1/usage-records?customerId=${t.customerId}&limit=100`)).data as Array<{
      id: string;
      externalId: string;
    }>;
    return all.filter((r) => externalIds.includes(r.externalId)).map((r) => r.id);
  };
  const cents = (s: string) => Math.round(Number(s) * 100);

  it('credits exactly the re-rated destination, bills it again at the new price, and a repeat does nothing', async () => {
    const { t, plan, invoice } = await invoicedFebruary();
    // 60 s + 600 s to Albania at 0.20 = 2.20; 120 s to the UK at 0.03 = 0.06; the trunk 30.00.
    expect(invoice.lines.map((l: Line) => [l.kind, l.description, l.net])).toEqual(
      expect.arrayContaining([
        ['usage', 'Albania mobile', '2.20'],
        ['usage', 'United Kingdom', '0.06'],
        ['subscription', 'SIP trunk', '30.00'],
      ]),
    );
    expect(invoice.totals).toMatchObject({ net: '32.26', tax: '6.77', total: '39.03', open: '39.03' });
    const albania = lineOf(invoice, 'usage', 'Albania mobile');

    await changeRates(t.api, plan.id, [
      { prefix: '35567', pricePerMinute: '0.1000', minimumSeconds: 0, incrementSeconds: 60 },
    ]);
    // Today's contract: refused, naming the invoice, unless the caller opts in.
    const refused = await t.api('POST', '/api/v1/usage-records/rerate', rerate(t.customerId));
    expect([refused.status, refused.body.code, refused.body.documentIds]).toEqual([
      409,
      'RERATE_ISSUED_DOCUMENTS',
      [invoice.id],
    ]);
    const bad = await t.api(
      'POST',
      '/api/v1/usage-records/rerate',
      rerate(t.customerId, { issuedDocuments: 'sometimes' }),
    );
    expect([bad.status, bad.body.errors[0].field]).toEqual([400, 'issuedDocuments']);

    const result = await ok(
      t.api,
      'POST',
      '/api/v1/usage-records/rerate',
      rerate(t.customerId, { issuedDocuments: 'credit' }),
      200,
    );
    const albaniaIds = (await recordIds(t, ['al1', 'al2'])).sort();
    expect(result).toMatchObject({ selected: 3, changed: 2, documentsNeedingRegeneration: [] });
    expect(result.creditNotes).toEqual([
      {
        id: expect.any(String),
        number: 'CN001',
        creditedDocumentId: invoice.id,
        // 2.20 + 21 % tax.
        total: '2.66',
        currency: 'EUR',
        creditedLineIds: [albania.id],
        releasedRecordIds: albaniaIds,
      },
    ]);
    expect(result.releasedRecordIds).toEqual(albaniaIds);

    const note = await doc(t, result.creditNotes[0].id);
    expect(note).toMatchObject({ type: 'credit_note', status: 'issued', creditedDocumentId: invoice.id });
    expect(note.lines.map((l: Line) => [l.description, l.gross])).toEqual([['Credit: Albania mobile', '2.66']]);
    // The invoice is unchanged; the credit lowers what it still owes.
    const after = await doc(t, invoice.id);
    expect(after.lines).toEqual(invoice.lines);
    expect(after.totals).toMatchObject({ total: '39.03', paid: '2.66', open: '36.37' });
    // Its call list still shows every call it billed.
    expect((await ok(t.api, 'GET', `/api/v1/documents/${invoice.id}/usage-records`)).data).toHaveLength(3);
    const audit = await ok(t.api, 'GET', `/api/v1/audit-events?objectId=${invoice.id}`);
    expect(audit.data.map((e: { action: string }) => e.action)).toContain('usage_released');

    // The month is open again for the released calls only: the new invoice bills them at 0.10.
    const rebill = await makeIssued(t);
    expect(rebill.lines.map((l: Line) => [l.kind, l.description, l.net])).toEqual([
      ['usage', 'Albania mobile', '1.10'],
    ]);
    expect(rebill.totals).toMatchObject({ net: '1.10', tax: '0.23', total: '1.33' });
    const calls = (await ok(t.api, 'GET', `/api/v1/documents/${rebill.id}/usage-records`)).data;
    expect(calls.map((c: { id: string }) => c.id).sort()).toEqual(albaniaIds);

    // Original − credit + new = what February costs at the new rate: 1.16 of calls + 30.00, 21 % tax.
    expect(cents(invoice.totals.total) - cents(note.totals.total) + cents(rebill.totals.total)).toBe(3770);
    const charges = (await ok(t.api, 'GET', `/api/v1/charges?customerId=${t.customerId}`)).data;
    expect(charges.map((c: { documentId: string }) => c.documentId)).toEqual([invoice.id]);

    // Billed again: the month is closed once more, and a repeat of the re-rate does nothing new.
    const again = await t.api('POST', '/api/v1/documents', { type: 'invoice', customerId: t.customerId, ...FEB });
    expect([again.status, again.body.code]).toEqual([422, 'OVERLAPPING_DOCUMENT']);
    const repeat = await ok(
      t.api,
      'POST',
      '/api/v1/usage-records/rerate',
      rerate(t.customerId, { issuedDocuments: 'credit' }),
      200,
    );
    expect(repeat).toMatchObject({ selected: 3, changed: 0, creditNotes: [], releasedRecordIds: [] });
    expect((await doc(t, rebill.id)).totals).toMatchObject({ total: '1.33', open: '1.33' });
    expect((await doc(t, invoice.id)).totals).toMatchObject({ open: '36.37' });
  });

  it('a generation session of the month bills the released calls, once', async () => {
    const { t, plan, invoice } = await invoicedFebruary();
    await changeRates(t.api, plan.id, [
      { prefix: '44', pricePerMinute: '0.0600', minimumSeconds: 0, incrementSeconds: 60 },
    ]);
    const result = await ok(
      t.api,
      'POST',
      '/api/v1/usage-records/rerate',
      rerate(t.customerId, { issuedDocuments: 'credit' }),
      200,
    );
    expect(result.creditNotes).toHaveLength(1);
    expect(result.creditNotes[0]).toMatchObject({ total: '0.07', creditedDocumentId: invoice.id });
    // A repeat before the calls are billed again changes nothing either.
    const early = await ok(
      t.api,
      'POST',
      '/api/v1/usage-records/rerate',
      rerate(t.customerId, { issuedDocuments: 'credit' }),
      200,
    );
    expect(early).toMatchObject({ changed: 0, creditNotes: [], releasedRecordIds: [] });

    const run = async () => {
      const started = await t.api('POST', '/api/v1/generation-sessions', { documentType: 'invoice', ...FEB });
      expect(started.status, started.raw).toBe(202);
      await env.runtime.queue.drain();
      return ok(t.api, 'GET', `/api/v1/generation-sessions/${started.body.id}`);
    };
    const first = await run();
    expect(first.counts).toMatchObject({ documentsCreated: 1, customersFailed: 0 });
    const made = await doc(t, first.documentIds[0]);
    expect(made.lines.map((l: Line) => [l.kind, l.net])).toEqual([['usage', '0.12']]);
    const second = await run();
    expect(second.counts).toMatchObject({ documentsCreated: 0, customersSkipped: 1 });
  });

  it('a line of which only some calls change is credited whole and billed again afresh', async () => {
    const { t, plan, invoice } = await invoicedFebruary();
    await changeRates(t.api, plan.id, [
      { prefix: '35567', pricePerMinute: '0.1000', minimumSeconds: 0, incrementSeconds: 60 },
    ]);
    // Only the first days of the month: al1 (5 Feb) changes, al2 (6 Feb) is outside the selection.
    const result = await ok(
      t.api,
      'POST',
      '/api/v1/usage-records/rerate',
      { customerId: t.customerId, from: '2024-02-01T00:00:00Z', to: '2024-02-06T00:00:00Z', issuedDocuments: 'credit' },
      200,
    );
    expect(result).toMatchObject({ selected: 1, changed: 1 });
    expect(result.creditNotes).toEqual([
      expect.objectContaining({ total: '2.66', creditedLineIds: [lineOf(invoice, 'usage', 'Albania mobile').id] }),
    ]);
    expect(result.releasedRecordIds).toEqual((await recordIds(t, ['al1', 'al2'])).sort());
    // The line is computed again from its calls: al1 at 0.10, al2 keeps the 2.00 it was rated at.
    const rebill = await makeIssued(t);
    expect(rebill.lines.map((l: Line) => [l.description, l.net])).toEqual([['Albania mobile', '2.10']]);
  });

  it('refuses a line an earlier credit note corrected, and without a credit-note sequence; nothing changes', async () => {
    const { t, plan, invoice } = await invoicedFebruary();
    await changeRates(t.api, plan.id, [
      { prefix: '35567', pricePerMinute: '0.1000', minimumSeconds: 0, incrementSeconds: 60 },
    ]);
    const albania = lineOf(invoice, 'usage', 'Albania mobile');
    const goodwill = await t.api('POST', '/api/v1/documents', {
      type: 'credit_note',
      creditedDocumentId: invoice.id,
      lines: [{ lineId: albania.id, amount: '1.00' }],
    });
    expect(goodwill.status, goodwill.raw).toBe(201);
    const credited = await t.api(
      'POST',
      '/api/v1/usage-records/rerate',
      rerate(t.customerId, { issuedDocuments: 'credit' }),
    );
    expect([credited.status, credited.body.code, credited.body.lineId]).toEqual([
      409,
      'RERATE_LINE_CREDITED',
      albania.id,
    ]);
    const prices = (await ok(t.api, 'GET', `/api/v1/usage-records?customerId=${t.customerId}&destination=35567`)).data;
    expect(prices.map((r: { price: string; documentId: string }) => [r.price, r.documentId])).toEqual([
      ['0.200000', invoice.id],
      ['2.000000', invoice.id],
    ]);

    // Another customer's month, with no credit-note sequence at all: refused, nothing stored.
    const u = await invoicingTenant(env);
    await ok(u.api, 'POST', '/api/v1/destinations', { prefix: '44', name: 'United Kingdom' });
    const uPlan = await planFor(
      u.api,
      u.customerId,
      [{ prefix: '44', pricePerMinute: '0.0300', connectionFee: '0', minimumSeconds: 0, incrementSeconds: 60 }],
      {},
      '2024-01-01',
    );
    await ok(u.api, 'PATCH', `/api/v1/customers/${u.customerId}`, { activationDate: '2024-01-01' }, 200);
    await ingest(u.api, [
      call({
        externalId: 'u1',
        customerId: u.customerId,
        callee: '4420712345678',
        durationSeconds: 600,
        startedAt: '2024-02-07T10:00:00Z',
      }),
    ]);
    const uInvoice = await makeIssued(u);
    await changeRates(u.api, uPlan.id, [
      { prefix: '44', pricePerMinute: '0.0600', minimumSeconds: 0, incrementSeconds: 60 },
    ]);
    const noSequence = await u.api(
      'POST',
      '/api/v1/usage-records/rerate',
      rerate(u.customerId, { issuedDocuments: 'credit' }),
    );
    expect([noSequence.status, noSequence.body.code]).toEqual([422, 'NO_NUMBER_SEQUENCE']);
    const [record] = (await ok(u.api, 'GET', `/api/v1/usage-records?customerId=${u.customerId}`)).data;
    expect([record.price, record.documentId]).toEqual(['0.300000', uInvoice.id]);
    expect((await doc(u, uInvoice.id)).totals.open).toBe(uInvoice.totals.total);
  });
});
