import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';

describe('An invoice from draft to issued to cancelled', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2018-11-15T12:00:00Z' });
  });
  afterAll(() => env.close());

  it('computes usage 100.00, a 10 % call discount, a 20.00 fixed cost and 21 % tax as net 110.00, tax 23.10, total 133.10', async () => {
    const t = await invoicingTenant(env);
    await seedUsage(env, t.tenantId, t.customerId, [
      { startedAt: '2018-10-02T09:00:00Z', price: '30.004', prefix: '35567', destination: 'Albania mobile' },
      { startedAt: '2018-10-03T09:00:00Z', price: '29.996', prefix: '35567', destination: 'Albania mobile' },
      { startedAt: '2018-10-04T09:00:00Z', price: '40.00', prefix: '3491', destination: 'Spain Madrid' },
    ]);
    const fee = (
      await t.api('POST', '/api/v1/fixed-costs', { name: 'Line rental', description: 'Monthly', cost: '20.00' })
    ).body;
    const created = await t.api('POST', '/api/v1/documents', {
      type: 'invoice',
      customerId: t.customerId,
      periodStart: '2018-10-01',
      periodEnd: '2018-10-31',
      numberSequenceId: t.sequenceId,
      taxRate: '21',
      callDiscountPercent: '10',
    });
    expect(created.body).toMatchObject({ status: 'draft', renderStatus: null, number: null });
    expect(
      (await t.api('POST', `/api/v1/documents/${created.body.id}/fixed-costs`, { fixedCostId: fee.id, quantity: 1 }))
        .status,
    ).toBe(201);
    const gen = await t.api('POST', `/api/v1/documents/${created.body.id}/generate`);
    expect(gen.status).toBe(202);
    expect(gen.body.renderStatus).toBe('waiting');
    await env.runtime.queue.drain();
    const doc = (await t.api('GET', `/api/v1/documents/${created.body.id}`)).body;
    expect(doc.renderStatus).toBe('created');
    expect(doc.totals).toEqual({
      usage: '100.00',
      discount: '-10.00',
      fixedCosts: '20.00',
      charges: '0.00',
      net: '110.00',
      tax: '23.10',
      total: '133.10',
      paid: '0.00',
      open: '0.00',
    });
    expect(doc.lines.map((l: { kind: string; net: string }) => [l.kind, l.net])).toEqual([
      ['usage', '60.00'],
      ['usage', '40.00'],
      ['discount', '-10.00'],
      ['fixed_cost', '20.00'],
    ]);
    const albania = doc.lines[0];
    expect(albania).toMatchObject({ destination: 'Albania mobile', quantity: '2', durationSeconds: 120 });
  });

  it('numbers issued invoices TEST0001, TEST0002 …, sets issue and due dates, and re-renders the PDF with the number', async () => {
    const t = await invoicingTenant(env);
    const body = (start: string, end: string) => ({
      type: 'invoice',
      customerId: t.customerId,
      periodStart: start,
      periodEnd: end,
      numberSequenceId: t.sequenceId,
      paymentTermsDays: 30,
    });
    const a = await makeInvoice(env, t.api, body('2018-09-01', '2018-09-30'), { issue: true });
    const b = await makeInvoice(env, t.api, body('2018-10-01', '2018-10-31'), { issue: true });
    expect([a.number, b.number]).toEqual(['TEST0001', 'TEST0002']);
    expect(a).toMatchObject({
      status: 'issued',
      paymentStatus: 'unpaid',
      issueDate: '2018-11-15',
      dueDate: '2018-12-15',
      renderStatus: 'created',
    });
    const seq = (await t.api('GET', `/api/v1/number-sequences/${t.sequenceId}`)).body;
    expect(seq).toMatchObject({ latestValue: 'TEST0002', nextNumber: 'TEST0003' });
    const change = await t.api('PATCH', `/api/v1/number-sequences/${t.sequenceId}`, { prefix: 'NEW' });
    expect(change.status).toBe(409);
    expect(change.body.code).toBe('SEQUENCE_IN_USE');
    expect((await t.api('PATCH', `/api/v1/number-sequences/${t.sequenceId}`, { name: 'Renamed' })).status).toBe(200);
  });

  it('an issued invoice never changes; a draft can, and each change blanks its render until generated again', async () => {
    const t = await invoicingTenant(env);
    const draft = await makeInvoice(env, t.api, {
      type: 'invoice',
      customerId: t.customerId,
      periodStart: '2018-10-01',
      periodEnd: '2018-10-31',
      numberSequenceId: t.sequenceId,
    });
    expect(draft.renderStatus).toBe('created');
    const patched = await t.api('PATCH', `/api/v1/documents/${draft.id}`, { taxRate: '10' });
    expect(patched.body).toMatchObject({ renderStatus: null, needsRegeneration: true, taxRate: '10' });
    const early = await t.api('POST', `/api/v1/documents/${draft.id}/issue`);
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('NOT_GENERATED');
    await t.api('POST', `/api/v1/documents/${draft.id}/generate`);
    await env.runtime.queue.drain();
    expect((await t.api('POST', `/api/v1/documents/${draft.id}/issue`)).status).toBe(200);
    const edit = await t.api('PATCH', `/api/v1/documents/${draft.id}`, { taxRate: '21' });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('DOCUMENT_NOT_DRAFT');
    expect((await t.api('DELETE', `/api/v1/documents/${draft.id}`)).status).toBe(409);
  });

  it('bills each outbound external call once; inbound and internal calls never; deleting a draft releases its calls', async () => {
    const t = await invoicingTenant(env);
    await seedUsage(env, t.tenantId, t.customerId, [
      { startedAt: '2018-10-02T09:00:00Z', price: '1.00' },
      { startedAt: '2018-10-02T10:00:00Z', price: '2.00' },
      { startedAt: '2018-10-02T11:00:00Z', price: '4.00', direction: 'inbound' },
      { startedAt: '2018-10-02T12:00:00Z', price: '8.00', external: false },
    ]);
    const first = await makeInvoice(env, t.api, {
      type: 'invoice',
      customerId: t.customerId,
      periodStart: '2018-10-01',
      periodEnd: '2018-10-31',
    });
    expect(first.totals.usage).toBe('3.00');
    const calls = (await t.api('GET', `/api/v1/documents/${first.id}/usage-records`)).body.data;
    expect(calls).toHaveLength(2);
    expect(calls.every((c: { documentId: string }) => c.documentId === first.id)).toBe(true);
    expect((await t.api('DELETE', `/api/v1/documents/${first.id}`)).status).toBe(204);
    const free = await env.runtime.database.db.execute(
      sql`select (select count(*)::int from usage_records where customer_id = ${t.customerId} and document_id is not null)
        + (select count(*)::int from usage_claims where customer_id = ${t.customerId}) as n`,
    );
    expect((free as unknown as { rows: Array<{ n: number }> }).rows[0]!.n).toBe(0);
    const second = await makeInvoice(env, t.api, {
      type: 'invoice',
      customerId: t.customerId,
      periodStart: '2018-10-01',
      periodEnd: '2018-10-31',
    });
    expect(second.totals.usage).toBe('3.00');
  });

  it('cancel, re-rate, invoice again: the number stays used and the new invoice bills the new prices', async () => {
    const t = await invoicingTenant(env);
    await seedUsage(env, t.tenantId, t.customerId, [
      { startedAt: '2018-10-10T09:00:00Z', price: '5.00' },
      { startedAt: '2018-10-11T09:00:00Z', price: '5.00' },
    ]);
    const body = {
      type: 'invoice',
      customerId: t.customerId,
      periodStart: '2018-10-01',
      periodEnd: '2018-10-31',
      numberSequenceId: t.sequenceId,
    };
    const first = await makeInvoice(env, t.api, body, { issue: true });
    expect(first).toMatchObject({ number: 'TEST0001', totals: { usage: '10.00' } });
    const cancelled = await t.api('POST', `/api/v1/documents/${first.id}/cancel`, { reason: 'wrong rates' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', number: 'TEST0001' });
    // The calls are free again, so a re-rating may change their price in place.
    await env.runtime.database.db.execute(
      sql`update usage_records set price = '4.000000' where customer_id = ${t.customerId}`,
    );
    const second = await makeInvoice(env, t.api, body, { issue: true });
    expect(second).toMatchObject({ number: 'TEST0002', totals: { usage: '8.00' } });
    // The cancelled invoice still shows the calls it had billed; they now sit on the new one.
    const keptCalls = (await t.api('GET', `/api/v1/documents/${first.id}/usage-records`)).body.data;
    expect(keptCalls).toHaveLength(2);
    expect(keptCalls.every((c: { documentId: string }) => c.documentId === second.id)).toBe(true);
    expect((await t.api('GET', `/api/v1/documents/${first.id}`)).body.totals.usage).toBe('10.00');
    expect((await t.api('POST', `/api/v1/documents/${first.id}/cancel`)).body.code).toBe('DOCUMENT_NOT_ISSUED');
  });

  it('takes a custom number instead of a sequence, unique per tenant and type', async () => {
    const t = await invoicingTenant(env);
    const one = await makeInvoice(
      env,
      t.api,
      { type: 'invoice', customerId: t.customerId, periodStart: '2018-08-01', periodEnd: '2018-08-31', number: 'X-1' },
      { issue: true },
    );
    expect(one.number).toBe('X-1');
    const dup = await t.api('POST', '/api/v1/documents', {
      type: 'invoice',
      customerId: t.customerId,
      periodStart: '2018-09-01',
      periodEnd: '2018-09-30',
      number: 'X-1',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('NUMBER_TAKEN');
  });
});
