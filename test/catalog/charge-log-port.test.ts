import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargeInput } from '../support/charges.ts';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant } from '../support/invoicing.ts';
import type { ChargeInput } from '../../src/app/ports/charges.ts';
import { ok } from './support.ts';

// The port the document pipeline consumes: which charges are free for a period, and how a document
// claims and releases them. Use cases and routes are tested in the charge scenarios.
describe('The charge log as the document pipeline sees it', () => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof invoicingTenant>>;
  let contractId: string;

  const base = (over: Partial<ChargeInput> & { id: string }) => chargeInput(t.customerId, contractId, over);
  const scheduled = (id: string, start: string, end: string, billingDate: string) =>
    base({
      id,
      kind: 'scheduled',
      productKind: 'recurring',
      subscriptionId: 'sub_1',
      description: 'SIP trunk',
      amount: '14.4827586206896551724',
      date: null,
      servicePeriodStart: start,
      servicePeriodEnd: end,
      billingDate,
      fullAmount: '30',
      activeDays: 14,
      periodDays: 29,
    });

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2024-03-05T10:00:00Z' });
    t = await invoicingTenant(env);
    const basic = await ok(t.api, 'POST', '/api/v1/contracts', { kind: 'basic', name: 'Business' });
    contractId = (
      await ok(t.api, 'POST', '/api/v1/contracts', {
        customerId: t.customerId,
        basicContractId: basic.id,
        number: 'C-1',
      })
    ).id;
  });
  afterAll(() => env.close());

  const uow = () => env.runtime.deps.uow;

  it('keeps a prorated amount unrounded and a subscription period charged once', async () => {
    const inserted = await uow().run((s) =>
      s.charges.insertMany(t.tenantId, [
        scheduled('chg_feb', '2024-02-01', '2024-02-29', '2024-02-29'),
        base({ id: 'chg_one_off' }),
      ]),
    );
    expect(inserted.map((c) => [c.id, c.amount])).toEqual([
      ['chg_feb', '14.48275862069'],
      ['chg_one_off', '50'],
    ]);
    const again = await uow().run((s) =>
      s.charges.insertMany(t.tenantId, [{ ...scheduled('chg_feb_again', '2024-02-01', '2024-02-29', '2024-03-31') }]),
    );
    expect(again).toEqual([]);
    expect(await uow().run((s) => s.charges.producedPeriodStarts(t.tenantId, 'sub_1'))).toEqual(['2024-02-01']);
  });

  it('hands out free charges of a period, claims them once and frees them on release', async () => {
    await uow().run((s) =>
      s.charges.insertMany(t.tenantId, [scheduled('chg_mar', '2024-03-01', '2024-03-31', '2024-03-31')]),
    );
    const february = { start: '2024-02-01', end: '2024-02-29' };
    const free = await uow().run((s) => s.charges.free(t.tenantId, t.customerId, february));
    expect(free.map((c) => c.id)).toEqual(['chg_one_off', 'chg_feb']);
    const onlyScheduled = await uow().run((s) =>
      s.charges.free(t.tenantId, t.customerId, february, { kinds: ['scheduled'] }),
    );
    expect(onlyScheduled.map((c) => c.id)).toEqual(['chg_feb']);
    const byService = await uow().run((s) =>
      s.charges.free(t.tenantId, t.customerId, { start: '2024-03-01', end: '2024-03-31' }, { basis: 'service' }),
    );
    expect(byService.map((c) => c.id)).toEqual(['chg_mar']);

    const doc = await ok(t.api, 'POST', '/api/v1/documents', {
      type: 'invoice',
      customerId: t.customerId,
      periodStart: '2024-02-01',
      periodEnd: '2024-02-29',
      numberSequenceId: t.sequenceId,
    });
    const other = await ok(t.api, 'POST', '/api/v1/documents', {
      type: 'invoice',
      customerId: t.customerId,
      periodStart: '2024-01-01',
      periodEnd: '2024-01-31',
      numberSequenceId: t.sequenceId,
    });
    expect(await uow().run((s) => s.charges.claim(t.tenantId, doc.id, ['chg_feb', 'chg_one_off']))).toBe(2);
    expect(await uow().run((s) => s.charges.claim(t.tenantId, other.id, ['chg_feb']))).toBe(0);
    expect(await uow().run((s) => s.charges.free(t.tenantId, t.customerId, february))).toEqual([]);
    const held = await uow().run((s) => s.charges.onDocument(t.tenantId, doc.id));
    expect(held.map((c) => [c.id, c.documentId])).toEqual([
      ['chg_one_off', doc.id],
      ['chg_feb', doc.id],
    ]);
    expect(await uow().run((s) => s.charges.deleteUnbilled(t.tenantId, 'chg_one_off'))).toBe(false);
    expect(await uow().run((s) => s.charges.release(t.tenantId, doc.id))).toBe(2);
    const freed = await uow().run((s) => s.charges.free(t.tenantId, t.customerId, february));
    expect(freed.map((c) => c.id)).toEqual(['chg_one_off', 'chg_feb']);
  });

  it('shows one tenant none of another tenant’s charges', async () => {
    const stranger = await env.newTenant();
    const february = { start: '2024-02-01', end: '2024-02-29' };
    expect(await uow().run((s) => s.charges.free(stranger.tenantId, t.customerId, february))).toEqual([]);
    expect(await uow().run((s) => s.charges.get(stranger.tenantId, 'chg_feb'))).toBeNull();
    expect(await uow().run((s) => s.charges.claim(stranger.tenantId, 'doc_x', ['chg_feb']))).toBe(0);
    expect(await uow().run((s) => s.charges.deleteUnbilled(stranger.tenantId, 'chg_one_off'))).toBe(false);
  });
});
