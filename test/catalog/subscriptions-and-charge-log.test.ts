import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { fieldCodes, MAR, ok, produce, sipTrunk, subscribedCustomer } from './support.ts';

const tiers = [
  { upTo: '10', unitPrice: '1.00', flatFee: '2.00' },
  { upTo: null, unitPrice: '0.25' },
];

describe('Subscriptions and the charge log', () => {
  let env: TestEnv;
  let api: ApiClient;
  let trunkId: string;
  let didId: string;
  let c: Awaited<ReturnType<typeof subscribedCustomer>>;

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2024-04-10T09:00:00Z' });
    api = (await env.newTenant({ timezone: 'Europe/Madrid' })).api;
    trunkId = (await ok(api, 'POST', '/api/v1/products', sipTrunk)).id;
    didId = (
      await ok(api, 'POST', '/api/v1/products', {
        ...sipTrunk,
        code: 'DID',
        name: 'DID number',
        names: { en: 'DID number' },
        price: '1.50',
        allowOverlap: true,
      })
    ).id;
    c = await subscribedCustomer(api);
  });
  afterAll(() => env.close());

  it('refuses a second SIP trunk on a contract while the first runs, but not once it has ended', async () => {
    const first = await ok(api, 'POST', '/api/v1/subscriptions', {
      contractId: c.contractId,
      productId: trunkId,
      startDate: '2024-01-01',
      endDate: '2024-03-31',
    });
    expect(first).toMatchObject({ customerId: c.customerId, quantity: '1', billing: 'in_advance', suspensions: [] });
    const clash = await api('POST', '/api/v1/subscriptions', {
      contractId: c.contractId,
      productId: trunkId,
      startDate: '2024-03-31',
    });
    expect([clash.status, clash.body.code, fieldCodes(clash.body)]).toEqual([
      422,
      'OVERLAPPING_SUBSCRIPTION',
      [['startDate', 'OVERLAPPING_SUBSCRIPTION']],
    ]);
    const next = await ok(api, 'POST', '/api/v1/subscriptions', {
      contractId: c.contractId,
      productId: trunkId,
      startDate: '2024-04-01',
    });
    const extend = await api('PATCH', `/api/v1/subscriptions/${first.id}`, { endDate: null });
    expect([extend.status, extend.body.code]).toEqual([422, 'OVERLAPPING_SUBSCRIPTION']);
    // DID numbers may overlap: a customer rents several at once.
    for (const quantity of [5, 2])
      await ok(api, 'POST', '/api/v1/subscriptions', {
        contractId: c.contractId,
        productId: didId,
        quantity,
        startDate: '2024-02-01',
      });
    const dids = await ok(api, 'GET', `/api/v1/subscriptions?contractId=${c.contractId}&productId=${didId}`);
    expect(dids.data.map((s: { quantity: string }) => s.quantity).sort()).toEqual(['2', '5']);
    const running = await ok(
      api,
      'GET',
      `/api/v1/subscriptions?customerId=${c.customerId}&productId=${trunkId}&activeFrom=2024-04-15`,
    );
    expect(running.data.map((s: { id: string }) => s.id)).toEqual([next.id]);
  });

  it('refuses bad subscriptions with a clear code and changes nothing', async () => {
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ contractId: c.basicContractId, productId: trunkId }, 422, 'UNKNOWN_CONTRACT'],
      [{ contractId: c.contractId, productId: 'prd_none' }, 422, 'UNKNOWN_PRODUCT'],
      [
        { contractId: c.contractId, productId: trunkId, startDate: '2025-02-01', endDate: '2025-01-31' },
        400,
        'VALIDATION_FAILED',
      ],
      [{ contractId: c.contractId, productId: trunkId, startDate: '2025-02-30' }, 400, 'VALIDATION_FAILED'],
      [{ contractId: c.contractId, productId: trunkId, quantity: '-1' }, 400, 'VALIDATION_FAILED'],
      [{ contractId: c.contractId, productId: trunkId, billing: 'monthly' }, 400, 'VALIDATION_FAILED'],
      [
        { contractId: c.contractId, productId: trunkId, invoicingSchemeId: 'sch_none' },
        422,
        'UNKNOWN_INVOICING_SCHEME',
      ],
    ];
    const before = (await ok(api, 'GET', `/api/v1/subscriptions?contractId=${c.contractId}`)).data.length;
    for (const [body, status, code] of cases) {
      const res = await api('POST', '/api/v1/subscriptions', body);
      expect([res.status, res.body.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect((await ok(api, 'GET', `/api/v1/subscriptions?contractId=${c.contractId}`)).data.length).toBe(before);
  });

  it('bills a subscription under its own scheme, the most specific level', async () => {
    const seq = await ok(api, 'POST', '/api/v1/number-sequences', { name: 'Main', documentType: 'invoice' });
    const contractScheme = await ok(api, 'POST', '/api/v1/invoicing-schemes', {
      name: 'Contract',
      invoiceNumberSequenceId: seq.id,
    });
    const ownScheme = await ok(api, 'POST', '/api/v1/invoicing-schemes', {
      name: 'Trunks',
      invoiceNumberSequenceId: seq.id,
    });
    await ok(api, 'PATCH', `/api/v1/contracts/${c.contractId}`, { invoicingSchemeId: contractScheme.id });
    const [did] = (await ok(api, 'GET', `/api/v1/subscriptions?productId=${didId}`)).data;
    const inherited = await ok(api, 'GET', `/api/v1/subscriptions/${did.id}/invoicing-scheme`);
    expect([inherited.source, inherited.sourceId, inherited.scheme.name]).toEqual([
      'customer_contract',
      c.contractId,
      'Contract',
    ]);
    await ok(api, 'PATCH', `/api/v1/subscriptions/${did.id}`, { invoicingSchemeId: ownScheme.id });
    const own = await ok(api, 'GET', `/api/v1/subscriptions/${did.id}/invoicing-scheme`);
    expect([own.subscriptionId, own.source, own.sourceId, own.scheme.name]).toEqual([
      did.id,
      'subscription',
      did.id,
      'Trunks',
    ]);
    const inUse = await api('DELETE', `/api/v1/invoicing-schemes/${ownScheme.id}`);
    expect(inUse.status).toBe(409);
  });

  it('prices usage and one-off charges by the product’s model at the tier boundaries', async () => {
    const make = async (code: string, fields: Record<string, unknown>) =>
      (
        await ok(api, 'POST', '/api/v1/products', {
          code,
          name: code,
          kind: 'usage',
          unit: 'GB',
          currency: 'EUR',
          ...fields,
        })
      ).id;
    const graduated = await make('GRAD', { priceModel: 'graduated', tiers });
    const volume = await make('VOL', { priceModel: 'volume', tiers });
    const pack = await make('PACK', { priceModel: 'package', price: '3.00', packageSize: '5', freeUnits: '2' });
    const amountOf = async (productId: string, quantity: string) =>
      (await ok(api, 'POST', '/api/v1/charges', { contractId: c.contractId, productId, quantity, date: '2024-03-20' }))
        .amount;
    // Graduated: 10 units at 1.00 plus the 2.00 fee; the 11th costs 0.25 more.
    expect([await amountOf(graduated, '10'), await amountOf(graduated, '11')]).toEqual(['12', '12.25']);
    // Volume: the whole quantity falls into one tier; at 11 every unit costs 0.25.
    expect([await amountOf(volume, '10'), await amountOf(volume, '11')]).toEqual(['12', '2.75']);
    // Package of 5 after 2 free units: 7 units start one package, 8 start a second.
    expect([await amountOf(pack, '2'), await amountOf(pack, '7'), await amountOf(pack, '8')]).toEqual(['0', '3', '6']);
    const overridden = await ok(api, 'POST', '/api/v1/charges', {
      contractId: c.contractId,
      productId: graduated,
      quantity: '25',
      amount: '20.00',
      description: 'Data overage (agreed price)',
    });
    expect(overridden).toMatchObject({
      kind: 'unscheduled',
      productKind: 'usage',
      amount: '20',
      unitPrice: null,
      date: '2024-04-10',
    });
  });

  it('keeps adjustments and lets an unbilled one be deleted, but never a scheduled charge', async () => {
    const credit = await ok(api, 'POST', '/api/v1/charges', {
      contractId: c.contractId,
      amount: '-5.00',
      description: 'Goodwill credit',
      date: '2024-03-31',
    });
    expect(credit).toMatchObject({
      productId: null,
      productKind: 'one_off',
      amount: '-5',
      currency: 'EUR',
      billingDate: '2024-03-31',
    });
    const noAmount = await api('POST', '/api/v1/charges', { contractId: c.contractId, description: 'x' });
    expect([noAmount.status, fieldCodes(noAmount.body)]).toEqual([400, [['amount', 'REQUIRED']]]);
    await produce(api, MAR, c.customerId);
    const march = await ok(
      api,
      'GET',
      `/api/v1/charges?customerId=${c.customerId}&periodStart=2024-03-01&periodEnd=2024-03-31&unbilled=true&limit=100`,
    );
    const kinds = march.data.map((ch: { kind: string }) => ch.kind);
    expect(kinds).toContain('scheduled');
    expect(kinds).toContain('unscheduled');
    const scheduled = march.data.find((ch: { kind: string }) => ch.kind === 'scheduled');
    const refused = await api('DELETE', `/api/v1/charges/${scheduled.id}`);
    expect([refused.status, refused.body.code]).toEqual([409, 'CHARGE_SCHEDULED']);
    await ok(api, 'DELETE', `/api/v1/charges/${credit.id}`, undefined, 204);
    expect((await api('GET', `/api/v1/charges/${credit.id}`)).status).toBe(404);
    const charged = await api('DELETE', `/api/v1/subscriptions/${scheduled.subscriptionId}`);
    expect([charged.status, charged.body.code]).toEqual([409, 'SUBSCRIPTION_CHARGED']);
    const productInUse = await api('DELETE', `/api/v1/products/${trunkId}`);
    expect([productInUse.status, productInUse.body.code]).toEqual([409, 'PRODUCT_IN_USE']);
    const events = await ok(api, 'GET', `/api/v1/audit-events?objectId=${credit.id}`);
    expect(events.data.map((e: { action: string }) => e.action)).toEqual(['created', 'deleted']);
  });

  it('shows another operator none of this one’s subscriptions and charges', async () => {
    const other = (await env.newTenant()).api;
    const [sub] = (await ok(api, 'GET', `/api/v1/subscriptions?customerId=${c.customerId}`)).data;
    const [charge] = (await ok(api, 'GET', `/api/v1/charges?customerId=${c.customerId}`)).data;
    expect((await other('GET', `/api/v1/subscriptions/${sub.id}`)).status).toBe(404);
    expect((await other('GET', `/api/v1/charges/${charge.id}`)).status).toBe(404);
    expect((await other('GET', `/api/v1/subscriptions/${sub.id}/invoicing-scheme`)).status).toBe(404);
    expect((await other('POST', `/api/v1/subscriptions/${sub.id}/suspend`, { from: '2024-05-01' })).status).toBe(404);
    expect((await other('DELETE', `/api/v1/charges/${charge.id}`)).status).toBe(404);
    expect((await ok(other, 'GET', `/api/v1/charges?customerId=${c.customerId}`)).data).toEqual([]);
    expect((await ok(other, 'GET', '/api/v1/subscriptions')).data).toEqual([]);
    const foreign = await other('POST', '/api/v1/subscriptions', { contractId: c.contractId, productId: trunkId });
    expect([foreign.status, foreign.body.code]).toEqual([422, 'UNKNOWN_CONTRACT']);
    const foreignCharge = await other('POST', '/api/v1/charges', {
      contractId: c.contractId,
      amount: '1',
      description: 'x',
    });
    expect([foreignCharge.status, foreignCharge.body.code]).toEqual([422, 'UNKNOWN_CONTRACT']);
    const produced = await other('POST', '/api/v1/charges/produce', {
      ...{ periodStart: '2024-03-01', periodEnd: '2024-03-31' },
      customerId: c.customerId,
    });
    expect(produced.status).toBe(404);
  });
});
