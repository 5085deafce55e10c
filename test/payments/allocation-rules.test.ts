import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { paymentsTenant } from './support.ts';

type Tenant = Awaited<ReturnType<typeof paymentsTenant>>;
type Allocation = { documentId: string; amount: string };

// One customer, the same open invoices, and the payment spread by the allocation configuration in
// force: the tenant's default, or the one its contract names.
describe('Allocation configurations decide which invoices a payment pays', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-01-10T12:00:00Z' });
  });
  afterAll(() => env.close());

  const configure = async (t: Tenant, body: Record<string, unknown>) => {
    const res = await t.api('POST', '/api/v1/allocation-configurations', body);
    if (res.status !== 201) throw new Error(`configuration refused: ${res.raw}`);
    return res.body as { id: string };
  };
  const spread = (payment: { allocations: Allocation[] }) => payment.allocations.map((a) => [a.documentId, a.amount]);

  /** A customer contract, and an invoice billing one sale of a catalog product in a month of 2025. */
  async function withCatalog(t: Tenant) {
    const basic = (await t.api('POST', '/api/v1/contracts', { kind: 'basic', name: 'Business' })).body;
    const contract = (
      await t.api('POST', '/api/v1/contracts', {
        customerId: t.customerId,
        basicContractId: basic.id,
        number: `C-${t.tenantId.slice(-6)}`,
        date: '2024-12-01',
      })
    ).body;
    let n = 0;
    const product = async (name: string, allocationPriority: number) => {
      n += 1;
      const res = await t.api('POST', '/api/v1/products', {
        code: `P${n}`,
        name,
        kind: 'one_off',
        currency: 'EUR',
        priceModel: 'flat',
        price: '1.00',
        taxRate: '0',
        allocationPriority,
      });
      if (res.status !== 201) throw new Error(`product refused: ${res.raw}`);
      return res.body.id as string;
    };
    const invoice = async (productId: string, amount: string, month: string, terms = 14) => {
      const charge = await t.api('POST', '/api/v1/charges', {
        contractId: contract.id,
        productId,
        amount,
        date: `2025-${month}-10`,
      });
      if (charge.status !== 201) throw new Error(`charge refused: ${charge.raw}`);
      return t.invoiceOf({ periodStart: `2025-${month}-01`, periodEnd: `2025-${month}-28`, terms });
    };
    return { contractId: contract.id as string, product, invoice };
  }

  it('service priority: a payment goes first to the invoice billing the most important service, not the oldest', async () => {
    const t = await paymentsTenant(env);
    const c = await withCatalog(t);
    const internet = await c.product('Internet access', 1);
    const rental = await c.product('Router rental', 5);
    const older = await c.invoice(rental, '40.00', '01');
    const newer = await c.invoice(internet, '60.00', '02');
    expect([older.totals.total, newer.totals.total]).toEqual(['40.00', '60.00']);
    await configure(t, { name: 'Service first', criteria: ['service_priority'], allowPartial: true });

    const payment = (await t.pay('70.00')).body;
    expect(spread(payment)).toEqual([
      [newer.id, '60.00'],
      [older.id, '10.00'],
    ]);
    expect(await t.doc(newer.id)).toMatchObject({ paymentStatus: 'paid' });
    expect(await t.doc(older.id)).toMatchObject({ paymentStatus: 'partially_paid', totals: { open: '30.00' } });
  });

  /** A second customer of the tenant whose contract names `configurationId`, set after creation. */
  async function overriddenCustomer(t: Tenant, configurationId: string) {
    const customer = (await t.api('POST', '/api/v1/customers', { name: 'Other SA', currency: 'EUR', timezone: 'UTC' }))
      .body;
    const basic = (await t.api('POST', '/api/v1/contracts', { kind: 'basic', name: 'Wholesale' })).body;
    const contract = await t.api('POST', '/api/v1/contracts', {
      customerId: customer.id,
      basicContractId: basic.id,
      number: `W-${t.tenantId.slice(-6)}`,
    });
    expect(contract.body.allocationConfigurationId).toBeNull();
    const patched = await t.api('PATCH', `/api/v1/contracts/${contract.body.id}`, {
      allocationConfigurationId: configurationId,
    });
    expect(patched.status).toBe(200);
    expect(patched.body.allocationConfigurationId).toBe(configurationId);
    return customer.id as string;
  }

  it('oldest first (the tenant default) and exact amount first (a contract override) spread the same payment differently', async () => {
    const t = await paymentsTenant(env);
    await configure(t, { name: 'Oldest first', criteria: ['due_date'], allowPartial: true, isDefault: true });
    const exact = await configure(t, {
      name: 'Exact amount first',
      criteria: ['exact_amount', 'due_date'],
      allowPartial: true,
    });
    const other = await overriddenCustomer(t, exact.id);
    const issue = async (customerId: string) => {
      env.clock.set('2025-12-01T12:00:00Z');
      const january = await t.invoice('50.00', { customerId });
      env.clock.set('2025-12-02T12:00:00Z');
      const february = await t.invoice('80.00', { customerId });
      return { january: january.id as string, february: february.id as string };
    };
    const mine = await issue(t.customerId);
    const theirs = await issue(other);
    env.clock.set('2026-01-10T12:00:00Z');

    const byDefault = (await t.pay('80.00')).body;
    expect(spread(byDefault)).toEqual([
      [mine.january, '50.00'],
      [mine.february, '30.00'],
    ]);
    const byContract = (await t.pay('80.00', { customerId: other })).body;
    expect(spread(byContract)).toEqual([[theirs.february, '80.00']]);
    expect(await t.doc(theirs.january)).toMatchObject({ paymentStatus: 'unpaid', totals: { open: '50.00' } });
  });

  it('outstanding debts first: an overdue invoice is paid before one the payment matches exactly', async () => {
    const t = await paymentsTenant(env);
    await configure(t, { name: 'Exact first', criteria: ['exact_amount', 'outstanding_debts'], allowPartial: true });
    const debtsFirst = await configure(t, {
      name: 'Debts first',
      criteria: ['outstanding_debts', 'exact_amount'],
      allowPartial: true,
    });
    const other = await overriddenCustomer(t, debtsFirst.id);
    const issue = async (customerId: string) => {
      // Due on 15 December: overdue when the payment arrives in January.
      env.clock.set('2025-12-01T12:00:00Z');
      const overdue = await t.invoice('50.00', { customerId, terms: 14 });
      // Due on 9 February: not yet due.
      env.clock.set('2026-01-10T12:00:00Z');
      const current = await t.invoice('30.00', { customerId, terms: 30 });
      return { overdue: overdue.id as string, current: current.id as string };
    };
    const mine = await issue(t.customerId);
    const theirs = await issue(other);

    expect(spread((await t.pay('30.00')).body)).toEqual([[mine.current, '30.00']]);
    expect(spread((await t.pay('30.00', { customerId: other })).body)).toEqual([[theirs.overdue, '30.00']]);
    expect(await t.doc(theirs.overdue)).toMatchObject({ totals: { open: '20.00' } });
    expect(await t.doc(theirs.current)).toMatchObject({ paymentStatus: 'unpaid' });
  });

  it('a contract refuses an unknown allocation configuration, and a basic contract refuses any', async () => {
    const t = await paymentsTenant(env);
    const basic = (await t.api('POST', '/api/v1/contracts', { kind: 'basic', name: 'Business' })).body;
    const unknown = await t.api('POST', '/api/v1/contracts', {
      customerId: t.customerId,
      basicContractId: basic.id,
      number: 'C-9',
      allocationConfigurationId: 'acf_missing',
    });
    expect([unknown.status, unknown.body.code]).toEqual([422, 'UNKNOWN_ALLOCATION_CONFIGURATION']);
    expect(unknown.body.errors[0].field).toBe('allocationConfigurationId');
    const config = await configure(t, { name: 'Any', criteria: ['issue_date'], allowPartial: false });
    const onBasic = await t.api('PATCH', `/api/v1/contracts/${basic.id}`, { allocationConfigurationId: config.id });
    expect([onBasic.status, onBasic.body.errors[0].code]).toEqual([400, 'FIELD_NOT_ALLOWED']);
    const stranger = await env.newTenant();
    const foreign = await stranger.api('POST', '/api/v1/allocation-configurations', {
      name: 'Theirs',
      criteria: ['due_date'],
      allowPartial: true,
    });
    const crossTenant = await t.api('POST', '/api/v1/contracts', {
      customerId: t.customerId,
      basicContractId: basic.id,
      number: 'C-10',
      allocationConfigurationId: foreign.body.id,
    });
    expect([crossTenant.status, crossTenant.body.code]).toEqual([422, 'UNKNOWN_ALLOCATION_CONFIGURATION']);
    expect((await t.api('GET', `/api/v1/contracts?customerId=${t.customerId}`)).body.data).toHaveLength(0);
  });
});
