import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';

// Integrators find documents the way an accountant asks for them (issued in March, for the second
// quarter, unpaid, number CT-0002) and keep their own references on customers and documents.

let env: TestEnv;
let api: ApiClient;
let customerId: string;
const ids: Record<string, string> = {};

const listIds = async (query: string) => {
  const res = await api('GET', `/api/v1/documents?${query}`);
  expect(res.status, res.raw).toBe(200);
  return (res.body.data as Array<{ id: string }>).map((d) => d.id).sort();
};

beforeAll(async () => {
  env = await startTestEnv({ clock: '2026-03-10T10:00:00Z' });
  const t = await invoicingTenant(env, { prefix: 'FLT' });
  ({ api, customerId } = t);
  const base = { customerId, numberSequenceId: t.sequenceId };
  // January issued on 2026-03-10, February issued on 2026-03-20, March left a draft.
  ids.january = (
    await makeInvoice(env, api, { ...base, periodStart: '2026-01-01', periodEnd: '2026-01-31' }, { issue: true })
  ).id;
  env.clock.set('2026-03-20T10:00:00Z');
  ids.february = (
    await makeInvoice(env, api, { ...base, periodStart: '2026-02-01', periodEnd: '2026-02-28' }, { issue: true })
  ).id;
  env.clock.set('2026-04-02T10:00:00Z');
  ids.march = (
    await makeInvoice(env, api, {
      ...base,
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      metadata: { orderRef: 'PO-77', crmId: 'C-1' },
    })
  ).id;
}, 180_000);

afterAll(async () => {
  await env?.close();
});

describe('documents list filters', () => {
  it('selects by issue date range, inclusive at both ends', async () => {
    expect(await listIds('issueDateFrom=2026-03-10&issueDateTo=2026-03-10')).toEqual([ids.january]);
    expect(await listIds('issueDateFrom=2026-03-11')).toEqual([ids.february]);
    expect(await listIds('issueDateTo=2026-03-31')).toEqual([ids.january, ids.february].sort());
  });

  it('selects documents whose whole period lies inside periodStart..periodEnd', async () => {
    expect(await listIds('periodStart=2026-02-01')).toEqual([ids.february, ids.march].sort());
    expect(await listIds('periodEnd=2026-02-28')).toEqual([ids.january, ids.february].sort());
    expect(await listIds('periodStart=2026-01-15&periodEnd=2026-03-15')).toEqual([ids.february]);
  });

  it('selects by payment status and by exact number', async () => {
    expect(await listIds('paymentStatus=unpaid')).toEqual([ids.january, ids.february].sort());
    expect(await listIds('paymentStatus=paid')).toEqual([]);
    expect(await listIds('number=FLT0002')).toEqual([ids.february]);
    expect(await listIds('number=FLT0002&status=draft')).toEqual([]);
  });

  it('refuses a malformed filter with the field named', async () => {
    const res = await api('GET', '/api/v1/documents?issueDateFrom=2026-13-01&paymentStatus=late');
    expect(res.status).toBe(400);
    const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field.replace(/^[a-z]+\./, ''));
    expect(fields.sort()).toEqual(['issueDateFrom', 'paymentStatus']);
  });
});

describe('metadata', () => {
  it('keeps string key/values on documents and customers and returns them', async () => {
    expect((await api('GET', `/api/v1/documents/${ids.march}`)).body.metadata).toEqual({
      orderRef: 'PO-77',
      crmId: 'C-1',
    });
    expect((await api('GET', `/api/v1/documents/${ids.january}`)).body.metadata).toEqual({});
    const changed = await api('PATCH', `/api/v1/documents/${ids.march}`, { metadata: { orderRef: 'PO-78' } });
    expect(changed.status, changed.raw).toBe(200);
    expect(changed.body.metadata).toEqual({ orderRef: 'PO-78' });

    const created = await api('POST', '/api/v1/customers', { name: 'Meta SL', metadata: { crmId: 'C-9' } });
    expect(created.status, created.raw).toBe(201);
    expect(created.body.metadata).toEqual({ crmId: 'C-9' });
    const patched = await api('PATCH', `/api/v1/customers/${created.body.id}`, { metadata: { segment: 'smb' } });
    expect(patched.body.metadata).toEqual({ segment: 'smb' });
    expect((await api('GET', `/api/v1/customers/${created.body.id}`)).body.metadata).toEqual({ segment: 'smb' });
  });

  it('refuses metadata beyond 50 keys, 40-character keys or 500-character values with 400 and the field', async () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    const tooMany = await api('POST', '/api/v1/customers', { name: 'X', metadata: many });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0]).toMatchObject({ field: 'metadata', code: 'TOO_MANY_KEYS' });

    const longValue = await api('POST', '/api/v1/customers', { name: 'X', metadata: { note: 'x'.repeat(501) } });
    expect(longValue.status).toBe(400);
    expect(longValue.body.errors[0]).toMatchObject({ field: 'metadata.note', code: 'OUT_OF_RANGE' });

    const longKey = await api('PATCH', `/api/v1/documents/${ids.march}`, { metadata: { ['k'.repeat(41)]: 'v' } });
    expect(longKey.status).toBe(400);
    expect(longKey.body.errors[0].field).toMatch(/^metadata/);

    const notString = await api('POST', '/api/v1/customers', { name: 'X', metadata: { n: 1 } });
    expect(notString.status).toBe(400);
    expect(notString.body.errors[0]).toMatchObject({ field: 'metadata.n', code: 'INVALID_TYPE' });
  });
});
