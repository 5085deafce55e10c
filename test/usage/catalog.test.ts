import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { loadDemo } from '../../src/app/demo/load-demo.ts';
import { demoUsageStep } from '../../src/app/usage/demo-usage.ts';
import { listUsage, unratedCounts } from '../../src/app/usage/query-usage.ts';
import { listSources } from '../../src/app/usage/source-watermarks.ts';
import { ok } from './support.ts';

const csv = { 'content-type': 'text/csv' };

describe('Destinations and rate plans', () => {
  let env: TestEnv;
  let api: ApiClient;

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-01-15T10:00:00Z' });
    api = (await env.newTenant()).api;
  });
  afterAll(() => env.close());

  it('keeps destinations by prefix, refuses a second one for the same prefix, and audits changes', async () => {
    const created = await ok(api, 'POST', '/api/v1/destinations', { prefix: '+355 67', name: 'Albania mobile' });
    expect(created).toMatchObject({ prefix: '35567', name: 'Albania mobile' });
    const dup = await api('POST', '/api/v1/destinations', { prefix: '35567', name: 'Again' });
    expect([dup.status, dup.body.code]).toEqual([409, 'DESTINATION_EXISTS']);
    const bad = await api('POST', '/api/v1/destinations', { prefix: '35a', name: '' });
    expect(bad.status).toBe(400);
    expect(
      (await ok(api, 'PATCH', `/api/v1/destinations/${created.id}`, { name: 'Albania mobile (Vodafone)' }, 200)).name,
    ).toBe('Albania mobile (Vodafone)');
    const events = await ok(api, 'GET', `/api/v1/audit-events?objectId=${created.id}`, undefined, 200);
    expect(events.data.map((e: { action: string }) => e.action)).toEqual(['created', 'updated']);
  });

  it('imports tens of thousands of destinations from CSV, reporting bad lines and keeping the good ones', async () => {
    const lines = ['Prefix,Destination'];
    for (let i = 0; i < 20_000; i++) lines.push(`${70_000 + i},Zone ${i}`);
    lines.push(
      '35567,Albania mobile',
      'abc,Broken',
      '70000,Duplicate',
      '4420,"The ""quoted"" name"',
      '991,"unterminated',
    );
    const res = await api('POST', '/api/v1/destinations/import', lines.join('\n'), csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 20_001, updated: 1, unchanged: 0 });
    expect(res.body.rejected.map((r: { line: number; code: string }) => [r.line, r.code])).toEqual([
      [20_003, 'INVALID_PREFIX'],
      [20_004, 'DUPLICATE_PREFIX'],
      [20_006, 'CSV_SYNTAX'],
    ]);
    expect((await ok(api, 'GET', '/api/v1/destinations?prefix=4420', undefined, 200)).data[0].name).toBe(
      'The "quoted" name',
    );
    const filtered = await ok(api, 'GET', '/api/v1/destinations?prefix=%2567&limit=5', undefined, 200);
    expect(filtered.data.map((d: { prefix: string }) => d.prefix)).toEqual([
      '35567',
      '70067',
      '70167',
      '70267',
      '70367',
    ]);
    const again = await api('POST', '/api/v1/destinations/import', lines.slice(0, 10).join('\n'), csv);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 9 });
    const missing = await api('POST', '/api/v1/destinations/import', 'code\n123\n', csv);
    expect([missing.status, missing.body.code]).toEqual([400, 'MISSING_COLUMNS']);
  });

  it('validates rates with per-row errors, and keeps amounts exact', async () => {
    const currency = await api('POST', '/api/v1/rate-plans', { name: 'Bad', currency: 'EURO' });
    expect([currency.status, currency.body.errors[0].code]).toEqual([400, 'INVALID_CURRENCY']);
    const bad = await api('POST', '/api/v1/rate-plans', {
      name: 'Bad',
      currency: 'EUR',
      validFrom: '2025-02-30',
      rates: [
        { prefix: '34', pricePerMinute: '0.1' },
        { prefix: '+34', pricePerMinute: '0.2' },
        { prefix: 'x', pricePerMinute: '-1', incrementSeconds: 0 },
        { prefix: '35', pricePerMinute: '0.1234567' },
      ],
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'validFrom:INVALID_DATE',
        'rates[3].pricePerMinute:INVALID_AMOUNT',
        'rates[1].prefix:DUPLICATE_PREFIX',
        'rates[2].prefix:INVALID_PREFIX',
        'rates[2].pricePerMinute:INVALID_AMOUNT',
        'rates[2].incrementSeconds:INVALID_SECONDS',
      ]),
    );
    const float = await api('POST', '/api/v1/rate-plans', {
      name: 'Float',
      currency: 'EUR',
      rates: [{ prefix: '34', pricePerMinute: 0.1 }],
    });
    expect(float.status).toBe(400);
    const plan = await ok(api, 'POST', '/api/v1/rate-plans', {
      name: 'Retail',
      currency: 'EUR',
      validFrom: '2025-01-01',
      rates: [
        { prefix: '35567', pricePerMinute: '0.2000', connectionFee: '0.0150', minimumSeconds: 30, incrementSeconds: 6 },
      ],
    });
    expect(plan).toMatchObject({
      name: 'Retail',
      currency: 'EUR',
      validFrom: '2025-01-01',
      validTo: null,
      rateCount: 1,
    });
    expect(plan.rates).toEqual([
      {
        prefix: '35567',
        pricePerMinute: '0.200000',
        connectionFee: '0.015000',
        minimumSeconds: 30,
        incrementSeconds: 6,
        destination: 'Albania mobile',
      },
    ]);
    const wrongPeriod = await api('PATCH', `/api/v1/rate-plans/${plan.id}`, { validTo: '2024-12-31' });
    expect([wrongPeriod.status, wrongPeriod.body.errors[0].code]).toEqual([400, 'INVALID_PERIOD']);
  });

  it('imports a rate sheet from CSV: names create destinations, bad rows are reported, replace never deletes on a half-read sheet', async () => {
    const plan = await ok(api, 'POST', '/api/v1/rate-plans', {
      name: 'Wholesale',
      currency: 'EUR',
      rates: [{ prefix: '999', pricePerMinute: '1' }],
    });
    const sheet = [
      'prefix,name,price_per_minute,connection_fee,minimum_seconds,increment_seconds',
      '44,United Kingdom,0.0300,0,30,6',
      '447,United Kingdom mobile,0.0600,0,30,6',
      '33,,0.025,,,',
      '49,Germany,0.02.5,0,0,60',
    ].join('\n');
    const res = await api('POST', `/api/v1/rate-plans/${plan.id}/rates/import?replace=true`, sheet, csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 3, updated: 0, deleted: 0, rateCount: 4 });
    expect(res.body.rejected).toEqual([
      { line: 5, code: 'INVALID_AMOUNT', detail: expect.stringContaining('pricePerMinute') },
    ]);
    const rates = await ok(api, 'GET', `/api/v1/rate-plans/${plan.id}/rates?prefix=4%25`, undefined, 200);
    expect(rates.data).toEqual([
      {
        prefix: '44',
        pricePerMinute: '0.030000',
        connectionFee: '0.000000',
        minimumSeconds: 30,
        incrementSeconds: 6,
        destination: 'United Kingdom',
      },
      {
        prefix: '447',
        pricePerMinute: '0.060000',
        connectionFee: '0.000000',
        minimumSeconds: 30,
        incrementSeconds: 6,
        destination: 'United Kingdom mobile',
      },
    ]);
    const clean = await api(
      'POST',
      `/api/v1/rate-plans/${plan.id}/rates/import?replace=true`,
      sheet.split('\n').slice(0, 4).join('\n'),
      csv,
    );
    expect(clean.body).toMatchObject({ created: 0, updated: 0, deleted: 1, rateCount: 3, rejected: [] });
    expect((await api('DELETE', `/api/v1/rate-plans/${plan.id}/rates/33`)).status).toBe(204);
    expect((await api('DELETE', `/api/v1/rate-plans/${plan.id}/rates/33`)).status).toBe(404);
  });
});

describe("The demo operator's usage", () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-01-15T10:00:00Z' });
  });
  afterAll(() => env.close());

  it('loads destinations, a retail plan and last month of calls through ingestion, with a few unrated calls and a watermark', async () => {
    const deps = env.runtime.deps;
    const { tenantId } = await loadDemo(deps, () => {}, [demoUsageStep(deps)]);
    const ctx = { tenantId, actor: { type: 'system' as const, id: 'test' }, role: 'admin' as const };
    const december = { from: '2025-11-30T23:00:00Z', to: '2025-12-31T23:00:00Z' };
    const all = await listUsage(deps, ctx, december, { limit: 500 });
    expect(all.data.length).toBe(500);
    const billable = { direction: 'outbound' as const, external: true };
    const unrated = await unratedCounts(deps, ctx, { ...december, ...billable });
    expect(unrated).toHaveLength(1);
    expect(unrated[0]).toMatchObject({ unrated: 4, reasons: { NO_RATE: 4 } });
    // The switch states no direction: rules and the default classify, and some calls are never billed.
    const internal = await listUsage(
      deps,
      ctx,
      { ...december, direction: 'outbound', external: false },
      { limit: 500 },
    );
    const inbound = await listUsage(deps, ctx, { ...december, direction: 'inbound' }, { limit: 500 });
    expect(internal.data.length).toBeGreaterThan(100);
    expect(internal.data.every((r) => /^\d{4}$/.test(r.callee))).toBe(true);
    expect(inbound.data.length).toBeGreaterThan(100);
    expect(all.data.some((r) => r.callee === '*97')).toBe(false);
    expect(await listSources(deps, ctx)).toEqual([
      { source: 'sw1', watermark: '2025-12-31T23:00:00Z', updatedAt: expect.any(String) },
    ]);
    const rated = await listUsage(deps, ctx, { ...december, rated: true, destination: '35567' }, { limit: 500 });
    expect(rated.data.length).toBeGreaterThan(50);
    expect(rated.data.every((r) => r.destinationName === 'Albania mobile' && /^\d+\.\d{6}$/.test(r.price!))).toBe(true);
  });
});
