import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { APR, chargesOf, FEB, JAN, MAR, ok, produce, sipTrunk, subscribedCustomer } from './support.ts';

// Scheduled charges: a subscription owes one charge per product period it is active in, prorated
// by days (active days ÷ days in the period, exact), billed in advance or in arrears.
describe('Scheduled charges of subscriptions', () => {
  let env: TestEnv;
  let api: ApiClient;
  let trunkId: string;

  beforeAll(async () => {
    // "Today" is 10 April 2024 in Madrid: January to March have been served.
    env = await startTestEnv({ clock: '2024-04-10T09:00:00Z' });
    api = (await env.newTenant({ timezone: 'Europe/Madrid' })).api;
    trunkId = (await ok(api, 'POST', '/api/v1/products', sipTrunk)).id;
  });
  afterAll(() => env.close());

  const subscribe = async (contractId: string, fields: Record<string, unknown>) =>
    (await ok(api, 'POST', '/api/v1/subscriptions', { contractId, productId: trunkId, ...fields })).id as string;

  it('prorates a SIP trunk that starts on 10 February of a leap year: 20 of 29 days, kept exact', async () => {
    const { contractId, customerId } = await subscribedCustomer(api, 'Leap SL');
    const sub = await subscribe(contractId, { startDate: '2024-02-10', billing: 'in_arrears' });
    expect(await produce(api, JAN, customerId)).toMatchObject({ created: 0, existing: 0, subscriptions: 1 });
    expect(await produce(api, FEB, customerId)).toMatchObject({ created: 1, existing: 0 });
    // 30.00 × 20 ÷ 29 = 20.689655172413793…: kept to 12 places, rounded once (20.69) on the line.
    expect(await chargesOf(api, sub)).toEqual([['2024-02-01', '20.689655172414', '20/29', 'billed 2024-02-29']]);
    const [charge] = (await ok(api, 'GET', `/api/v1/charges?subscriptionId=${sub}`)).data;
    expect(charge).toMatchObject({
      kind: 'scheduled',
      productKind: 'recurring',
      description: 'SIP trunk',
      quantity: '1',
      unitPrice: '30',
      fullAmount: '30',
      currency: 'EUR',
      taxRate: '21',
      servicePeriodEnd: '2024-02-29',
      date: null,
      documentId: null,
    });
  });

  it('bills a subscription that ends on 15 March for 15 of 31 days, and nothing after', async () => {
    const { contractId, customerId } = await subscribedCustomer(api, 'Ending SL');
    const sub = await subscribe(contractId, { startDate: '2024-01-01', endDate: '2024-03-15', billing: 'in_arrears' });
    for (const month of [JAN, FEB, MAR, APR]) await produce(api, month, customerId);
    expect(await chargesOf(api, sub)).toEqual([
      ['2024-01-01', '30', '31/31', 'billed 2024-01-31'],
      ['2024-02-01', '30', '29/29', 'billed 2024-02-29'],
      ['2024-03-01', '14.516129032258', '15/31', 'billed 2024-03-31'],
    ]);
  });

  it('bills in advance the coming month with this month’s invoice, in arrears the month just served', async () => {
    const early = await subscribedCustomer(api, 'Advance SL');
    const late = await subscribedCustomer(api, 'Arrears SL');
    const ahead = await subscribe(early.contractId, { startDate: '2024-01-01', billing: 'in_advance' });
    const after = await subscribe(late.contractId, { startDate: '2024-01-01', billing: 'in_arrears', quantity: 2 });
    const both = async (month: typeof JAN) => {
      await produce(api, month, early.customerId);
      await produce(api, month, late.customerId);
    };
    await both(JAN);
    await both(FEB);
    expect(await chargesOf(api, ahead)).toEqual([
      ['2024-01-01', '30', '31/31', 'billed 2024-01-31'],
      ['2024-02-01', '30', '29/29', 'billed 2024-01-31'],
      ['2024-03-01', '30', '31/31', 'billed 2024-02-29'],
    ]);
    expect(await chargesOf(api, after)).toEqual([
      ['2024-01-01', '60', '31/31', 'billed 2024-01-31'],
      ['2024-02-01', '60', '29/29', 'billed 2024-02-29'],
    ]);
    // April has not been served yet on 10 April: only the advance charge for May is due.
    await both(MAR);
    await both(APR);
    expect((await chargesOf(api, after)).map(([start]) => start)).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
    expect((await chargesOf(api, ahead)).map(([start]) => start)).toEqual([
      '2024-01-01',
      '2024-02-01',
      '2024-03-01',
      '2024-04-01',
      '2024-05-01',
    ]);
  });

  it('leaves suspended days out: ten days in February, then 20–24 March until resumed', async () => {
    const { contractId, customerId } = await subscribedCustomer(api, 'Pause SL');
    const sub = await subscribe(contractId, { startDate: '2024-01-01', billing: 'in_arrears' });
    await ok(api, 'POST', `/api/v1/subscriptions/${sub}/suspend`, { from: '2024-02-05', to: '2024-02-14' }, 200);
    await ok(api, 'POST', `/api/v1/subscriptions/${sub}/suspend`, { from: '2024-03-20' }, 200);
    const resumed = await ok(api, 'POST', `/api/v1/subscriptions/${sub}/resume`, { date: '2024-03-25' }, 200);
    expect(resumed.suspensions.map((s: { from: string; to: string }) => [s.from, s.to])).toEqual([
      ['2024-02-05', '2024-02-14'],
      ['2024-03-20', '2024-03-24'],
    ]);
    await produce(api, MAR, customerId);
    expect(await chargesOf(api, sub)).toEqual([
      ['2024-01-01', '30', '31/31', 'billed 2024-03-31'],
      ['2024-02-01', '19.655172413793', '19/29', 'billed 2024-03-31'],
      ['2024-03-01', '25.161290322581', '26/31', 'billed 2024-03-31'],
    ]);
    const twice = await api('POST', `/api/v1/subscriptions/${sub}/suspend`, { from: '2024-02-10' });
    expect([twice.status, twice.body.code]).toEqual([409, 'SUBSCRIPTION_SUSPENDED']);
    const notSuspended = await api('POST', `/api/v1/subscriptions/${sub}/resume`, { date: '2024-04-02' });
    expect([notSuspended.status, notSuspended.body.code]).toEqual([409, 'SUBSCRIPTION_NOT_SUSPENDED']);
  });

  it('prices a data bundle by its graduated tiers, prorated from a mid-month start', async () => {
    const bundle = await ok(api, 'POST', '/api/v1/products', {
      code: 'DATA',
      name: 'Data bundle',
      names: { en: 'Data bundle', ru: 'Пакет данных' },
      unit: 'GB',
      kind: 'recurring',
      period: 'month',
      currency: 'EUR',
      priceModel: 'graduated',
      tiers: [
        { upTo: '10', unitPrice: '1.00', flatFee: '2.00' },
        { upTo: null, unitPrice: '0.25' },
      ],
    });
    const { contractId, customerId } = await subscribedCustomer(api, 'Datos SA', 'ru');
    const sub = (
      await ok(api, 'POST', '/api/v1/subscriptions', {
        contractId,
        productId: bundle.id,
        quantity: '15',
        startDate: '2024-02-10',
        billing: 'in_advance',
      })
    ).id;
    await produce(api, FEB, customerId);
    // 10 GB × 1.00 + 2.00 fee + 5 GB × 0.25 = 13.25 a month; February is 20/29 of it.
    expect(await chargesOf(api, sub)).toEqual([
      ['2024-02-01', '9.137931034483', '20/29', 'billed 2024-02-29'],
      ['2024-03-01', '13.25', '31/31', 'billed 2024-02-29'],
    ]);
    const [first] = (await ok(api, 'GET', `/api/v1/charges?subscriptionId=${sub}`)).data;
    expect([first.description, first.unitPrice, first.taxRate]).toEqual(['Пакет данных', null, null]);
  });

  it('creates nothing new when the same period is produced again', async () => {
    const first = await produce(api, FEB);
    const again = await produce(api, FEB);
    expect(again).toEqual({ ...first, created: 0, existing: first.created + first.existing });
    expect(again.existing).toBeGreaterThan(0);
  });

  it('prices a subscription at its own unit price when one is given', async () => {
    const { contractId, customerId } = await subscribedCustomer(api, 'Discount SL');
    const sub = await subscribe(contractId, {
      startDate: '2024-03-01',
      quantity: '3',
      unitPrice: '25.00',
      billing: 'in_arrears',
    });
    await produce(api, MAR, customerId);
    expect(await chargesOf(api, sub)).toEqual([['2024-03-01', '75', '31/31', 'billed 2024-03-31']]);
  });
});
