import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';

describe('API conventions: errors, auth, pagination, idempotency', () => {
  let env: TestEnv;
  let admin: ApiClient;

  beforeAll(async () => {
    env = await startTestEnv();
    admin = (await env.newTenant()).api;
  });
  afterAll(() => env.close());

  it('answers /healthz without a key', async () => {
    const res = await apiClient(env.http, null)('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('publishes the OpenAPI document and the docs UI', async () => {
    const doc = await apiClient(env.http, null)('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/customers');
    const ui = await apiClient(env.http, null)('GET', '/api/docs/');
    expect(ui.status).toBe(200);
  });

  it('refuses a missing key with 401 and an unknown key with 401', async () => {
    const none = await apiClient(env.http, null)('GET', '/api/v1/customers');
    expect(none.status).toBe(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.body.code).toBe('UNAUTHORIZED');
    const bad = await apiClient(env.http, 'tbk_nope')('GET', '/api/v1/customers');
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('INVALID_API_KEY');
  });

  it('enforces roles: a viewer reads but cannot write (403); a revoked key stops working', async () => {
    const created = await admin('POST', '/api/v1/api-keys', { name: 'Auditor', role: 'viewer' });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^tbk_/);
    expect(JSON.stringify((await admin('GET', '/api/v1/api-keys')).body)).not.toContain(created.body.key);
    const viewer = apiClient(env.http, created.body.key);
    expect((await viewer('GET', '/api/v1/customers')).status).toBe(200);
    const write = await viewer('POST', '/api/v1/customers', { name: 'X' });
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('FORBIDDEN');
    expect((await admin('POST', `/api/v1/api-keys/${created.body.id}/revoke`)).status).toBe(200);
    expect((await viewer('GET', '/api/v1/customers')).status).toBe(401);
  });

  it('rejects unknown fields, wrong types, bad time zones and currencies with 400 and per-field errors', async () => {
    const res = await admin('POST', '/api/v1/customers', {
      name: 42,
      timezone: 'Europe/Atlantis',
      currency: 'EURO',
      color: 'red',
    });
    expect(res.status).toBe(400);
    const byField = Object.fromEntries(res.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]));
    expect(byField).toMatchObject({
      name: 'INVALID_TYPE',
      timezone: 'INVALID_TIMEZONE',
      currency: 'INVALID_CURRENCY',
      color: 'UNKNOWN_FIELD',
    });
    const missing = await admin('POST', '/api/v1/customers', {});
    expect(missing.body.errors).toContainEqual(expect.objectContaining({ field: 'name', code: 'REQUIRED' }));
  });

  it('rejects malformed JSON with 400 and oversized bodies with 413', async () => {
    const bad = await admin('POST', '/api/v1/customers', '{"name":', { 'content-type': 'application/json' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_JSON');
    const huge = await admin('POST', '/api/v1/customers', JSON.stringify({ name: 'x'.repeat(6 * 1024 * 1024) }), {
      'content-type': 'application/json',
    });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('BODY_TOO_LARGE');
  });

  it('pages lists with limit and an opaque cursor, visiting every row once', async () => {
    const { api } = await env.newTenant();
    for (let i = 0; i < 7; i += 1) await api('POST', '/api/v1/customers', { name: `Customer ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<{ name: string }>; nextCursor: string | null } } = await api(
        'GET',
        `/api/v1/customers?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.data.map((c) => c.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `Customer ${i}`));
  });

  it('replays a POST with the same Idempotency-Key and body, and refuses the key with another body', async () => {
    const body = { name: 'Idempotent SL' };
    const first = await admin('POST', '/api/v1/customers', body, { 'idempotency-key': 'abc-1' });
    const again = await admin('POST', '/api/v1/customers', body, { 'idempotency-key': 'abc-1' });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const list = await admin('GET', '/api/v1/customers?q=Idempotent');
    expect(list.body.data).toHaveLength(1);
    const other = await admin('POST', '/api/v1/customers', { name: 'Other' }, { 'idempotency-key': 'abc-1' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses to delete a customer that does not exist with 404 problem+json', async () => {
    const res = await admin('DELETE', '/api/v1/customers/cus_missing');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});
