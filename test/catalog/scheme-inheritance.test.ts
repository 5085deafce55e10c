import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { ok, sipTrunk, subscribedCustomer } from './support.ts';

/**
 * The scheme a document is made with is the most specific one set: a subscription's over its
 * customer contract's, over the basic contract's, over the customer's, over the tenant default.
 * Each step below sets one more level and the dry run of the next invoice follows it, naming the
 * scheme and taking its payment terms and tax rate.
 */
describe('Invoicing scheme inheritance on documents', () => {
  let env: TestEnv;
  let api: ApiClient;
  let customer: Awaited<ReturnType<typeof subscribedCustomer>>;
  let subscriptionId: string;
  const schemes: Record<string, string> = {};
  const february = 'periodStart=2024-02-01&periodEnd=2024-02-29';

  const preview = async (withSubscription = true) =>
    ok(
      api,
      'GET',
      `/api/v1/customers/${customer.customerId}/next-document?${february}&contractId=${customer.contractId}` +
        (withSubscription ? `&subscriptionId=${subscriptionId}` : ''),
    );

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2024-03-05T09:00:00Z' });
    api = (await env.newTenant()).api;
    await ok(api, 'POST', '/api/v1/legal-entities', { name: 'Acme Telecom SL', taxId: 'ESB00000001' });
    const sequence = await ok(api, 'POST', '/api/v1/number-sequences', { name: 'Main', documentType: 'invoice' });
    // Terms and tax differ per level so that a document shows which one it was made with.
    const levels: Array<[string, number, string]> = [
      ['Tenant default', 10, '21'],
      ['Customer', 15, '20'],
      ['Basic contract', 20, '19'],
      ['Customer contract', 25, '18'],
      ['Subscription', 30, '17'],
    ];
    for (const [name, paymentTermsDays, taxRate] of levels)
      schemes[name] = (
        await ok(api, 'POST', '/api/v1/invoicing-schemes', {
          name,
          invoiceNumberSequenceId: sequence.id,
          paymentTermsDays,
          taxRate,
        })
      ).id;
    customer = await subscribedCustomer(api);
    const trunk = await ok(api, 'POST', '/api/v1/products', sipTrunk);
    subscriptionId = (
      await ok(api, 'POST', '/api/v1/subscriptions', {
        contractId: customer.contractId,
        productId: trunk.id,
        startDate: '2024-01-01',
      })
    ).id;
  });
  afterAll(() => env.close());

  it('uses the tenant default when no level sets a scheme', async () => {
    const doc = await preview();
    expect([doc.invoicingSchemeId, doc.paymentTermsDays, doc.taxRate]).toEqual([schemes['Tenant default'], 10, '21']);
  });

  it('prefers the customer’s scheme over the tenant default', async () => {
    await ok(api, 'PATCH', `/api/v1/customers/${customer.customerId}`, {
      invoicingSchemeId: schemes['Customer'],
    });
    const doc = await preview();
    expect([doc.invoicingSchemeId, doc.paymentTermsDays, doc.taxRate]).toEqual([schemes['Customer'], 15, '20']);
  });

  it('prefers the basic contract’s scheme over the customer’s', async () => {
    await ok(api, 'PATCH', `/api/v1/contracts/${customer.basicContractId}`, {
      invoicingSchemeId: schemes['Basic contract'],
    });
    expect(await preview()).toMatchObject({ invoicingSchemeId: schemes['Basic contract'], paymentTermsDays: 20 });
  });

  it('prefers the customer contract’s scheme over its basic contract’s', async () => {
    await ok(api, 'PATCH', `/api/v1/contracts/${customer.contractId}`, {
      invoicingSchemeId: schemes['Customer contract'],
    });
    expect(await preview()).toMatchObject({ invoicingSchemeId: schemes['Customer contract'], paymentTermsDays: 25 });
  });

  it('prefers the subscription’s own scheme over every other level, and stores the one used', async () => {
    await ok(api, 'PATCH', `/api/v1/subscriptions/${subscriptionId}`, { invoicingSchemeId: schemes['Subscription'] });
    const doc = await preview();
    expect([doc.invoicingSchemeId, doc.paymentTermsDays, doc.taxRate]).toEqual([schemes['Subscription'], 30, '17']);
    // Without naming the subscription, the document of the contract keeps the contract's scheme.
    expect((await preview(false)).invoicingSchemeId).toBe(schemes['Customer contract']);
    const created = await ok(
      api,
      'POST',
      '/api/v1/documents',
      {
        type: 'invoice',
        customerId: customer.customerId,
        contractId: customer.contractId,
        subscriptionId,
        periodStart: '2024-02-01',
        periodEnd: '2024-02-29',
      },
      201,
    );
    expect(created.invoicingSchemeId).toBe(schemes['Subscription']);
    expect((await ok(api, 'GET', `/api/v1/documents/${created.id}`)).invoicingSchemeId).toBe(schemes['Subscription']);
  });
});
