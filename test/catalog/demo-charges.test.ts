import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, apiClient, type TestEnv } from '../support/runtime.ts';
import { loadDemo } from '../../src/app/demo/load-demo.ts';
import { ok } from './support.ts';

type Row = { description: string; servicePeriodStart: string | null; amount: string; billingDate: string };

describe("The demo operator's subscriptions and charges", () => {
  let env: TestEnv;

  beforeAll(async () => {
    // The demo bills the last whole month: October 2024.
    env = await startTestEnv({ clock: '2024-11-15T10:00:00Z' });
  });
  afterAll(() => env.close());

  it('rents trunks and numbers since August, starts a data bundle on 10 October, and charges each month', async () => {
    const { apiKey, tenantId } = await loadDemo(env.runtime.deps);
    const api = apiClient(env.http, apiKey);
    const [acme] = (await ok(api, 'GET', '/api/v1/customers?q=Acme')).data;
    const subscriptions = (await ok(api, 'GET', `/api/v1/subscriptions?customerId=${acme.id}`)).data;
    expect(subscriptions).toHaveLength(3);
    const listed = (filter: object) =>
      env.runtime.deps.uow.run((s) => s.charges.list(tenantId, filter, { limit: 200 }));
    const charges: Row[] = (await listed({ customerId: acme.id })).data;
    const lines = charges
      .map((c) => [c.billingDate, c.servicePeriodStart ?? '-', c.description, c.amount])
      .sort((a, b) => (a.join() < b.join() ? -1 : 1));
    expect(lines).toEqual([
      ['2024-08-31', '2024-08-01', 'DID numbers', '5'],
      ['2024-08-31', '2024-08-01', 'SIP trunk, 10 channels', '30'],
      ['2024-08-31', '2024-09-01', 'SIP trunk, 10 channels', '30'],
      ['2024-09-30', '2024-09-01', 'DID numbers', '5'],
      ['2024-09-30', '2024-10-01', 'SIP trunk, 10 channels', '30'],
      ['2024-10-10', '-', 'Installation', '50'],
      // 25 GB a month: 10 × 1.00 + 2.00, then 15 × 0.50 = 19.50; 22 of October's 31 days.
      ['2024-10-31', '2024-10-01', 'DID numbers', '5'],
      ['2024-10-31', '2024-10-01', 'Data bundle', '13.838709677419'],
      ['2024-10-31', '2024-11-01', 'SIP trunk, 10 channels', '30'],
    ]);
    const all = await listed({ period: { start: '2024-10-01', end: '2024-10-31' } });
    const kinds = new Set(all.data.map((c: { description: string }) => c.description));
    expect(kinds).toContain('Goodwill credit for an outage');
    expect(kinds).toContain('Мобильный интернет');
  });
});
