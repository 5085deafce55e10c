import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { balanceOf, paymentsTenant, statementOf } from './support.ts';

describe('Payments: recorded, allocated, kept as credit, bound and unbound by hand, reversed', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-01-10T12:00:00Z' });
  });
  afterAll(() => env.close());

  it('a partial payment leaves the invoice partially paid; the rest pays it; an overpayment stays as credit and pays the next invoice when it is issued', async () => {
    const t = await paymentsTenant(env);
    env.clock.set('2026-01-10T12:00:00Z');
    const a = await t.invoice('100.00');
    env.clock.set('2026-01-11T12:00:00Z');
    expect(a).toMatchObject({ paymentStatus: 'unpaid', totals: { total: '100.00', paid: '0.00', open: '100.00' } });
    const first = await t.pay('30.00', { externalId: 'bank-1' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'matched', allocated: '30.00', unallocated: '0.00' });
    expect(first.body.allocations).toMatchObject([{ documentId: a.id, amount: '30.00', kind: 'auto' }]);
    expect(await t.doc(a.id)).toMatchObject({
      paymentStatus: 'partially_paid',
      totals: { paid: '30.00', open: '70.00' },
    });
    env.clock.set('2026-01-12T12:00:00Z');
    const second = await t.pay('100.00', { externalId: 'bank-2' });
    expect(second.body).toMatchObject({ allocated: '70.00', unallocated: '30.00' });
    expect(await t.doc(a.id)).toMatchObject({ paymentStatus: 'paid', totals: { paid: '100.00', open: '0.00' } });
    expect(await balanceOf(env, t)).toMatchObject({
      outstanding: '0.00',
      credit: '30.00',
      balance: '-30.00',
      statementBalance: '-30.00',
    });
    env.clock.set('2026-01-13T12:00:00Z');
    const b = await t.invoice('50.00');
    env.clock.set('2026-01-10T12:00:00Z');
    expect(b).toMatchObject({ paymentStatus: 'partially_paid', totals: { paid: '30.00', open: '20.00' } });
    const balance = await balanceOf(env, t);
    expect(balance).toMatchObject({
      outstanding: '20.00',
      credit: '0.00',
      balance: '20.00',
      statementBalance: '20.00',
    });
    const statement = await statementOf(env, t);
    expect(statement.closingBalance).toBe('20.00');
    expect(
      statement.lines
        .filter((l: { kind: string }) => l.kind !== 'allocation')
        .map((l: { kind: string; balance: string }) => [l.kind, l.balance]),
    ).toEqual([
      ['document', '100.00'],
      ['payment', '70.00'],
      ['payment', '-30.00'],
      ['document', '20.00'],
    ]);
  });

  it('the same bank reference is the same payment; a different payment under it is refused and nothing changes', async () => {
    const t = await paymentsTenant(env);
    await t.invoice('100.00');
    const once = await t.pay('40.00', { externalId: 'ref-7' });
    const again = await t.pay('40.00', { externalId: 'ref-7' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(once.body.id);
    const other = await t.pay('41.00', { externalId: 'ref-7' });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('DUPLICATE_PAYMENT_REFERENCE');
    expect((await t.api('GET', `/api/v1/payments?customerId=${t.customerId}`)).body.data).toHaveLength(1);
  });

  it('refuses negative amounts, too many decimals and unknown customers with clear codes', async () => {
    const t = await paymentsTenant(env);
    const negative = await t.pay('-5.00');
    expect(negative.status).toBe(400);
    expect(negative.body.errors[0].code).toBe('NON_POSITIVE_AMOUNT');
    const precise = await t.pay('5.001');
    expect(precise.status).toBe(400);
    expect(precise.body.errors[0].code).toBe('AMOUNT_PRECISION');
    const nobody = await t.pay('5.00', { customerId: 'cus_nobody' });
    expect(nobody.status).toBe(422);
    expect(nobody.body.code).toBe('UNKNOWN_CUSTOMER');
    expect((await t.api('GET', '/api/v1/payments')).body.data).toHaveLength(0);
  });

  it('manual binding and unbinding: never more than unallocated or open, only issued invoices of the same customer', async () => {
    const t = await paymentsTenant(env);
    const payment = (await t.pay('80.00')).body;
    expect(payment.unallocated).toBe('80.00');
    const a = await t.invoice('50.00');
    // Issuing applies the credit automatically; unbind it to bind by hand.
    const auto = (await t.api('GET', `/api/v1/payments/${payment.id}`)).body;
    expect(auto).toMatchObject({ allocated: '50.00', unallocated: '30.00' });
    const unbound = await t.api('DELETE', `/api/v1/payments/${payment.id}/allocations/${auto.allocations[0].id}`);
    expect(unbound.status).toBe(200);
    expect(unbound.body).toMatchObject({ allocated: '0.00', unallocated: '80.00' });
    expect(unbound.body.allocations.map((r: { amount: string; kind: string }) => [r.amount, r.kind])).toEqual([
      ['50.00', 'auto'],
      ['-50.00', 'unbind'],
    ]);
    expect(await t.doc(a.id)).toMatchObject({ paymentStatus: 'unpaid', totals: { paid: '0.00' } });
    const again = await t.api('DELETE', `/api/v1/payments/${payment.id}/allocations/${auto.allocations[0].id}`);
    expect(again.body.code).toBe('ALLOCATION_ALREADY_UNBOUND');
    const tooMuch = await t.api('POST', `/api/v1/payments/${payment.id}/allocations`, {
      documentId: a.id,
      amount: '60.00',
    });
    expect([tooMuch.status, tooMuch.body.code]).toEqual([422, 'OVER_ALLOCATION']);
    const bound = await t.api('POST', `/api/v1/payments/${payment.id}/allocations`, {
      documentId: a.id,
      amount: '20.00',
    });
    expect(bound.status).toBe(201);
    expect(await t.doc(a.id)).toMatchObject({
      paymentStatus: 'partially_paid',
      totals: { paid: '20.00', open: '30.00' },
    });
    const draft = (
      await t.api('POST', '/api/v1/documents', {
        type: 'invoice',
        customerId: t.customerId,
        periodStart: '2025-11-01',
        periodEnd: '2025-11-30',
        numberSequenceId: t.sequenceId,
      })
    ).body;
    const toDraft = await t.api('POST', `/api/v1/payments/${payment.id}/allocations`, {
      documentId: draft.id,
      amount: '1.00',
    });
    expect([toDraft.status, toDraft.body.code]).toEqual([422, 'DOCUMENT_NOT_PAYABLE']);
    const other = await t.api('POST', '/api/v1/customers', { name: 'Other SA', currency: 'EUR', timezone: 'UTC' });
    const otherPayment = (await t.pay('10.00', { customerId: other.body.id })).body;
    const across = await t.api('POST', `/api/v1/payments/${otherPayment.id}/allocations`, {
      documentId: a.id,
      amount: '1.00',
    });
    expect([across.status, across.body.code]).toEqual([422, 'OTHER_CUSTOMER']);
    const stranger = await env.newTenant();
    const crossTenant = await stranger.api('POST', `/api/v1/payments/${payment.id}/allocations`, {
      documentId: a.id,
      amount: '1.00',
    });
    expect(crossTenant.status).toBe(404);
    expect((await stranger.api('GET', `/api/v1/payments/${payment.id}`)).status).toBe(404);
  });

  it('a reversal appends an entry, undoes the allocations and leaves the amount as it was', async () => {
    const t = await paymentsTenant(env);
    const a = await t.invoice('100.00');
    const p = (await t.pay('100.00')).body;
    expect(await t.doc(a.id)).toMatchObject({ paymentStatus: 'paid' });
    const reversed = await t.api('POST', `/api/v1/payments/${p.id}/reverse`, { reason: 'bounced' });
    expect(reversed.status).toBe(200);
    expect(reversed.body).toMatchObject({
      status: 'reversed',
      amount: '100.00',
      allocated: '0.00',
      unallocated: '0.00',
    });
    expect(await t.doc(a.id)).toMatchObject({ paymentStatus: 'unpaid', totals: { paid: '0.00', open: '100.00' } });
    expect((await t.api('POST', `/api/v1/payments/${p.id}/reverse`)).body.code).toBe('PAYMENT_REVERSED');
    const balance = await balanceOf(env, t);
    expect(balance).toMatchObject({ balance: '100.00', statementBalance: '100.00' });
  });

  it('an unmatched payment is kept and allocated once matched to its customer', async () => {
    const t = await paymentsTenant(env);
    const a = await t.invoice('25.00');
    const p = (await t.pay('25.00', { customerId: null, payer: 'Unknown Ltd' })).body;
    expect(p).toMatchObject({ status: 'unmatched', customerId: null, unallocated: '25.00' });
    expect((await t.api('GET', '/api/v1/payments?unmatched=true')).body.data.map((x: { id: string }) => x.id)).toEqual([
      p.id,
    ]);
    const matched = await t.api('POST', `/api/v1/payments/${p.id}/match`, { customerId: t.customerId });
    expect(matched.body).toMatchObject({ status: 'matched', allocated: '25.00' });
    expect(await t.doc(a.id)).toMatchObject({ paymentStatus: 'paid' });
  });

  it('cancelling a paid invoice returns its money to credit', async () => {
    const t = await paymentsTenant(env);
    const a = await t.invoice('40.00');
    const p = (await t.pay('40.00')).body;
    await t.api('POST', `/api/v1/documents/${a.id}/cancel`);
    const after = (await t.api('GET', `/api/v1/payments/${p.id}`)).body;
    expect(after).toMatchObject({ allocated: '0.00', unallocated: '40.00' });
    expect(after.allocations.map((r: { kind: string }) => r.kind)).toEqual(['auto', 'cancel']);
    expect(await balanceOf(env, t)).toMatchObject({
      credit: '40.00',
      balance: '-40.00',
      statementBalance: '-40.00',
    });
  });
});
