import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { lateSources } from '../../src/app/usage/source-watermarks.ts';
import { call, changeRates, customer, documentRow, documentWith, ingest, ok, planFor, usage } from './support.ts';

describe('Re-rating usage after a rate change', () => {
  let env: TestEnv;
  let api: ApiClient;
  let tenantId: string;

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-01-15T10:00:00Z' });
    ({ api, tenantId } = await env.newTenant({ timezone: 'UTC' }));
  });
  afterAll(() => env.close());

  const october = { from: '2025-10-01T00:00:00Z', to: '2025-11-01T00:00:00Z' };

  async function customerWithCalls() {
    const c = await customer(api);
    const plan = await planFor(api, c.id, [
      { prefix: '35567', pricePerMinute: '0.2000', connectionFee: '0', minimumSeconds: 0, incrementSeconds: 60 },
      { prefix: '44', pricePerMinute: '0.0300', connectionFee: '0', minimumSeconds: 0, incrementSeconds: 60 },
    ]);
    await ingest(api, [
      call({
        externalId: `${c.id}-al`,
        customerId: c.id,
        callee: '355671234567',
        durationSeconds: 60,
        startedAt: '2025-10-05T10:00:00Z',
      }),
      call({
        externalId: `${c.id}-uk`,
        customerId: c.id,
        callee: '4420712345678',
        durationSeconds: 60,
        startedAt: '2025-10-06T10:00:00Z',
      }),
      call({
        externalId: `${c.id}-fr`,
        customerId: c.id,
        callee: '33142685300',
        durationSeconds: 60,
        startedAt: '2025-10-07T10:00:00Z',
      }),
      call({
        externalId: `${c.id}-pre`,
        customerId: c.id,
        callee: '355671234567',
        durationSeconds: 60,
        startedAt: '2025-10-08T10:00:00Z',
        price: '9.99',
      }),
      call({
        externalId: `${c.id}-nov`,
        customerId: c.id,
        callee: '355671234567',
        durationSeconds: 60,
        startedAt: '2025-11-02T10:00:00Z',
      }),
    ]);
    const records = Object.fromEntries(
      (await usage(api, `customerId=${c.id}`)).map((r) => [r.externalId.split('-').pop(), r]),
    );
    return { c, plan, records };
  }

  it('re-prices the selection with the current rates, leaves pre-rated records and other periods alone, and rates what had no rate', async () => {
    const { c, plan, records } = await customerWithCalls();
    expect(records.fr.rated).toBe(false);
    await changeRates(api, plan.id, [
      { prefix: '35567', pricePerMinute: '0.2500', minimumSeconds: 0, incrementSeconds: 60 },
      { prefix: '33', pricePerMinute: '0.0120', incrementSeconds: 1 },
    ]);
    // New calls use the new rate at once; stored calls keep theirs until re-rated.
    expect((await usage(api, `customerId=${c.id}&destination=35567`)).map((r) => r.price)).toEqual([
      '0.200000',
      '9.990000',
      '0.200000',
    ]);
    const result = await ok(api, 'POST', '/api/v1/usage-records/rerate', { customerId: c.id, ...october }, 200);
    expect(result).toEqual({
      selected: 3,
      changed: 2,
      rated: 3,
      unrated: 0,
      documentsNeedingRegeneration: [],
      creditNotes: [],
      releasedRecordIds: [],
    });
    const after = Object.fromEntries(
      (await usage(api, `customerId=${c.id}`)).map((r) => [r.externalId.split('-').pop(), r.price]),
    );
    expect(after).toEqual({ al: '0.250000', uk: '0.030000', fr: '0.012000', pre: '9.990000', nov: '0.200000' });
  });

  it('re-rates one destination pattern only', async () => {
    const { c, plan } = await customerWithCalls();
    await changeRates(api, plan.id, [
      { prefix: '35567', pricePerMinute: '0.3000', incrementSeconds: 60 },
      { prefix: '44', pricePerMinute: '0.0600', incrementSeconds: 60 },
    ]);
    const result = await ok(
      api,
      'POST',
      '/api/v1/usage-records/rerate',
      { customerId: c.id, ...october, destination: '44' },
      200,
    );
    expect(result).toMatchObject({ selected: 1, changed: 1 });
    const prices = Object.fromEntries(
      (await usage(api, `customerId=${c.id}`)).map((r) => [r.externalId.split('-').pop(), r.price]),
    );
    expect(prices).toMatchObject({ al: '0.200000', uk: '0.060000' });
  });

  it('refuses to re-rate records on an issued document, naming the documents, and changes nothing', async () => {
    const { c, plan, records } = await customerWithCalls();
    const issued = await documentWith(env, tenantId, c.id, 'issued', [records.al.id]);
    await changeRates(api, plan.id, [{ prefix: '35567', pricePerMinute: '0.5000', incrementSeconds: 60 }]);
    const res = await api('POST', '/api/v1/usage-records/rerate', { customerId: c.id, ...october });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'RERATE_ISSUED_DOCUMENTS', documentIds: [issued] });
    expect(res.body.detail).toContain(issued);
    expect((await usage(api, `customerId=${c.id}&destination=35567`)).map((r) => r.price)).toEqual([
      '0.200000',
      '9.990000',
      '0.200000',
    ]);
    // A selection that avoids the issued records is fine.
    expect(
      (await api('POST', '/api/v1/usage-records/rerate', { customerId: c.id, ...october, destination: '44' })).status,
    ).toBe(200);
  });

  it('marks a draft holding changed records as needing regeneration', async () => {
    const { c, plan, records } = await customerWithCalls();
    const draft = await documentWith(env, tenantId, c.id, 'draft', [records.al.id, records.uk.id]);
    const untouched = await documentWith(env, tenantId, c.id, 'draft', [records.nov.id]);
    await changeRates(api, plan.id, [{ prefix: '35567', pricePerMinute: '0.4000', incrementSeconds: 60 }]);
    const result = await ok(api, 'POST', '/api/v1/usage-records/rerate', { customerId: c.id, ...october }, 200);
    expect(result.documentsNeedingRegeneration).toEqual([draft]);
    expect(await documentRow(env, draft)).toEqual({
      status: 'draft',
      render_status: null,
      needs_regeneration: true,
      revision: 4,
    });
    expect(await documentRow(env, untouched)).toMatchObject({ needs_regeneration: false, revision: 3 });
  });

  it('with issuedDocuments credit, drafts are still marked for regeneration and an issued document without a usage line for the call is refused', async () => {
    const { c, plan, records } = await customerWithCalls();
    const draft = await documentWith(env, tenantId, c.id, 'draft', [records.uk.id]);
    const issued = await documentWith(env, tenantId, c.id, 'issued', [records.al.id]);
    await changeRates(api, plan.id, [
      { prefix: '35567', pricePerMinute: '0.4000', incrementSeconds: 60 },
      { prefix: '44', pricePerMinute: '0.0900', incrementSeconds: 60 },
    ]);
    const credit = { customerId: c.id, ...october, issuedDocuments: 'credit' };
    const refused = await api('POST', '/api/v1/usage-records/rerate', credit);
    expect([refused.status, refused.body.code, refused.body.documentIds]).toEqual([
      409,
      'RERATE_LINE_NOT_FOUND',
      [issued],
    ]);
    const result = await ok(api, 'POST', '/api/v1/usage-records/rerate', { ...credit, destination: '44' }, 200);
    expect(result).toMatchObject({
      changed: 1,
      documentsNeedingRegeneration: [draft],
      creditNotes: [],
      releasedRecordIds: [],
    });
    expect(await documentRow(env, draft)).toMatchObject({ needs_regeneration: true });
  });

  it('checks its request: unknown customer 404, bad period 400', async () => {
    expect((await api('POST', '/api/v1/usage-records/rerate', { customerId: 'cus_nope', ...october })).status).toBe(
      404,
    );
    const bad = await api('POST', '/api/v1/usage-records/rerate', {
      customerId: 'cus_nope',
      from: october.to,
      to: october.from,
    });
    expect([bad.status, bad.body.errors[0].code]).toEqual([400, 'INVALID_PERIOD']);
  });
});

describe('Ingestion watermarks per source', () => {
  let env: TestEnv;
  let api: ApiClient;
  let tenantId: string;

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-01-15T10:00:00Z' });
    ({ api, tenantId } = await env.newTenant());
  });
  afterAll(() => env.close());

  it('lets a source declare what it has delivered; invoicing can ask which sources are behind a period end', async () => {
    const c = await customer(api);
    await ingest(api, [call({ source: 'sw2', customerId: c.id }), call({ source: 'sw3', customerId: c.id })]);
    const set = await ok(
      api,
      'PUT',
      '/api/v1/usage-sources/sw1/watermark',
      { watermark: '2025-11-01T00:00:00+01:00' },
      200,
    );
    expect(set).toMatchObject({ source: 'sw1', watermark: '2025-10-31T23:00:00Z' });
    await ok(api, 'PUT', '/api/v1/usage-sources/sw2/watermark', { watermark: '2025-12-01T00:00:00Z' }, 200);
    const sources = await ok(api, 'GET', '/api/v1/usage-sources');
    expect(sources.data.map((s: { source: string; watermark: string | null }) => [s.source, s.watermark])).toEqual([
      ['sw1', '2025-10-31T23:00:00Z'],
      ['sw2', '2025-12-01T00:00:00Z'],
      ['sw3', null],
    ]);
    // October (ends 2025-11-01 00:00 UTC): sw1 has only delivered up to 23:00 the day before; sw3 keeps no watermark.
    expect(await lateSources(env.runtime.deps, tenantId, '2025-11-01T00:00:00Z')).toEqual([
      { source: 'sw1', watermark: '2025-10-31T23:00:00Z' },
    ]);
    expect(await lateSources(env.runtime.deps, tenantId, '2025-10-31T23:00:00Z')).toEqual([]);
    expect(await lateSources(env.runtime.deps, tenantId, '2026-01-01T00:00:00Z')).toEqual([
      { source: 'sw1', watermark: '2025-10-31T23:00:00Z' },
      { source: 'sw2', watermark: '2025-12-01T00:00:00Z' },
    ]);
    const events = await ok(api, 'GET', '/api/v1/audit-events?objectId=sw1');
    expect(events.data.map((e: { action: string }) => e.action)).toEqual(['watermark_set']);
  });

  it('refuses a watermark in the future or that is not an instant', async () => {
    const future = await api('PUT', '/api/v1/usage-sources/sw1/watermark', { watermark: '2026-02-01T00:00:00Z' });
    expect([future.status, future.body.code]).toEqual([422, 'FUTURE_WATERMARK']);
    const local = await api('PUT', '/api/v1/usage-sources/sw1/watermark', { watermark: '2025-11-01 00:00' });
    expect([local.status, local.body.errors[0].code]).toEqual([400, 'INVALID_TIMESTAMP']);
  });
});
