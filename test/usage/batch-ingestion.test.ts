import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { call, customer, ingest, ok, planFor, usage } from './support.ts';

describe('Usage records sent as JSON batches', () => {
  let env: TestEnv;
  let api: ApiClient;
  let acme: { id: string };

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-01-15T10:00:00Z' });
    api = (await env.newTenant()).api;
    acme = await customer(api, { name: 'Acme SL', accountCode: 'ACME' });
    await planFor(api, acme.id, [
      { prefix: '35567', pricePerMinute: '0.2000', connectionFee: '0.0000', minimumSeconds: 0, incrementSeconds: 60 },
    ]);
  });
  afterAll(() => env.close());

  it('keeps the good records of a batch and answers each bad one with its index, code and detail', async () => {
    const batch = [
      call({ externalId: 'b1-0', customerId: acme.id }),
      call({ externalId: 'b1-1', customerId: acme.id, durationSeconds: -5 }),
      call({ externalId: 'b1-2', customerId: 'cus_nobody' }),
      call({ externalId: 'b1-3', customerId: acme.id, callee: '35567-ABC' }),
      call({ externalId: 'b1-4', customerId: acme.id, startedAt: '2026-02-01T00:00:00Z' }),
      call({ externalId: 'b1-5', customerId: acme.id, price: '0.10', currency: 'EURO' }),
      call({ externalId: 'b1-6', customerId: acme.id, price: '0.10', currency: 'USD' }),
      call({ externalId: 'b1-7', customerId: acme.id, startedAt: '2025-10-05 10:00:00' }),
      'not an object',
      call({ externalId: 'b1-9', customerId: acme.id, colour: 'red' }),
      call({ externalId: 'b1-10', customerId: acme.id, durationSeconds: 125 }),
    ];
    const result = await ingest(api, batch);
    expect(result.accepted).toBe(2);
    expect(result.duplicates).toBe(0);
    expect(result.rejected.map((r) => [r.index, r.code])).toEqual([
      [1, 'NEGATIVE_DURATION'],
      [2, 'UNKNOWN_CUSTOMER'],
      [3, 'MALFORMED_NUMBER'],
      [4, 'FUTURE_TIMESTAMP'],
      [5, 'INVALID_CURRENCY'],
      [6, 'CURRENCY_MISMATCH'],
      [7, 'INVALID_TIMESTAMP'],
      [8, 'INVALID_TYPE'],
      [9, 'UNKNOWN_FIELD'],
    ]);
    expect(result.rejected[0].detail).toContain('durationSeconds');
    expect(result.rejected[1].detail).toContain('cus_nobody');
    const stored = await usage(api, `customerId=${acme.id}`);
    expect(stored.map((r) => [r.externalId, r.price, r.rated])).toEqual([
      ['b1-0', '0.400000', true],
      ['b1-10', '0.600000', true],
    ]);
  });

  it('keeps every rejected row for inspection', async () => {
    const open = await ok(api, 'GET', '/api/v1/usage-rejections?status=open&limit=100');
    const codes = open.data.map((r: { code: string }) => r.code);
    expect(codes).toEqual(
      expect.arrayContaining(['NEGATIVE_DURATION', 'UNKNOWN_CUSTOMER', 'MALFORMED_NUMBER', 'INVALID_TYPE']),
    );
    const negative = open.data.find((r: { code: string }) => r.code === 'NEGATIVE_DURATION');
    expect(negative).toMatchObject({
      importId: null,
      source: 'sw1',
      line: 1,
      status: 'open',
      raw: expect.objectContaining({ externalId: 'b1-1', durationSeconds: -5 }),
    });
  });

  it('counts a re-sent batch as duplicates and stores nothing twice', async () => {
    const batch = [
      call({ externalId: 'dup-1', customerId: acme.id }),
      call({ externalId: 'dup-2', accountCode: 'ACME' }),
    ];
    expect(await ingest(api, batch)).toMatchObject({ accepted: 2, duplicates: 0, rejected: [] });
    expect(await ingest(api, batch)).toMatchObject({ accepted: 0, duplicates: 2, rejected: [] });
    // The same external id from another source is another call.
    expect(await ingest(api, [{ ...batch[0], source: 'sw2' }])).toMatchObject({ accepted: 1, duplicates: 0 });
    const stored = await usage(api, `customerId=${acme.id}&limit=500`);
    expect(
      stored
        .filter((r) => r.externalId === 'dup-1')
        .map((r) => r.source)
        .sort(),
    ).toEqual(['sw1', 'sw2']);
    const open = await ok(api, 'GET', '/api/v1/usage-rejections?status=open&limit=500');
    const before = open.data.length;
    await ingest(api, [call({ externalId: 'bad-again', customerId: acme.id, durationSeconds: -1 })]);
    await ingest(api, [call({ externalId: 'bad-again', customerId: acme.id, durationSeconds: -1 })]);
    expect((await ok(api, 'GET', '/api/v1/usage-rejections?status=open&limit=500')).data.length).toBe(before + 1);
  });

  it('accepts records rated upstream as they are, flagged pre-rated', async () => {
    const result = await ingest(api, [
      call({ externalId: 'pre-1', customerId: acme.id, price: '0.123456', currency: 'EUR', callee: '4420712345678' }),
    ]);
    expect(result.accepted).toBe(1);
    const [record] = (await usage(api, `customerId=${acme.id}&limit=500`)).filter((r) => r.externalId === 'pre-1');
    expect(record).toMatchObject({ price: '0.123456', currency: 'EUR', rated: true, preRated: true, ratePlanId: null });
  });

  it('refuses an empty or oversized batch as a whole with 400', async () => {
    expect((await api('POST', '/api/v1/usage-records', { records: [] })).status).toBe(400);
    expect(
      (await api('POST', '/api/v1/usage-records', { records: Array.from({ length: 10_001 }, () => ({})) })).status,
    ).toBe(400);
    expect((await api('POST', '/api/v1/usage-records', { records: 'x' })).status).toBe(400);
  });

  it('survives NUL characters and other junk per row, without a 500', async () => {
    const result = await ingest(api, [
      call({ externalId: 'nul\u0000id', customerId: acme.id }),
      call({ externalId: { a: 1 }, customerId: acme.id }),
      call({ customerId: acme.id, durationSeconds: 1.5 }),
      call({ customerId: acme.id, durationSeconds: 3_000_000_000 }),
      call({ customerId: acme.id, startedAt: '-000001-01-01T00:00:00Z' }),
      call({ externalId: 'lone-\ud800', customerId: acme.id, callee: 'x\udc00' }),
    ]);
    expect(result.accepted).toBe(0);
    expect(result.rejected.map((r) => r.code)).toEqual([
      'INVALID_ENCODING',
      'INVALID_TYPE',
      'NOT_AN_INTEGER',
      'DURATION_TOO_LONG',
      'INVALID_TIMESTAMP',
      'MALFORMED_NUMBER',
    ]);
    const bad = await api('GET', '/api/v1/usage-records?from=%2B010000-01-01T00:00:00Z');
    expect([bad.status, bad.body.errors[0].code]).toEqual([400, 'INVALID_TIMESTAMP']);
    expect((await api('GET', '/api/v1/usage-records?cursor=bm9wZQ')).status).toBe(400);
    expect((await api('GET', '/api/v1/usage-rejections?cursor=AAAA')).status).toBe(400);
  });
});
