import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';

describe('Tenants are walled off', () => {
  let env: TestEnv;
  let a: ApiClient;
  let b: ApiClient;
  let bCustomerId: string;

  beforeAll(async () => {
    env = await startTestEnv();
    a = (await env.newTenant({ name: 'Operator A' })).api;
    b = (await env.newTenant({ name: 'Operator B' })).api;
    const created = await b('POST', '/api/v1/customers', {
      name: 'Secret Customer of B',
      email: 'secret@b.example',
      accountCode: 'SHARED',
    });
    expect(created.status).toBe(201);
    bCustomerId = created.body.id;
  });
  afterAll(() => env.close());

  it("given a key of tenant A, B's customer cannot be read: the answer is the same 404 as for an id that never existed", async () => {
    const theirs = await a('GET', `/api/v1/customers/${bCustomerId}`);
    const nobody = await a('GET', '/api/v1/customers/cus_doesnotexist');
    expect(theirs.status).toBe(404);
    expect(nobody.status).toBe(404);
    expect(theirs.raw.replaceAll(bCustomerId, 'X')).toBe(nobody.raw.replaceAll('cus_doesnotexist', 'X'));
    expect(theirs.raw).not.toContain('Secret');
  });

  it('cannot list them, nor find them by search', async () => {
    const list = await a('GET', '/api/v1/customers?q=Secret');
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([]);
    const all = await a('GET', '/api/v1/customers');
    expect(all.body.data.map((c: { id: string }) => c.id)).not.toContain(bCustomerId);
  });

  it('cannot change or delete them', async () => {
    expect((await a('PATCH', `/api/v1/customers/${bCustomerId}`, { name: 'Hacked' })).status).toBe(404);
    expect((await a('DELETE', `/api/v1/customers/${bCustomerId}`)).status).toBe(404);
    const still = await b('GET', `/api/v1/customers/${bCustomerId}`);
    expect(still.body.name).toBe('Secret Customer of B');
  });

  it('cannot detect them through unique values: the same account code is free in another tenant', async () => {
    const mine = await a('POST', '/api/v1/customers', { name: 'A customer', accountCode: 'SHARED' });
    expect(mine.status).toBe(201);
  });

  it("cannot read B's audit trail", async () => {
    const events = await a('GET', `/api/v1/audit-events?objectId=${bCustomerId}`);
    expect(events.status).toBe(200);
    expect(events.body.data).toEqual([]);
    const own = await b('GET', `/api/v1/audit-events?objectId=${bCustomerId}`);
    expect(own.body.data.length).toBeGreaterThan(0);
  });

  it('cannot reuse an idempotency key of B to see its response', async () => {
    const body = { name: 'Same body' };
    const first = await b('POST', '/api/v1/customers', body, { 'idempotency-key': 'shared-key' });
    const second = await a('POST', '/api/v1/customers', body, { 'idempotency-key': 'shared-key' });
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
  });
});
