import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { call, customer, ingest, ok, planFor, usage } from './support.ts';

describe('Which customer a call belongs to when the switch does not know Tollbook ids', () => {
  let env: TestEnv;
  let api: ApiClient;
  let bodega: { id: string };
  let harbour: { id: string };
  const rates = [
    { prefix: '34', pricePerMinute: '0.0100', connectionFee: '0', minimumSeconds: 0, incrementSeconds: 1 },
  ];

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-01-15T10:00:00Z' });
    api = (await env.newTenant({ timezone: 'UTC' })).api;
    // Bodega held the number 34928222222 until 2024-06-01 (exclusive); Harbour has it from then on.
    bodega = await customer(api, {
      name: 'Bodega Martín',
      accountCode: 'BODEGA',
      numbers: [{ number: '+34928222222', validFrom: '2020-01-01', validTo: '2024-06-01' }],
    });
    harbour = await customer(api, {
      name: 'Harbour Dental',
      numbers: [{ number: '34928222222', validFrom: '2024-06-01' }],
    });
    await planFor(api, bodega.id, rates);
    await planFor(api, harbour.id, rates);
  });
  afterAll(() => env.close());

  it('finds the customer by account code', async () => {
    const result = await ingest(api, [
      call({ externalId: 'ac-1', accountCode: 'BODEGA', caller: '34600000000', callee: '34911111111' }),
    ]);
    expect(result).toMatchObject({ accepted: 1, rejected: [] });
    expect((await usage(api, `customerId=${bodega.id}`)).map((r) => r.externalId)).toContain('ac-1');
  });

  it('finds the customer by caller number on the date of the call: a number valid until 2024-06-01 does not map a call on 2024-06-02', async () => {
    const result = await ingest(api, [
      call({ externalId: 'num-may', caller: '34928222222', startedAt: '2024-05-31T23:59:59Z', callee: '34911111111' }),
      call({
        externalId: 'num-june',
        caller: '+34928222222',
        startedAt: '2024-06-02T09:00:00Z',
        callee: '34911111111',
      }),
    ]);
    expect(result).toMatchObject({ accepted: 2, rejected: [] });
    expect((await usage(api, `customerId=${bodega.id}`)).map((r) => r.externalId)).toContain('num-may');
    expect((await usage(api, `customerId=${bodega.id}`)).map((r) => r.externalId)).not.toContain('num-june');
    expect((await usage(api, `customerId=${harbour.id}`)).map((r) => r.externalId)).toEqual(['num-june']);
  });

  it('falls back to the caller number when the account code is unknown', async () => {
    const result = await ingest(api, [
      call({
        externalId: 'ac-unknown',
        accountCode: 'NOPE',
        caller: '34928222222',
        startedAt: '2025-01-10T10:00:00Z',
        callee: '34911111111',
      }),
    ]);
    expect(result.accepted).toBe(1);
    expect((await usage(api, `customerId=${harbour.id}`)).map((r) => r.externalId)).toContain('ac-unknown');
  });

  it('rejects a record that maps to no customer, keeps it, and imports it once the mapping is added', async () => {
    const unmapped = [
      call({
        externalId: 'lost-1',
        caller: '34955555555',
        startedAt: '2025-03-01T10:00:00Z',
        callee: '34911111111',
        durationSeconds: 30,
      }),
      call({
        externalId: 'lost-2',
        accountCode: 'NEWCO',
        caller: '34955555556',
        startedAt: '2025-03-01T11:00:00Z',
        callee: '34911111111',
        durationSeconds: 30,
      }),
    ];
    const result = await ingest(api, unmapped);
    expect(result.accepted).toBe(0);
    expect(result.rejected).toEqual([
      {
        index: 0,
        code: 'CUSTOMER_NOT_MAPPED',
        detail: 'caller number 34955555555 maps to no customer at 2025-03-01T10:00:00Z',
        errors: expect.any(Array),
      },
      {
        index: 1,
        code: 'CUSTOMER_NOT_MAPPED',
        detail: 'neither account code NEWCO nor caller number 34955555556 maps to a customer at 2025-03-01T11:00:00Z',
        errors: expect.any(Array),
      },
    ]);
    const open = await ok(api, 'GET', '/api/v1/usage-rejections?code=CUSTOMER_NOT_MAPPED');
    expect(open.data.map((r: { raw: { externalId: string } }) => r.raw.externalId)).toEqual(['lost-1', 'lost-2']);

    // Nothing changed yet: re-processing keeps both open.
    expect(
      await ok(api, 'POST', '/api/v1/usage-rejections/reprocess', { code: 'CUSTOMER_NOT_MAPPED' }, 200),
    ).toMatchObject({ processed: 2, accepted: 0, stillRejected: 2 });

    const newco = await customer(api, { name: 'NewCo', accountCode: 'NEWCO', numbers: ['34955555555'] });
    await planFor(api, newco.id, rates);
    const again = await ok(api, 'POST', '/api/v1/usage-rejections/reprocess', { code: 'CUSTOMER_NOT_MAPPED' }, 200);
    expect(again).toMatchObject({ processed: 2, accepted: 2, duplicates: 0, stillRejected: 0 });
    const records = await usage(api, `customerId=${newco.id}`);
    expect(records.map((r) => [r.externalId, r.price])).toEqual([
      ['lost-1', '0.005000'],
      ['lost-2', '0.005000'],
    ]);
    expect((await ok(api, 'GET', '/api/v1/usage-rejections?code=CUSTOMER_NOT_MAPPED&status=open')).data).toEqual([]);
    const resolved = (await ok(api, 'GET', '/api/v1/usage-rejections?code=CUSTOMER_NOT_MAPPED&status=resolved')).data;
    expect(resolved.map((r: { resolvedAt: string }) => r.resolvedAt)).toEqual([
      '2026-01-15T10:00:00Z',
      '2026-01-15T10:00:00Z',
    ]);
  });

  it('lets an operator discard a rejection that will never be billed', async () => {
    await ingest(api, [call({ externalId: 'junk', caller: '34999999999', callee: '34911111111' })]);
    const [open] = (await ok(api, 'GET', '/api/v1/usage-rejections?status=open')).data;
    expect((await api('POST', `/api/v1/usage-rejections/${open.id}/discard`)).status).toBe(204);
    expect((await api('POST', `/api/v1/usage-rejections/${open.id}/discard`)).status).toBe(404);
    expect(
      (await ok(api, 'GET', '/api/v1/usage-rejections?status=discarded')).data.map((r: { id: string }) => r.id),
    ).toEqual([open.id]);
  });
});
