import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargeInput } from '../support/charges.ts';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';
import type { ChargeInput } from '../../src/app/ports/charges.ts';

type Tenant = Awaited<ReturnType<typeof invoicingTenant>>;
type Line = { id: string; kind: string; description: string; net: string; chargeId: string | null };

// One pipeline makes every document: a snapshot of the period's free usage and charges, the pure
// computation, and a commit that claims them. The dry run is the same without the commit.
describe('The document pipeline: charges on invoices, the dry run, draft line texts', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2024-03-05T10:00:00Z' });
  });
  afterAll(() => env.close());

  const uow = () => env.runtime.deps.uow;

  async function contractOf(t: Tenant, schemeId?: string) {
    const basic = (await t.api('POST', '/api/v1/contracts', { kind: 'basic', name: 'Business' })).body;
    const res = await t.api('POST', '/api/v1/contracts', {
      customerId: t.customerId,
      basicContractId: basic.id,
      number: 'C-1',
      ...(schemeId ? { invoicingSchemeId: schemeId } : {}),
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  /** February 2024: a SIP trunk from the 16th (14 of 29 days of 30.00), an installation, 3 GB of data. */
  async function februaryCharges(t: Tenant, contractId: string) {
    const charge = (over: Partial<ChargeInput> & { id: string }) => chargeInput(t.customerId, contractId, over);
    const id = (name: string) => `chg_${name}_${t.tenantId.slice(-6)}`;
    const inserted = await uow().run((s) =>
      s.charges.insertMany(t.tenantId, [
        charge({
          id: id('trunk'),
          kind: 'scheduled',
          productKind: 'recurring',
          description: 'SIP trunk',
          unitPrice: '30',
          amount: '14.482758620690',
          date: null,
          servicePeriodStart: '2024-02-16',
          servicePeriodEnd: '2024-02-29',
          billingDate: '2024-02-29',
          fullAmount: '30',
          activeDays: 14,
          periodDays: 29,
        }),
        charge({ id: id('install') }),
        charge({
          id: id('data'),
          productKind: 'usage',
          description: 'Data GB',
          quantity: '3',
          unitPrice: '2',
          amount: '6',
        }),
        // March's charge waits for March's invoice.
        charge({ id: id('march'), date: '2024-03-02', billingDate: '2024-03-02' }),
      ]),
    );
    return inserted.map((c) => c.id);
  }

  const comparable = (doc: Record<string, unknown>) => {
    const { id: _i, status: _s, renderStatus: _r, needsRegeneration: _n, createdAt: _c, lines, ...rest } = doc;
    return { ...rest, lines: (lines as Line[]).map(({ id: _l, ...line }) => line) };
  };

  it('previews February (usage, a 10 % call discount on usage only, a prorated trunk, an installation, data) and generates exactly that', async () => {
    const t = await invoicingTenant(env);
    const contractId = await contractOf(t);
    const [trunk, install, data, march] = await februaryCharges(t, contractId);
    await seedUsage(env, t.tenantId, t.customerId, [
      { startedAt: '2024-02-05T09:00:00Z', price: '12.345', prefix: '3491', destination: 'Spain Madrid' },
      { startedAt: '2024-02-06T09:00:00Z', price: '7.655', prefix: '3491', destination: 'Spain Madrid' },
    ]);
    const query = `type=invoice&periodStart=2024-02-01&periodEnd=2024-02-29`;
    const preview = await t.api('GET', `/api/v1/customers/${t.customerId}/next-document?${query}`);
    expect(preview.status).toBe(200);
    // No terms asked for and no scheme: tax 0 and no call discount, the tenant defaults.
    expect(preview.body.lines.map((l: Line) => [l.kind, l.description, l.net, l.chargeId])).toEqual([
      ['usage', 'Spain Madrid', '20.00', null],
      ['subscription', 'SIP trunk', '14.48', trunk],
      ['one_off', 'Installation', '50.00', install],
      ['usage_product', 'Data GB', '6.00', data],
    ]);
    expect(preview.body.totals).toMatchObject({ usage: '20.00', charges: '70.48', net: '90.48', total: '90.48' });
    // Nothing was stored or claimed by the dry run.
    expect((await t.api('GET', '/api/v1/documents')).body.data).toEqual([]);
    const feb = { start: '2024-02-01', end: '2024-02-29' };
    expect((await uow().run((s) => s.charges.free(t.tenantId, t.customerId, feb))).map((c) => c.id).sort()).toEqual(
      [trunk, install, data].sort(),
    );

    const underContract = await t.api(
      'GET',
      `/api/v1/customers/${t.customerId}/next-document?${query}&contractId=${contractId}`,
    );
    expect(underContract.body.totals).toEqual(preview.body.totals);

    const created = await t.api('POST', '/api/v1/documents', {
      customerId: t.customerId,
      periodStart: '2024-02-01',
      periodEnd: '2024-02-29',
      numberSequenceId: t.sequenceId,
      taxRate: '21',
      callDiscountPercent: '10',
    });
    expect(created.status).toBe(201);
    // A draft now covers February: the dry run of another document for it is refused like creation.
    const again = await t.api('GET', `/api/v1/customers/${t.customerId}/next-document?${query}`);
    expect([again.status, again.body.code]).toEqual([422, 'OVERLAPPING_DOCUMENT']);
    await t.api('POST', `/api/v1/documents/${created.body.id}/generate`);
    await env.runtime.queue.drain();
    const doc = (await t.api('GET', `/api/v1/documents/${created.body.id}`)).body;
    expect(doc.renderStatus).toBe('created');
    expect(doc.lines.map((l: Line) => [l.kind, l.description, l.net, l.chargeId])).toEqual([
      ['usage', 'Spain Madrid', '20.00', null],
      ['discount', 'Call discount 10%', '-2.00', null],
      ['subscription', 'SIP trunk', '14.48', trunk],
      ['one_off', 'Installation', '50.00', install],
      ['usage_product', 'Data GB', '6.00', data],
    ]);
    expect(doc.totals).toMatchObject({ usage: '20.00', discount: '-2.00', charges: '70.48', net: '88.48' });
    expect(doc.totals.tax).toBe('18.58');
    expect(doc.totals.total).toBe('107.06');
    expect(doc.lines[2]).toMatchObject({ servicePeriodStart: '2024-02-16', servicePeriodEnd: '2024-02-29' });
    expect(march).toBeDefined();
    expect((await uow().run((s) => s.charges.free(t.tenantId, t.customerId, feb))).map((c) => c.id)).toEqual([]);

    // Cancelling the issued invoice gives its charges back to the log.
    const issued = await t.api('POST', `/api/v1/documents/${doc.id}/issue`);
    expect(issued.status).toBe(200);
    expect((await t.api('POST', `/api/v1/documents/${doc.id}/cancel`, { reason: 'wrong terms' })).status).toBe(200);
    expect((await uow().run((s) => s.charges.free(t.tenantId, t.customerId, feb))).length).toBe(3);
  });

  it('the dry run equals the document generated right after it', async () => {
    const t = await invoicingTenant(env);
    const contractId = await contractOf(t);
    await februaryCharges(t, contractId);
    await seedUsage(env, t.tenantId, t.customerId, [
      { startedAt: '2024-02-05T09:00:00Z', price: '3.3333', prefix: '35567', destination: 'Albania mobile' },
      { startedAt: '2024-02-07T09:00:00Z', price: '9.10', prefix: '3491', destination: 'Spain Madrid' },
    ]);
    const body = {
      customerId: t.customerId,
      periodStart: '2024-02-01',
      periodEnd: '2024-02-29',
      numberSequenceId: t.sequenceId,
      taxRate: '21',
      callDiscountPercent: '5',
    };
    const q = new URLSearchParams({ type: 'invoice', periodStart: body.periodStart, periodEnd: body.periodEnd });
    const preview = await t.api('GET', `/api/v1/customers/${t.customerId}/next-document?${q.toString()}`);
    expect(preview.status).toBe(200);
    // The preview asked for no terms, so it shows the tenant defaults: compare like with like.
    const created = await t.api('POST', '/api/v1/documents', {
      customerId: body.customerId,
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
    });
    await t.api('POST', `/api/v1/documents/${created.body.id}/generate`);
    await env.runtime.queue.drain();
    const generated = (await t.api('GET', `/api/v1/documents/${created.body.id}`)).body;
    expect(generated.renderStatus).toBe('created');
    expect(comparable(generated)).toEqual(comparable(preview.body));
    expect(generated.lines.map((l: Line) => l.kind)).toEqual([
      'usage',
      'usage',
      'subscription',
      'one_off',
      'usage_product',
    ]);
  });

  it('renames a draft line without touching amounts, keeps the name through regeneration, and refuses on an issued one', async () => {
    const t = await invoicingTenant(env);
    const contractId = await contractOf(t);
    await februaryCharges(t, contractId);
    const created = await t.api('POST', '/api/v1/documents', {
      customerId: t.customerId,
      periodStart: '2024-02-01',
      periodEnd: '2024-02-29',
      numberSequenceId: t.sequenceId,
    });
    await t.api('POST', `/api/v1/documents/${created.body.id}/generate`);
    await env.runtime.queue.drain();
    const before = (await t.api('GET', `/api/v1/documents/${created.body.id}`)).body;
    const trunk = before.lines.find((l: Line) => l.kind === 'subscription') as Line;
    const renamed = await t.api('PATCH', `/api/v1/documents/${before.id}/lines/${trunk.id}`, {
      description: 'SIP trunk, 10 channels (from 16 February)',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.totals).toEqual(before.totals);
    expect(renamed.body.lines.map((l: Line) => l.net)).toEqual(before.lines.map((l: Line) => l.net));
    expect(renamed.body).toMatchObject({ needsRegeneration: true, renderStatus: null });
    // Another tenant sees neither the draft, its lines, nor the customer's next document.
    const other = await invoicingTenant(env);
    const foreign = await other.api('PATCH', `/api/v1/documents/${before.id}/lines/${trunk.id}`, { description: 'x' });
    expect([foreign.status, foreign.body.code]).toEqual([404, 'NOT_FOUND']);
    const foreignPreview = await other.api(
      'GET',
      `/api/v1/customers/${t.customerId}/next-document?periodStart=2024-02-01&periodEnd=2024-02-29`,
    );
    expect([foreignPreview.status, foreignPreview.body.code]).toEqual([404, 'NOT_FOUND']);
    const missing = await t.api('PATCH', `/api/v1/documents/${before.id}/lines/dl_nothing`, { description: 'x' });
    expect([missing.status, missing.body.code]).toEqual([404, 'NOT_FOUND']);

    await t.api('POST', `/api/v1/documents/${before.id}/generate`);
    await env.runtime.queue.drain();
    const regenerated = (await t.api('GET', `/api/v1/documents/${before.id}`)).body;
    expect(regenerated.lines.find((l: Line) => l.id === trunk.id)?.description).toBe(
      'SIP trunk, 10 channels (from 16 February)',
    );
    expect((await t.api('POST', `/api/v1/documents/${before.id}/issue`)).status).toBe(200);
    const refused = await t.api('PATCH', `/api/v1/documents/${before.id}/lines/${trunk.id}`, { description: 'Other' });
    expect([refused.status, refused.body.code]).toEqual([409, 'DOCUMENT_NOT_DRAFT']);
    const after = (await t.api('GET', `/api/v1/documents/${before.id}`)).body;
    expect(after.lines.find((l: Line) => l.id === trunk.id)?.description).toBe(
      'SIP trunk, 10 channels (from 16 February)',
    );
  });

  it('takes sender terms from the most specific invoicing scheme and records it; the request still wins', async () => {
    const t = await invoicingTenant(env);
    const scheme = async (name: string, over: Record<string, unknown>) =>
      (
        await t.api('POST', '/api/v1/invoicing-schemes', {
          name,
          invoiceNumberSequenceId: t.sequenceId,
          ...over,
        })
      ).body.id as string;
    const tenantDefault = await scheme('Default', { taxRate: '21', paymentTermsDays: 30 });
    const wholesale = await scheme('Wholesale', { taxRate: '10', callDiscountPercent: '7', paymentTermsDays: 45 });
    const period = { customerId: t.customerId, periodStart: '2024-01-01', periodEnd: '2024-01-31' };
    const byDefault = (await t.api('POST', '/api/v1/documents', period)).body;
    expect(byDefault).toMatchObject({ invoicingSchemeId: tenantDefault, taxRate: '21', paymentTermsDays: 30 });
    expect(byDefault.numberSequenceId).toBe(t.sequenceId);
    await t.api('DELETE', `/api/v1/documents/${byDefault.id}`);

    const contractId = await contractOf(t, wholesale);
    const byContract = (await t.api('POST', '/api/v1/documents', period)).body;
    expect(byContract).toMatchObject({
      invoicingSchemeId: wholesale,
      taxRate: '10',
      callDiscountPercent: '7',
      paymentTermsDays: 45,
    });
    await t.api('DELETE', `/api/v1/documents/${byContract.id}`);
    const wrong = await t.api('POST', '/api/v1/documents', { ...period, contractId: 'ctr_nothing' });
    expect([wrong.status, wrong.body.code]).toEqual([422, 'UNKNOWN_CONTRACT']);
    const told = (
      await t.api('POST', '/api/v1/documents', { ...period, contractId, taxRate: '4', paymentTermsDays: 5 })
    ).body;
    expect(told).toMatchObject({
      invoicingSchemeId: wholesale,
      taxRate: '4',
      callDiscountPercent: '7',
      paymentTermsDays: 5,
    });
  });
});
