import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { call, changeRates, ingest, planFor } from '../usage/support.ts';

describe('From rated calls to an invoice, and a correction after a rate change', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2018-11-15T12:00:00Z' });
  });
  afterAll(() => env.close());

  it('given calls rated at 0.20/min, an issued invoice blocks re-rating (409 naming it); after cancelling, re-rating and invoicing again bill the new rate', async () => {
    const t = await invoicingTenant(env);
    const plan = await planFor(
      t.api,
      t.customerId,
      [{ prefix: '35567', pricePerMinute: '0.2000', connectionFee: '0', minimumSeconds: 0, incrementSeconds: 60 }],
      {},
      '2018-01-01',
    );
    const sent = await ingest(t.api, [
      call({
        externalId: 'a1',
        customerId: t.customerId,
        callee: '355671234567',
        durationSeconds: 61,
        startedAt: '2018-10-05T10:00:00Z',
      }),
      call({
        externalId: 'a2',
        customerId: t.customerId,
        callee: '355671234567',
        durationSeconds: 600,
        startedAt: '2018-10-06T10:00:00Z',
      }),
      call({
        externalId: 'in',
        customerId: t.customerId,
        callee: '355671234567',
        durationSeconds: 600,
        startedAt: '2018-10-06T11:00:00Z',
        direction: 'inbound',
      }),
    ]);
    expect(sent).toMatchObject({ accepted: 3, duplicates: 0, rejected: [] });
    const body = {
      type: 'invoice',
      customerId: t.customerId,
      periodStart: '2018-10-01',
      periodEnd: '2018-10-31',
      numberSequenceId: t.sequenceId,
      taxRate: '21',
    };
    const first = await makeInvoice(env, t.api, body, { issue: true });
    // 61 s on 60/60 bills 120 s = 0.40; 600 s = 2.00; the inbound call is not invoiced.
    expect(first).toMatchObject({
      number: 'TEST0001',
      totals: { usage: '2.40', net: '2.40', tax: '0.50', total: '2.90' },
    });
    // The usage line shows the rate per minute of the records' plan and prefix.
    expect(first.lines).toMatchObject([{ kind: 'usage', quantity: '2', unitPrice: '0.2' }]);

    await changeRates(t.api, plan.id, [
      { prefix: '35567', pricePerMinute: '0.1000', minimumSeconds: 0, incrementSeconds: 60 },
    ]);
    const rerate = { customerId: t.customerId, from: '2018-10-01T00:00:00Z', to: '2018-11-01T00:00:00Z' };
    const blocked = await t.api('POST', '/api/v1/usage-records/rerate', rerate);
    expect(blocked.status).toBe(409);
    expect(blocked.body.documentIds).toEqual([first.id]);

    expect(
      (await t.api('POST', `/api/v1/documents/${first.id}/cancel`, { reason: 'rate correction' })).body.status,
    ).toBe('cancelled');
    expect((await t.api('POST', '/api/v1/usage-records/rerate', rerate)).status).toBe(200);
    const second = await makeInvoice(env, t.api, body, { issue: true });
    expect(second).toMatchObject({ number: 'TEST0002', totals: { usage: '1.20', tax: '0.25', total: '1.45' } });
    expect(second.lines).toMatchObject([{ kind: 'usage', quantity: '2', unitPrice: '0.1' }]);
    const calls = (await t.api('GET', `/api/v1/documents/${second.id}/usage-records`)).body.data;
    expect(calls.map((c: { externalId: string }) => c.externalId).sort()).toEqual(['a1', 'a2']);
  });
});
