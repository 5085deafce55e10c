import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant } from '../support/invoicing.ts';
import { ok, sipTrunk } from '../catalog/support.ts';

type Tenant = Awaited<ReturnType<typeof invoicingTenant>>;
type Line = { id: string; kind: string; description: string; net: string; chargeId: string | null };

// Nobody has to remember to produce subscription charges before invoicing: generating an invoice
// produces the customer's charges due for its period first, in the same transaction, and the dry
// run shows them without storing anything. An invoice that missed a charge cannot be issued.
describe('Invoices bill the subscriptions due for their period', () => {
  let env: TestEnv;
  beforeAll(async () => {
    // 5 March 2024 in Madrid: February has been served.
    env = await startTestEnv({ clock: '2024-03-05T10:00:00Z' });
  });
  afterAll(() => env.close());

  const FEB = { periodStart: '2024-02-01', periodEnd: '2024-02-29' };

  /** A customer on a contract with a 30.00 SIP trunk from 16 February, billed in arrears. */
  async function subscribed() {
    const t: Tenant = await invoicingTenant(env);
    // A customer of ours since January (a new customer is billed from the day it is created).
    await ok(t.api, 'PATCH', `/api/v1/customers/${t.customerId}`, { activationDate: '2024-01-01' });
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
      startDate: '2024-02-16',
      billing: 'in_arrears',
    });
    return { ...t, contractId: contract.id as string };
  }

  const chargeCount = async (t: Tenant) =>
    (await ok(t.api, 'GET', `/api/v1/charges?customerId=${t.customerId}&limit=100`)).data.length as number;

  const comparable = (doc: Record<string, unknown>) => {
    const { id: _i, status: _s, renderStatus: _r, needsRegeneration: _n, createdAt: _c, lines, ...rest } = doc;
    return { ...rest, lines: (lines as Line[]).map(({ id: _l, chargeId: _ch, ...line }) => line) };
  };

  async function generate(t: Tenant, id: string) {
    await t.api('POST', `/api/v1/documents/${id}/generate`);
    await env.runtime.queue.drain();
    return (await t.api('GET', `/api/v1/documents/${id}`)).body;
  }

  it('previews the prorated trunk without storing a charge, then generating produces and bills exactly it', async () => {
    const t = await subscribed();
    expect(await chargeCount(t)).toBe(0);

    const preview = await t.api(
      'GET',
      `/api/v1/customers/${t.customerId}/next-document?type=invoice&periodStart=2024-02-01&periodEnd=2024-02-29`,
    );
    expect(preview.status).toBe(200);
    // 30.00 × 14 ÷ 29 days, rounded once on the line; the product's 21 % tax.
    expect(preview.body.lines.map((l: Line) => [l.kind, l.description, l.net])).toEqual([
      ['subscription', 'SIP trunk', '14.48'],
    ]);
    expect(preview.body.totals).toMatchObject({ charges: '14.48', net: '14.48', tax: '3.04', total: '17.52' });
    expect(await chargeCount(t)).toBe(0);

    const created = await ok(t.api, 'POST', '/api/v1/documents', { customerId: t.customerId, ...FEB }, 201);
    const doc = await generate(t, created.id);
    expect(doc.renderStatus).toBe('created');
    expect(comparable(doc)).toEqual(comparable(preview.body));
    expect(await chargeCount(t)).toBe(1);
    const [charge] = (await ok(t.api, 'GET', `/api/v1/charges?customerId=${t.customerId}`)).data;
    expect(charge).toMatchObject({ kind: 'scheduled', activeDays: 14, periodDays: 29, documentId: doc.id });
    expect(doc.lines[0].chargeId).toBe(charge.id);

    // Generating again produces nothing new: the charge is the draft's, once.
    const again = await generate(t, created.id);
    expect(again.lines.map((l: Line) => l.chargeId)).toEqual([charge.id]);
    expect(await chargeCount(t)).toBe(1);
    expect((await t.api('POST', `/api/v1/documents/${created.id}/issue`)).status).toBe(200);
  });

  it('a generation session produces and bills the due subscription charges like a single invoice', async () => {
    const t = await subscribed();
    const started = await ok(
      t.api,
      'POST',
      '/api/v1/generation-sessions',
      { documentType: 'invoice', customerIds: [t.customerId], ...FEB },
      202,
    );
    await env.runtime.queue.drain();
    const session = await ok(t.api, 'GET', `/api/v1/generation-sessions/${started.id}`);
    expect(session.counts).toMatchObject({ customersDone: 1, documentsCreated: 1 });
    const doc = await ok(t.api, 'GET', `/api/v1/documents/${session.documentIds[0]}`);
    expect(doc.lines.map((l: Line) => [l.kind, l.description, l.net])).toEqual([
      ['subscription', 'SIP trunk', '14.48'],
    ]);
    expect(doc.totals).toMatchObject({ charges: '14.48', total: '17.52' });
    const [charge] = (await ok(t.api, 'GET', `/api/v1/charges?customerId=${t.customerId}`)).data;
    expect(charge).toMatchObject({ kind: 'scheduled', activeDays: 14, documentId: doc.id });
    // A session's draft is issued as made: nothing was missed.
    expect((await t.api('POST', `/api/v1/documents/${doc.id}/issue`)).status).toBe(200);
  });

  it('a session produces only the charges not produced before, each once, with its audit event', async () => {
    const t = await subscribed();
    // February's trunk charge is produced ahead through the charge log; a DID subscription follows.
    const produced = await ok(t.api, 'POST', '/api/v1/charges/produce', { ...FEB, customerId: t.customerId }, 200);
    expect(produced).toMatchObject({ created: 1 });
    const did = await ok(t.api, 'POST', '/api/v1/products', {
      ...sipTrunk,
      code: 'DID',
      name: 'DID number',
      names: { en: 'DID number' },
      price: '2.00',
    });
    await ok(t.api, 'POST', '/api/v1/subscriptions', {
      contractId: t.contractId,
      productId: did.id,
      startDate: '2024-02-01',
      billing: 'in_arrears',
      quantity: 5,
    });
    const started = await ok(
      t.api,
      'POST',
      '/api/v1/generation-sessions',
      { documentType: 'invoice', customerIds: [t.customerId], ...FEB },
      202,
    );
    await env.runtime.queue.drain();
    const session = await ok(t.api, 'GET', `/api/v1/generation-sessions/${started.id}`);
    const doc = await ok(t.api, 'GET', `/api/v1/documents/${session.documentIds[0]}`);
    expect(doc.lines.map((l: Line) => [l.kind, l.net])).toEqual([
      ['subscription', '14.48'],
      ['subscription', '10.00'],
    ]);
    const charges = (await ok(t.api, 'GET', `/api/v1/charges?customerId=${t.customerId}`)).data;
    expect(charges).toHaveLength(2);
    const didCharge = charges.find((c: { productId: string }) => c.productId === did.id);
    const events = await ok(t.api, 'GET', `/api/v1/audit-events?objectId=${didCharge.id}`);
    expect(events.data.map((e: { action: string }) => e.action)).toEqual(['produced']);
    // Producing the period again afterwards finds both charges there.
    expect(await ok(t.api, 'POST', '/api/v1/charges/produce', { ...FEB, customerId: t.customerId }, 200)).toMatchObject(
      {
        created: 0,
        existing: 2,
      },
    );
  });

  it('refuses to issue a draft that a later charge or a later subscription would change, until it is generated again', async () => {
    const t = await subscribed();
    const created = await ok(t.api, 'POST', '/api/v1/documents', { customerId: t.customerId, ...FEB }, 201);
    await generate(t, created.id);

    // A one-off sale of 20 February, entered after the draft was computed.
    await ok(
      t.api,
      'POST',
      '/api/v1/charges',
      {
        contractId: t.contractId,
        amount: '50',
        currency: 'EUR',
        description: 'Installation',
        date: '2024-02-20',
      },
      201,
    );
    const late = await t.api('POST', `/api/v1/documents/${created.id}/issue`);
    expect([late.status, late.body.code, late.body.unbilledCharges]).toEqual([409, 'STALE_DRAFT', 1]);
    expect(late.body.detail).toMatch(/generate it again/);
    expect((await t.api('GET', `/api/v1/documents/${created.id}`)).body).toMatchObject({
      status: 'draft',
      number: null,
    });

    const regenerated = await generate(t, created.id);
    expect(regenerated.lines.map((l: Line) => [l.kind, l.net])).toEqual([
      ['subscription', '14.48'],
      ['one_off', '50.00'],
    ]);

    // Five DID numbers subscribed after generation (no charge stored yet) are due for February too.
    const did = await ok(t.api, 'POST', '/api/v1/products', {
      ...sipTrunk,
      code: 'DID',
      name: 'DID number',
      names: { en: 'DID number' },
      price: '2.00',
    });
    await ok(t.api, 'POST', '/api/v1/subscriptions', {
      contractId: t.contractId,
      productId: did.id,
      startDate: '2024-02-01',
      billing: 'in_arrears',
      quantity: 5,
    });
    const due = await t.api('POST', `/api/v1/documents/${created.id}/issue`);
    expect([due.status, due.body.code]).toEqual([409, 'STALE_DRAFT']);
    const complete = await generate(t, created.id);
    // Both bill February's product period; the trunk's charge was produced first.
    expect(complete.lines.map((l: Line) => [l.kind, l.net])).toEqual([
      ['subscription', '14.48'],
      ['subscription', '10.00'],
      ['one_off', '50.00'],
    ]);
    const issued = await t.api('POST', `/api/v1/documents/${created.id}/issue`);
    expect([issued.status, issued.body.status]).toEqual([200, 'issued']);
  });
});
