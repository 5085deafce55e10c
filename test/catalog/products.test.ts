import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { fieldCodes, ok, sipTrunk } from './support.ts';

describe('The product catalog', () => {
  let env: TestEnv;
  let api: ApiClient;

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2024-02-01T09:00:00Z' });
    api = (await env.newTenant()).api;
  });
  afterAll(() => env.close());

  it('keeps a SIP trunk with its names in English, Russian and Spanish, and audits every change', async () => {
    const trunk = await ok(api, 'POST', '/api/v1/products', sipTrunk);
    expect(trunk).toMatchObject({
      code: 'SIP10',
      names: { en: 'SIP trunk', ru: 'SIP-транк', es: 'Troncal SIP' },
      kind: 'recurring',
      period: 'month',
      unit: 'month',
      priceModel: 'flat',
      price: '30.00',
      taxRate: '21',
      allowOverlap: false,
    });
    const renamed = await ok(api, 'PATCH', `/api/v1/products/${trunk.id}`, { name: 'SIP trunk 10 channels' }, 200);
    expect(renamed).toMatchObject({ name: 'SIP trunk 10 channels', price: '30.00' });
    const repriced = await ok(api, 'PATCH', `/api/v1/products/${trunk.id}`, { price: '32.50' }, 200);
    expect(repriced).toMatchObject({ priceModel: 'flat', price: '32.50' });
    const events = await ok(api, 'GET', `/api/v1/audit-events?objectId=${trunk.id}`);
    expect(events.data.map((e: { action: string }) => e.action)).toEqual(['created', 'updated', 'updated']);
    await ok(api, 'DELETE', `/api/v1/products/${trunk.id}`, undefined, 204);
    expect((await api('GET', `/api/v1/products/${trunk.id}`)).status).toBe(404);
  });

  it('refuses a second product with the same code, but another operator may use it', async () => {
    await ok(api, 'POST', '/api/v1/products', { ...sipTrunk, code: 'DID' });
    const dup = await api('POST', '/api/v1/products', { ...sipTrunk, code: 'DID' });
    expect([dup.status, dup.body.code, dup.body.field]).toEqual([409, 'PRODUCT_CODE_TAKEN', 'code']);
    const other = (await env.newTenant()).api;
    await ok(other, 'POST', '/api/v1/products', { ...sipTrunk, code: 'DID' });
  });

  it('prices a data bundle with graduated tiers exactly at the tier boundaries', async () => {
    // 0–10 GB at 1.00 plus a 2.00 fee once used, 10–50 GB at 0.50, above 50 GB at 0.25.
    const data = await ok(api, 'POST', '/api/v1/products', {
      code: 'DATA',
      name: 'Data bundle',
      kind: 'usage',
      unit: 'GB',
      priceModel: 'graduated',
      tiers: [
        { upTo: '10', unitPrice: '1.00', flatFee: '2.00' },
        { upTo: '50', unitPrice: '0.50' },
        { upTo: null, unitPrice: '0.25' },
      ],
    });
    const price = async (q: string) =>
      (await ok(api, 'GET', `/api/v1/products/${data.id}/price?quantity=${q}`)).amount as string;
    expect([await price('0'), await price('10'), await price('10.5'), await price('50'), await price('51')]).toEqual([
      '0.00',
      '12.00',
      '12.25',
      '32.00',
      '32.25',
    ]);
  });

  it('prices a volume tier by the tier the whole quantity falls in', async () => {
    const minutes = await ok(api, 'POST', '/api/v1/products', {
      code: 'MIN',
      name: 'Minutes bundle',
      kind: 'usage',
      unit: 'minute',
      priceModel: 'volume',
      tiers: [
        { upTo: '100', unitPrice: '0.05' },
        { upTo: null, unitPrice: '0.03', flatFee: '1.00' },
      ],
    });
    const price = async (q: string) =>
      (await ok(api, 'GET', `/api/v1/products/${minutes.id}/price?quantity=${q}`)).amount as string;
    expect([await price('100'), await price('101')]).toEqual(['5.00', '4.03']);
  });

  it('prices DID numbers in packages of ten after two free ones', async () => {
    const dids = await ok(api, 'POST', '/api/v1/products', {
      code: 'DID10',
      name: 'DID numbers',
      kind: 'recurring',
      period: 'month',
      unit: 'number',
      priceModel: 'package',
      price: '5.00',
      packageSize: '10',
      freeUnits: '2',
    });
    const price = async (q: string) =>
      (await ok(api, 'GET', `/api/v1/products/${dids.id}/price?quantity=${q}`)).amount as string;
    expect([await price('2'), await price('3'), await price('12'), await price('13')]).toEqual([
      '0.00',
      '5.00',
      '5.00',
      '10.00',
    ]);
  });

  it('refuses tiers that overlap or leave the last one closed, naming each offending field', async () => {
    const res = await api('POST', '/api/v1/products', {
      code: 'BAD',
      name: 'Bad tiers',
      kind: 'usage',
      priceModel: 'graduated',
      tiers: [
        { upTo: '10', unitPrice: '1.00' },
        { upTo: '5', unitPrice: '0.50' },
        { upTo: '20', unitPrice: '0.25' },
      ],
    });
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(fieldCodes(res.body)).toEqual([
      ['tiers[1].upTo', 'TIERS_NOT_ASCENDING'],
      ['tiers[2].upTo', 'LAST_TIER_NOT_OPEN'],
    ]);
    expect((await ok(api, 'GET', '/api/v1/products?code=BAD')).data).toEqual([]);
  });

  it('refuses a recurring product without a period and price fields of another model', async () => {
    const res = await api('POST', '/api/v1/products', {
      ...sipTrunk,
      code: 'X',
      period: null,
      tiers: [{ upTo: null, unitPrice: '1' }],
    });
    expect(res.status).toBe(400);
    expect(fieldCodes(res.body)).toEqual([
      ['tiers', 'FIELD_NOT_ALLOWED'],
      ['period', 'REQUIRED'],
    ]);
    const unknownLanguage = await api('POST', '/api/v1/products', { ...sipTrunk, code: 'Y', names: { english: 'x' } });
    expect(unknownLanguage.status).toBe(400);
  });

  it('lists products page by page, and hides another operator’s products', async () => {
    for (const code of ['P1', 'P2', 'P3']) await ok(api, 'POST', '/api/v1/products', { ...sipTrunk, code });
    const first = await ok(api, 'GET', '/api/v1/products?limit=2');
    const second = await ok(api, 'GET', `/api/v1/products?limit=50&cursor=${first.nextCursor}`);
    const codes = [...first.data, ...second.data].map((p: { code: string }) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['P1', 'P2', 'P3', 'DID']));
    expect(new Set(codes).size).toBe(codes.length);
    const other = (await env.newTenant()).api;
    expect((await other('GET', `/api/v1/products/${first.data[0].id}`)).status).toBe(404);
    expect((await other('PATCH', `/api/v1/products/${first.data[0].id}`, { name: 'mine' })).status).toBe(404);
  });
});
