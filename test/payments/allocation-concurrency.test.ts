import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { paymentsTenant } from './support.ts';
import { Dec } from '../../src/core/money/decimal.ts';

type Tenant = Awaited<ReturnType<typeof paymentsTenant>>;

// Allocation locks the customer row, so requests racing for one document or one payment queue
// instead of both seeing the same open amount. On PostgreSQL (TEST_DATABASE_URL) the requests below
// run on separate pooled connections at once; on PGlite the one connection takes them in turn, and
// the same outcome is still required.
describe('Concurrent allocation never over-allocates', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-01-10T12:00:00Z' });
  });
  afterAll(() => env.close());

  async function ledger(t: Tenant, documentId: string, paymentIds: string[]) {
    return env.runtime.deps.uow.run(async (s) => ({
      onDocument: (await s.payments.allocationsOfDocument(t.tenantId, documentId)).reduce(
        (sum, a) => sum.plus(a.amount),
        new Dec(0),
      ),
      // One query at a time: a transaction's connection runs them in turn anyway.
      perPayment: await (async () => {
        const sums: Dec[] = [];
        for (const id of paymentIds)
          sums.push(
            (await s.payments.allocationsOfPayment(t.tenantId, id)).reduce(
              (sum, a) => sum.plus(a.paymentAmount),
              new Dec(0),
            ),
          );
        return sums;
      })(),
    }));
  }

  it(`eight payments arriving at once for one 100.00 invoice pay exactly 100.00 and keep the rest as credit`, async () => {
    const t = await paymentsTenant(env);
    const invoice = await t.invoice('100.00');
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.pay('30.00', { externalId: `race-${i}` })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    const { onDocument, perPayment } = await ledger(
      t,
      invoice.id,
      responses.map((r) => r.body.id),
    );
    expect(onDocument.toFixed(2)).toBe('100.00');
    expect(perPayment.every((p) => p.gte(0) && p.lte(30))).toBe(true);
    expect(await t.doc(invoice.id)).toMatchObject({ paymentStatus: 'paid', totals: { paid: '100.00', open: '0.00' } });
    const balance = (await t.api('GET', `/api/v1/customers/${t.customerId}/balance`)).body;
    expect(balance).toMatchObject({ outstanding: '0.00', credit: '140.00', balance: '-140.00' });
  });

  it('six manual bindings of 60.00 racing on one payment of 100.00 and one invoice of 100.00: one wins, the others are refused', async () => {
    const t = await paymentsTenant(env);
    // The payment comes first and waits as credit; issuing the invoice spends it, unbinding frees it again.
    const payment = (await t.pay('100.00')).body;
    const invoice = await t.invoice('100.00');
    const [auto] = (await t.api('GET', `/api/v1/payments/${payment.id}`)).body.allocations;
    await t.api('DELETE', `/api/v1/payments/${payment.id}/allocations/${auto.id}`);

    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.api('POST', `/api/v1/payments/${payment.id}/allocations`, { documentId: invoice.id, amount: '60.00' }),
      ),
    );
    const outcomes = responses.map((r) => (r.status === 201 ? 'bound' : `${r.status} ${r.body.code}`)).sort();
    expect(outcomes).toEqual([
      '422 OVER_ALLOCATION',
      '422 OVER_ALLOCATION',
      '422 OVER_ALLOCATION',
      '422 OVER_ALLOCATION',
      '422 OVER_ALLOCATION',
      'bound',
    ]);
    const { onDocument, perPayment } = await ledger(t, invoice.id, [payment.id]);
    expect([onDocument.toFixed(2), perPayment[0]!.toFixed(2)]).toEqual(['60.00', '60.00']);
    expect(await t.doc(invoice.id)).toMatchObject({ totals: { paid: '60.00', open: '40.00' } });
  });

  it('two new payments racing the reversal of the payment that paid the invoice: paid at most once, the rest is credit', async () => {
    const t = await paymentsTenant(env);
    const first = (await t.pay('70.00')).body;
    const invoice = await t.invoice('100.00');
    const responses = await Promise.all([
      t.pay('50.00', { externalId: 'race-new' }),
      t.api('POST', `/api/v1/payments/${first.id}/reverse`, { reason: 'bounced' }),
      t.pay('50.00', { externalId: 'race-other' }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([201, 200, 201]);
    const paymentIds = [first.id, responses[0]!.body.id, responses[2]!.body.id];
    const { onDocument, perPayment } = await ledger(t, invoice.id, paymentIds);
    expect(onDocument.gte(0) && onDocument.lte(100)).toBe(true);
    expect(perPayment[0]!.toFixed(2)).toBe('0.00');
    const doc = await t.doc(invoice.id);
    expect(doc.totals.paid).toBe(onDocument.toFixed(2));
    // Whatever the order, the reversed 70.00 no longer counts: what the new payments did not pay is credit.
    const balance = (await t.api('GET', `/api/v1/customers/${t.customerId}/balance`)).body;
    expect(new Dec(balance.outstanding).eq(new Dec(100).minus(onDocument))).toBe(true);
    expect(new Dec(balance.credit).eq(new Dec(100).minus(onDocument))).toBe(true);
    expect([balance.balance, balance.statementBalance]).toEqual(['0.00', '0.00']);
  });

  it(`runs on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL, concurrently' : 'PGlite, one transaction at a time'}`, () => {
    expect(env.databaseKind).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
  });
});
