import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant } from '../support/invoicing.ts';
import type { ChargeInput } from '../../src/app/ports/charges.ts';

type Tenant = Awaited<ReturnType<typeof invoicingTenant>>;

// A proforma bills a coming period in advance: the scheduled charges of that period, and the
// unscheduled ones only when the invoicing scheme says so. It claims nothing, so the invoice that
// follows still bills the same charges.
describe('Proformas for a coming period', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2024-03-05T10:00:00Z' });
  });
  afterAll(() => env.close());

  async function setUp(includesUnscheduled: boolean) {
    const t: Tenant = await invoicingTenant(env);
    const proformaSeq = (
      await t.api('POST', '/api/v1/number-sequences', {
        name: 'Proformas',
        documentType: 'proforma',
        prefix: 'PF-',
        padding: 3,
        increment: 1,
        start: 1,
        reset: 'never',
      })
    ).body.id as string;
    const scheme = await t.api('POST', '/api/v1/invoicing-schemes', {
      name: 'Advance',
      invoiceNumberSequenceId: t.sequenceId,
      proformaNumberSequenceId: proformaSeq,
      taxRate: '21',
      proformaIncludesUnscheduled: includesUnscheduled,
    });
    expect(scheme.status).toBe(201);
    const basic = (await t.api('POST', '/api/v1/contracts', { kind: 'basic', name: 'Business' })).body;
    const contractId = (
      await t.api('POST', '/api/v1/contracts', { customerId: t.customerId, basicContractId: basic.id, number: 'C-1' })
    ).body.id as string;
    const base: Omit<ChargeInput, 'kind' | 'description'> = {
      customerId: t.customerId,
      contractId,
      subscriptionId: null,
      productId: null,
      productKind: 'recurring',
      quantity: '1',
      unitPrice: '30',
      amount: '30',
      currency: 'EUR',
      taxRate: null,
      servicePeriodStart: '2024-04-01',
      servicePeriodEnd: '2024-04-30',
      date: null,
      billingDate: '2024-03-31',
      fullAmount: '30',
      activeDays: 30,
      periodDays: 30,
    };
    const suffix = t.tenantId.slice(-6);
    await env.runtime.deps.uow.run((s) =>
      s.charges.insertMany(t.tenantId, [
        { ...base, id: `chg_trunk_${suffix}`, kind: 'scheduled', description: 'SIP trunk (April)' },
        {
          ...base,
          id: `chg_setup_${suffix}`,
          kind: 'unscheduled',
          productKind: 'one_off',
          description: 'Setup of 5 DID numbers',
          unitPrice: '25',
          amount: '25',
          fullAmount: null,
          activeDays: null,
          periodDays: null,
          servicePeriodStart: null,
          servicePeriodEnd: null,
          date: '2024-04-02',
          billingDate: '2024-04-02',
        },
      ] as Array<ChargeInput & { id: string }>),
    );
    return t;
  }

  async function proforma(t: Tenant) {
    const created = await t.api('POST', '/api/v1/documents', {
      type: 'proforma',
      customerId: t.customerId,
      periodStart: '2024-04-01',
      periodEnd: '2024-04-30',
    });
    expect(created.status).toBe(201);
    await t.api('POST', `/api/v1/documents/${created.body.id}/generate`);
    await env.runtime.queue.drain();
    const issued = await t.api('POST', `/api/v1/documents/${created.body.id}/issue`);
    expect(issued.status).toBe(200);
    return issued.body;
  }

  it('bills only the scheduled charges of April when the scheme leaves unscheduled ones out, numbered PF-001', async () => {
    const t = await setUp(false);
    const doc = await proforma(t);
    expect(doc).toMatchObject({ type: 'proforma', status: 'issued', number: 'PF-001', paymentStatus: 'unpaid' });
    expect(doc.dueDate).not.toBeNull();
    expect(doc.lines.map((l: { description: string }) => l.description)).toEqual(['SIP trunk (April)']);
    expect(doc.totals).toMatchObject({ net: '30.00', tax: '6.30', total: '36.30' });
    // It claimed nothing: both charges are still free for the invoice.
    const free = await env.runtime.deps.uow.run((s) =>
      s.charges.free(t.tenantId, t.customerId, { start: '2024-04-01', end: '2024-04-30' }, { basis: 'service' }),
    );
    expect(free).toHaveLength(2);
  });

  it('adds the unscheduled charges of the period when the scheme says proformaIncludesUnscheduled', async () => {
    const t = await setUp(true);
    const doc = await proforma(t);
    expect(doc.lines.map((l: { description: string }) => l.description).sort()).toEqual([
      'SIP trunk (April)',
      'Setup of 5 DID numbers',
    ]);
    expect(doc.totals).toMatchObject({ net: '55.00', tax: '11.55', total: '66.55' });
  });

  it('refuses a proforma for a period already over with PAST_PERIOD, and stores nothing', async () => {
    const t = await setUp(false);
    const past = await t.api('POST', '/api/v1/documents', {
      type: 'proforma',
      customerId: t.customerId,
      periodStart: '2024-01-01',
      periodEnd: '2024-01-31',
    });
    expect(past.status).toBe(422);
    expect(past.body.code).toBe('PAST_PERIOD');
    expect((await t.api('GET', '/api/v1/documents?type=proforma')).body.data).toHaveLength(0);
  });

  // Converting: the proforma becomes an advance invoice for April, made in March, that bills the
  // very charges the proforma listed and claims them; the two documents point at each other.
  it("converts an issued proforma once into an invoice whose lines equal the proforma's", async () => {
    const t = await setUp(true);
    const pf = await proforma(t);
    const converted = await t.api('POST', `/api/v1/documents/${pf.id}/convert`, undefined, {
      'idempotency-key': `convert-${pf.id}`,
    });
    expect(converted.status).toBe(201);
    const invoice = converted.body;
    expect(invoice).toMatchObject({
      type: 'invoice',
      status: 'draft',
      customerId: t.customerId,
      periodStart: '2024-04-01',
      periodEnd: '2024-04-30',
      convertedFromDocumentId: pf.id,
    });
    expect((await t.api('GET', `/api/v1/documents/${pf.id}`)).body.convertedToDocumentId).toBe(invoice.id);

    // The period has not ended (FUTURE_PERIOD would refuse a regular invoice): an advance invoice may.
    expect((await t.api('POST', `/api/v1/documents/${invoice.id}/generate`)).status).toBe(202);
    await env.runtime.queue.drain();
    const issued = await t.api('POST', `/api/v1/documents/${invoice.id}/issue`);
    expect(issued.status).toBe(200);
    const lines = (d: { lines: Array<{ description: string; net: string; gross: string }> }) =>
      d.lines.map((l) => [l.description, l.net, l.gross]).sort();
    expect(lines(issued.body)).toEqual(lines(pf));
    expect(issued.body.totals).toEqual(pf.totals);
    // The charges now sit on the invoice, and nowhere else.
    const onInvoice = await env.runtime.deps.uow.run((s) => s.charges.onDocument(t.tenantId, invoice.id));
    expect(onInvoice).toHaveLength(2);

    const again = await t.api('POST', `/api/v1/documents/${pf.id}/convert`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_CONVERTED');
    const invoices = (await t.api('GET', '/api/v1/documents?type=invoice')).body.data;
    expect(invoices).toHaveLength(1);
    const audit = (await t.api('GET', `/api/v1/audit-events?objectId=${pf.id}`)).body.data;
    expect(audit.map((e: { action: string }) => e.action)).toContain('converted');
  });

  it('gives the proforma back when its converted draft invoice is deleted, so it can be converted again', async () => {
    const t = await setUp(false);
    const pf = await proforma(t);
    const first = await t.api('POST', `/api/v1/documents/${pf.id}/convert`);
    expect(first.status).toBe(201);
    expect((await t.api('DELETE', `/api/v1/documents/${first.body.id}`)).status).toBe(204);
    expect((await t.api('GET', `/api/v1/documents/${pf.id}`)).body.convertedToDocumentId).toBeNull();
    const audit = (await t.api('GET', `/api/v1/audit-events?objectId=${pf.id}`)).body.data;
    expect(audit.map((e: { action: string }) => e.action)).toContain('conversion_undone');

    const second = await t.api('POST', `/api/v1/documents/${pf.id}/convert`);
    expect(second.status).toBe(201);
    expect((await t.api('GET', `/api/v1/documents/${pf.id}`)).body.convertedToDocumentId).toBe(second.body.id);
  });

  it('refuses to convert a draft proforma (409) or an invoice (422), changing nothing', async () => {
    const t = await setUp(false);
    const draft = await t.api('POST', '/api/v1/documents', {
      type: 'proforma',
      customerId: t.customerId,
      periodStart: '2024-04-01',
      periodEnd: '2024-04-30',
    });
    const refused = await t.api('POST', `/api/v1/documents/${draft.body.id}/convert`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('DOCUMENT_NOT_ISSUED');
    expect((await t.api('GET', '/api/v1/documents?type=invoice')).body.data).toHaveLength(0);
    expect((await t.api('GET', `/api/v1/documents/${draft.body.id}`)).body.convertedToDocumentId).toBeNull();
    expect((await t.api('POST', '/api/v1/documents/doc_missing/convert')).status).toBe(404);
  });
});
