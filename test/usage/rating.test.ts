import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { call, customer, ingest, ok, planFor, usage } from './support.ts';

const rate = (
  prefix: string,
  pricePerMinute: string,
  minimumSeconds: number,
  incrementSeconds: number,
  connectionFee = '0',
) => ({ prefix, pricePerMinute, connectionFee, minimumSeconds, incrementSeconds });

describe('Rating calls through the API', () => {
  let env: TestEnv;
  let api: ApiClient;
  let acme: { id: string };
  const priceOf = async (externalId: string) =>
    (await usage(api, `customerId=${acme.id}&limit=500`)).find((r) => r.externalId === externalId);

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-01-15T10:00:00Z' });
    api = (await env.newTenant({ timezone: 'Europe/Madrid' })).api;
    acme = await customer(api, { name: 'Acme SL' });
    await ok(api, 'POST', '/api/v1/destinations', { prefix: '35567', name: 'Albania mobile' });
    await ok(api, 'POST', '/api/v1/destinations', { prefix: '355', name: 'Albania' });
    await ok(api, 'POST', '/api/v1/destinations', { prefix: '44', name: 'United Kingdom' });
    await planFor(api, acme.id, [
      rate('35567', '0.2000', 0, 60),
      rate('355', '0.1500', 60, 60),
      rate('44', '0.0300', 30, 6),
      rate('33', '0.0250', 1, 1),
      rate('212', '0.2500', 60, 60, '0.0500'),
      rate('999', '0.0001', 1, 1),
      rate('34956', '0.0100', 0, 60),
      rate('3477', '0.0400', 0, 60),
    ]);
    const calls: Array<[string, string, number]> = [
      ['a-60-61', '355671234567', 61],
      ['a-60-60', '355671234567', 60],
      ['a-60-1', '355671234567', 1],
      ['al-min', '355421234567', 5],
      ['uk-5', '4420712345678', 5],
      ['uk-31', '4420712345678', 31],
      ['fr-61', '33142685300', 61],
      ['ma-61', '212522123456', 61],
      ['ma-0', '212522123456', 0],
      ['tiny-7', '99912345', 7],
      ['es-fix', '34956123456', 100],
      ['es-mob', '34770123456', 10],
      ['sat', '881631000001', 120],
    ];
    const result = await ingest(
      api,
      calls.map(([externalId, callee, durationSeconds]) =>
        call({ externalId, customerId: acme.id, callee, durationSeconds, startedAt: '2025-10-05T10:00:00Z' }),
      ),
    );
    expect(result).toMatchObject({ accepted: calls.length, rejected: [] });
  });
  afterAll(() => env.close());

  it('bills 60/60 by the started minute', async () => {
    expect(await priceOf('a-60-61')).toMatchObject({
      price: '0.400000',
      billableSeconds: 120,
      destination: 'Albania mobile',
      destinationPrefix: '35567',
      rated: true,
      currency: 'EUR',
    });
    expect((await priceOf('a-60-60'))?.price).toBe('0.200000');
    expect((await priceOf('a-60-1'))?.price).toBe('0.200000');
  });

  it('takes the longest matching prefix (355 for Albania fixed, 35567 for mobile) and applies its minimum', async () => {
    expect(await priceOf('al-min')).toMatchObject({
      destinationPrefix: '355',
      destination: 'Albania',
      billableSeconds: 60,
      price: '0.150000',
    });
  });

  it('bills 30/6: a 30-second minimum, then 6-second steps', async () => {
    expect(await priceOf('uk-5')).toMatchObject({ billableSeconds: 30, price: '0.015000' });
    expect(await priceOf('uk-31')).toMatchObject({ billableSeconds: 36, price: '0.018000' });
  });

  it('bills 1/1 per second, rounding once, half up, to six decimals', async () => {
    // 61 s at 0.025/min = 0.0254166… → 0.025417; 7 s at 0.0001/min = 0.00001166… → 0.000012.
    expect(await priceOf('fr-61')).toMatchObject({ billableSeconds: 61, price: '0.025417', destination: null });
    expect(await priceOf('tiny-7')).toMatchObject({ billableSeconds: 7, price: '0.000012' });
  });

  it('adds the connection fee to answered calls only', async () => {
    expect(await priceOf('ma-61')).toMatchObject({ billableSeconds: 120, price: '0.550000' });
    expect(await priceOf('ma-0')).toMatchObject({ billableSeconds: 0, price: '0.000000', rated: true });
  });

  it('leaves a call to a destination the plan does not price unrated, with the reason, listed and counted per customer', async () => {
    const unrated = await usage(api, `customerId=${acme.id}&rated=false`);
    expect(unrated.map((r) => [r.externalId, r.rated, r.price, r.unratedReason])).toEqual([
      ['sat', false, null, 'NO_RATE'],
    ]);
    const counts = await ok(
      api,
      'GET',
      '/api/v1/usage-records/unrated?from=2025-10-01T00:00:00Z&to=2025-11-01T00:00:00Z',
    );
    expect(counts.data).toEqual([
      { customerId: acme.id, customerName: 'Acme SL', unrated: 1, reasons: { NO_RATE: 1 } },
    ]);
    const other = await ok(
      api,
      'GET',
      '/api/v1/usage-records/unrated?from=2025-11-01T00:00:00Z&to=2025-12-01T00:00:00Z',
    );
    expect(other.data).toEqual([]);
  });

  it('filters by destination prefix with % wildcards: 35%, %67, 3%7, %56%', async () => {
    const prefixes = async (pattern: string) =>
      [
        ...new Set(
          (await usage(api, `customerId=${acme.id}&destination=${encodeURIComponent(pattern)}&limit=500`)).map(
            (r) => r.destinationPrefix,
          ),
        ),
      ].sort();
    expect(await prefixes('35%')).toEqual(['355', '35567']);
    expect(await prefixes('%67')).toEqual(['35567']);
    expect(await prefixes('3%7')).toEqual(['3477', '35567']);
    expect(await prefixes('%56%')).toEqual(['34956', '35567']);
    expect(await prefixes('44')).toEqual(['44']);
    expect((await api('GET', '/api/v1/usage-records?destination=35_')).status).toBe(400);
  });

  it('totals calls, seconds and amount per destination, exactly', async () => {
    const totals = await ok(
      api,
      'GET',
      `/api/v1/usage-records/totals?customerId=${acme.id}&from=2025-10-01T00:00:00Z&to=2025-11-01T00:00:00Z`,
    );
    const albaniaMobile = totals.data.find((t: { prefix: string }) => t.prefix === '35567');
    expect(albaniaMobile).toEqual({
      prefix: '35567',
      destination: 'Albania mobile',
      currency: 'EUR',
      calls: 3,
      unratedCalls: 0,
      durationSeconds: 122,
      billableSeconds: 240,
      amount: '0.800000',
    });
    const unrated = totals.data.find((t: { prefix: string | null }) => t.prefix === null);
    expect(unrated).toMatchObject({ calls: 1, unratedCalls: 1, amount: '0.000000', currency: null });
    // 0.4+0.2+0.2 + 0.15 + 0.015+0.018 + 0.025417 + 0.55+0 + 0.000012 + 0.02 + 0.04
    expect(totals.totals.find((t: { currency: string | null }) => t.currency === 'EUR')).toMatchObject({
      calls: 12,
      amount: '1.618429',
    });
  });

  it('pages through usage in start-time order with an opaque cursor', async () => {
    const first = await ok(api, 'GET', `/api/v1/usage-records?customerId=${acme.id}&limit=5`);
    expect(first.data).toHaveLength(5);
    expect(typeof first.data[0].id).toBe('string');
    const second = await ok(
      api,
      'GET',
      `/api/v1/usage-records?customerId=${acme.id}&limit=50&cursor=${first.nextCursor}`,
    );
    expect(second.data).toHaveLength(8);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.data, ...second.data].map((r: { id: string }) => r.id)).size).toBe(13);
    expect(await ok(api, 'GET', `/api/v1/usage-records/${first.data[0].id}`)).toEqual(first.data[0]);
    expect((await api('GET', '/api/v1/usage-records/999999999')).status).toBe(404);
  });
});

describe('Which rate plan applies on the date of a call', () => {
  let env: TestEnv;
  let api: ApiClient;

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-01-15T10:00:00Z' });
    api = (await env.newTenant({ timezone: 'Europe/Madrid' })).api;
  });
  afterAll(() => env.close());

  it('uses the plan valid at the start of the call, with day boundaries in the tenant zone', async () => {
    const c = await customer(api);
    const first = await ok(api, 'POST', '/api/v1/rate-plans', {
      name: 'H1',
      currency: 'EUR',
      validFrom: '2025-01-01',
      validTo: '2025-07-01',
      rates: [rate('34', '0.0600', 0, 60)],
    });
    const second = await ok(api, 'POST', '/api/v1/rate-plans', {
      name: 'H2',
      currency: 'EUR',
      validFrom: '2025-07-01',
      rates: [rate('34', '0.1200', 0, 60)],
    });
    for (const plan of [first, second])
      await ok(api, 'POST', '/api/v1/rate-plan-assignments', {
        customerId: c.id,
        ratePlanId: plan.id,
        validFrom: '2020-01-01',
      });
    await ingest(api, [
      call({
        externalId: 'june-last-second',
        customerId: c.id,
        callee: '34911111111',
        durationSeconds: 60,
        startedAt: '2025-06-30T21:59:59Z',
      }),
      call({
        externalId: 'july-first-minute',
        customerId: c.id,
        callee: '34911111111',
        durationSeconds: 60,
        startedAt: '2025-06-30T22:00:00Z',
      }),
      call({
        externalId: 'before-any',
        customerId: c.id,
        callee: '34911111111',
        durationSeconds: 60,
        startedAt: '2024-12-31T22:59:59Z',
      }),
    ]);
    const rows = await usage(api, `customerId=${c.id}`);
    expect(rows.map((r) => [r.externalId, r.price, r.ratePlanId, r.unratedReason])).toEqual([
      ['before-any', null, null, 'NO_RATE_PLAN'],
      ['june-last-second', '0.060000', first.id, null],
      ['july-first-minute', '0.120000', second.id, null],
    ]);
  });

  it('rates with an assignment only inside its validity', async () => {
    const c = await customer(api);
    const plan = await ok(api, 'POST', '/api/v1/rate-plans', {
      name: 'March only',
      currency: 'EUR',
      rates: [rate('34', '0.0600', 0, 60)],
    });
    await ok(api, 'POST', '/api/v1/rate-plan-assignments', {
      customerId: c.id,
      ratePlanId: plan.id,
      validFrom: '2025-03-01',
      validTo: '2025-04-01',
    });
    await ingest(api, [
      call({ externalId: 'in', customerId: c.id, callee: '34911111111', startedAt: '2025-03-15T10:00:00Z' }),
      call({ externalId: 'after', customerId: c.id, callee: '34911111111', startedAt: '2025-04-02T10:00:00Z' }),
    ]);
    const rows = await usage(api, `customerId=${c.id}`);
    expect(rows.map((r) => [r.externalId, r.rated, r.unratedReason])).toEqual([
      ['in', true, null],
      ['after', false, 'NO_RATE_PLAN'],
    ]);
  });

  it('refuses a plan in another currency than the customer is billed in', async () => {
    const c = await customer(api, { currency: 'EUR' });
    const usd = await ok(api, 'POST', '/api/v1/rate-plans', {
      name: 'USD',
      currency: 'USD',
      rates: [rate('1', '0.0100', 0, 60)],
    });
    const res = await api('POST', '/api/v1/rate-plan-assignments', {
      customerId: c.id,
      ratePlanId: usd.id,
      validFrom: '2025-01-01',
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('CURRENCY_MISMATCH');
  });
});
