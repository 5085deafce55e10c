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
});
