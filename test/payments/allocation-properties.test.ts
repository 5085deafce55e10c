import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { balanceOf, paymentsTenant, statementOf } from './support.ts';
import { Dec } from '../../src/core/money/decimal.ts';

type Tenant = Awaited<ReturnType<typeof paymentsTenant>>;

// Whatever happens to a customer's money, in whatever order — payments, reversals, bindings and
// unbindings by hand, cancelled invoices — the ledger stays whole. Each run is a fresh customer with
// two open invoices and a random sequence of operations through the API; runs are few because each
// issues real invoices.
const cents = (max: number) => fc.integer({ min: 1, max }).map((c) => new Dec(c).dividedBy(100).toFixed(2));
const command = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('pay' as const), amount: cents(30_000) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reverse' as const), payment: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('unbind' as const), binding: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('bind' as const),
      payment: fc.nat(),
      document: fc.nat(),
      // A share of what the payment has left and the document still owes; above 100 % it must be refused.
      percent: fc.integer({ min: 1, max: 120 }),
      // Automatic allocation leaves no money and no open invoice to bind by hand: free some first.
      unbindFirst: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cancel' as const), document: fc.nat() }) },
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

describe('Allocation properties over random sequences of operations', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-01-10T12:00:00Z' });
  });
  afterAll(() => env.close());

  async function ledger(t: Tenant) {
    return env.runtime.deps.uow.run(async (s) => ({
      payments: await s.payments.customerPayments(t.tenantId, t.customerId),
      allocations: await s.payments.allocationsOfCustomer(t.tenantId, t.customerId),
      documents: await s.payments.ledgerDocuments(t.tenantId, t.customerId),
    }));
  }

  async function run(t: Tenant, documents: string[], c: Command, paymentIds: string[]) {
    const pick = <T>(list: T[], i: number) => (list.length ? list[i % list.length] : undefined);
    switch (c.op) {
      case 'pay': {
        const res = await t.pay(c.amount);
        expect(res.status).toBe(201);
        paymentIds.push(res.body.id);
        return res.status;
      }
      case 'reverse': {
        const id = pick(paymentIds, c.payment);
        return id ? (await t.api('POST', `/api/v1/payments/${id}/reverse`, { reason: 'test' })).status : 0;
      }
      case 'unbind': {
        const { allocations } = await ledger(t);
        const undone = new Set(allocations.map((a) => a.reversesId));
        const live = allocations.filter((a) => !a.reversesId && !undone.has(a.id));
        const row = pick(live, c.binding);
        if (!row) return 0;
        return (await t.api('DELETE', `/api/v1/payments/${row.paymentId}/allocations/${row.id}`)).status;
      }
      case 'bind': {
        if (c.unbindFirst) await run(t, documents, { op: 'unbind', binding: c.payment }, paymentIds);
        const { payments, allocations, documents: docs } = await ledger(t);
        const left = (p: (typeof payments)[number]) =>
          allocations.filter((a) => a.paymentId === p.id).reduce((x, a) => x.minus(a.paymentAmount), new Dec(p.amount));
        // Prefer payments with money left, so that bindings mostly have something to bind.
        const withMoney = payments.filter((p) => !p.reversedAt && left(p).gt(0));
        const payment = pick(withMoney.length ? withMoney : payments, c.payment);
        const doc = docs.find((d) => d.id === pick(documents, c.document));
        if (!payment || !doc) return 0;
        const room = Dec.min(left(payment), new Dec(doc.total).minus(doc.paid));
        const amount = Dec.max(room.times(c.percent).dividedBy(100), '0.01').toFixed(2, Dec.ROUND_DOWN);
        const body = { documentId: doc.id, amount };
        return (await t.api('POST', `/api/v1/payments/${payment.id}/allocations`, body)).status;
      }
      case 'cancel':
        return (await t.api('POST', `/api/v1/documents/${pick(documents, c.document)}/cancel`)).status;
    }
  }

  async function checkInvariants(t: Tenant) {
    const { payments, allocations, documents } = await ledger(t);
    const sum = (values: string[]) => values.reduce((total, v) => total.plus(v), new Dec(0));
    // Per payment: never more allocated than it brought, nothing left bound once reversed.
    for (const p of payments) {
      const allocated = sum(allocations.filter((a) => a.paymentId === p.id).map((a) => a.paymentAmount));
      expect(allocated.gte(0) && allocated.lte(p.amount), `payment ${p.id}: ${allocated.toString()}`).toBe(true);
      if (p.reversedAt) expect(allocated.eq(0)).toBe(true);
    }
    // Per document: its paid amount is exactly its bindings, never above its total, zero once cancelled.
    for (const d of documents) {
      const bound = sum(allocations.filter((a) => a.documentId === d.id).map((a) => a.amount));
      expect(bound.eq(d.paid), `document ${d.id}: bound ${bound.toString()}, paid ${d.paid}`).toBe(true);
      expect(bound.gte(0) && bound.lte(d.total)).toBe(true);
      if (d.cancelledAt) expect(bound.eq(0)).toBe(true);
    }
    // Money is conserved: Σ allocations + credit = Σ payments − Σ reversals.
    const balance = await balanceOf(env, t);
    const received = sum(payments.map((p) => p.amount));
    const reversed = sum(payments.filter((p) => p.reversedAt).map((p) => p.amount));
    const allocated = sum(allocations.map((a) => a.paymentAmount));
    expect(allocated.plus(balance.credit).eq(received.minus(reversed))).toBe(true);
    // The balance from the entries is the statement's: its lines add up to its closing balance.
    const statement = await statementOf(env, t);
    const lines = statement.lines as Array<{ debit: string; credit: string; balance: string }>;
    const net = sum(lines.map((l) => l.debit)).minus(sum(lines.map((l) => l.credit)));
    expect(net.eq(statement.closingBalance)).toBe(true);
    expect(lines.at(-1)?.balance ?? '0.00').toBe(statement.closingBalance);
    expect(balance.balance).toBe(statement.closingBalance);
    expect(balance.statementBalance).toBe(statement.closingBalance);
  }

  it('conserves money, never over-allocates a payment or a document, and the balance equals the statement', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 10 }), async (commands) => {
        const t = await paymentsTenant(env);
        const documents = [(await t.invoice('100.00')).id as string, (await t.invoice('250.00')).id as string];
        const paymentIds: string[] = [];
        for (const c of commands) {
          const status = await run(t, documents, c, paymentIds);
          // Refusals (over-allocation, already unbound or reversed, not payable) are fine; failures are not.
          expect(status, JSON.stringify(c)).toBeLessThan(500);
        }
        await checkInvariants(t);
      }),
      { numRuns: 8 },
    );
  }, 180_000);
});
