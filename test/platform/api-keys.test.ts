import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, apiClient, type TestEnv } from '../support/runtime.ts';

describe('A tenant can never lock itself out by revoking its admin keys', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
  });
  afterAll(() => env.close());

  it('refuses to revoke the last active admin key with 409 LAST_ADMIN_KEY; other keys do not count', async () => {
    const { api: first } = await env.newTenant();
    const keys = (await first('GET', '/api/v1/api-keys')).body.data;
    expect(keys).toHaveLength(1);
    const viewer = await first('POST', '/api/v1/api-keys', { name: 'Auditor', role: 'viewer' });
    const accountant = await first('POST', '/api/v1/api-keys', { name: 'Books', role: 'accountant' });
    expect([viewer.status, accountant.status]).toEqual([201, 201]);

    const refused = await first('POST', `/api/v1/api-keys/${keys[0].id}/revoke`);
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('LAST_ADMIN_KEY');
    expect((await first('GET', '/api/v1/customers')).status).toBe(200);

    // With a second admin key, the first can go; then the second is the last one.
    const second = await first('POST', '/api/v1/api-keys', { name: 'Deputy', role: 'admin' });
    const deputy = apiClient(env.http, second.body.key);
    expect((await deputy('POST', `/api/v1/api-keys/${keys[0].id}/revoke`)).status).toBe(200);
    expect((await first('GET', '/api/v1/customers')).status).toBe(401);
    expect((await deputy('POST', `/api/v1/api-keys/${second.body.id}/revoke`)).body.code).toBe('LAST_ADMIN_KEY');
    expect((await deputy('POST', `/api/v1/api-keys/${viewer.body.id}/revoke`)).status).toBe(200);
    expect((await deputy('POST', `/api/v1/api-keys/${viewer.body.id}/revoke`)).status).toBe(200);
    expect((await deputy('POST', '/api/v1/api-keys/key_nope/revoke')).status).toBe(404);
  });

  it('of two admins revoking each other at the same moment, exactly one succeeds', async () => {
    const { api: first } = await env.newTenant();
    const [own] = (await first('GET', '/api/v1/api-keys')).body.data;
    const other = await first('POST', '/api/v1/api-keys', { name: 'Other', role: 'admin' });
    const otherApi = apiClient(env.http, other.body.key);
    const answers = await Promise.all([
      first('POST', `/api/v1/api-keys/${other.body.id}/revoke`),
      otherApi('POST', `/api/v1/api-keys/${own.id}/revoke`),
    ]);
    // The loser is refused either as the last admin (its revoke waited for the winner's) or, when
    // the winner committed before the loser's key was even checked, as a revoked key.
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses[0]).toBe(200);
    expect([401, 409]).toContain(statuses[1]);
    const active = (await (answers[0].status === 200 ? first : otherApi)('GET', '/api/v1/api-keys')).body.data.filter(
      (k: { revokedAt: string | null }) => !k.revokedAt,
    );
    expect(active).toHaveLength(1);
  });
});
