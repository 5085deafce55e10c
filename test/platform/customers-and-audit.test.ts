import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';

describe('Customers, legal entities and the audit trail', () => {
  let env: TestEnv;
  let api: ApiClient;

  beforeAll(async () => {
    env = await startTestEnv();
    api = (await env.newTenant()).api;
  });
  afterAll(() => env.close());

  it('creates a customer with the fields of the public contract and echoes them back', async () => {
    const body = {
      name: 'Acme SL',
      timezone: 'Europe/Madrid',
      currency: 'EUR',
      language: 'en',
      email: 'billing@acme.example',
      taxId: 'B12345678',
      billingPeriod: 'monthly',
      address: { line1: 'Gran Via 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
    };
    const res = await api('POST', '/api/v1/customers', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject(body);
    expect(res.body.id).toEqual(expect.any(String));
    expect(res.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  });

  it("fills a customer's time zone, currency and language from the tenant when not given", async () => {
    const res = await api('POST', '/api/v1/customers', { name: 'Defaults SA' });
    expect(res.body).toMatchObject({
      timezone: 'Europe/Madrid',
      currency: 'EUR',
      language: 'en',
      status: 'active',
      billingPeriod: 'monthly',
    });
  });

  it('records every change append-only with actor, before and after', async () => {
    const created = await api('POST', '/api/v1/customers', { name: 'Audited Ltd' });
    await api('PATCH', `/api/v1/customers/${created.body.id}`, { status: 'suspended' });
    const events = await api('GET', `/api/v1/audit-events?objectId=${created.body.id}`);
    expect(events.body.data.map((e: { action: string }) => e.action)).toEqual(['created', 'updated']);
    const update = events.body.data[1];
    expect(update.actorType).toBe('api_key');
    expect(update.before.status).toBe('active');
    expect(update.after.status).toBe('suspended');
    expect(update.at).toBe('2026-01-15T10:00:00Z');
  });

  it('keeps caller numbers with validity and refuses an account code another customer has', async () => {
    const first = await api('POST', '/api/v1/customers', {
      name: 'Numbers SL',
      accountCode: 'NUM1',
      numbers: ['34910000001', { number: '+34910000002', validFrom: '2025-01-01', validTo: '2026-01-01' }],
    });
    expect(first.status).toBe(201);
    expect(first.body.numbers).toEqual([
      { number: '34910000001', validFrom: '1970-01-01', validTo: null },
      { number: '34910000002', validFrom: '2025-01-01', validTo: '2026-01-01' },
    ]);
    const dup = await api('POST', '/api/v1/customers', { name: 'Copycat', accountCode: 'NUM1' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('ACCOUNT_CODE_TAKEN');
  });

  it('makes the first legal entity the default sender until another is marked default', async () => {
    const first = await api('POST', '/api/v1/legal-entities', {
      name: 'Acme Telecom SL',
      taxId: 'ESB00000001',
      bank: { iban: 'ES9121000418450200051332', bic: 'CAIXESBBXXX' },
    });
    expect(first.status).toBe(201);
    expect(first.body.isDefault).toBe(true);
    const second = await api('POST', '/api/v1/legal-entities', { name: 'Acme Telecom Canarias SL', isDefault: true });
    expect(second.body.isDefault).toBe(true);
    const list = await api('GET', '/api/v1/legal-entities');
    const defaults = list.body.data.filter((e: { isDefault: boolean }) => e.isDefault).map((e: { id: string }) => e.id);
    expect(defaults).toEqual([second.body.id]);
  });

  it('deletes a customer without documents and records it', async () => {
    const created = await api('POST', '/api/v1/customers', { name: 'Short-lived' });
    expect((await api('DELETE', `/api/v1/customers/${created.body.id}`)).status).toBe(204);
    expect((await api('GET', `/api/v1/customers/${created.body.id}`)).status).toBe(404);
    const events = await api('GET', `/api/v1/audit-events?objectId=${created.body.id}`);
    expect(events.body.data.map((e: { action: string }) => e.action)).toEqual(['created', 'deleted']);
  });
});
