import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';

describe('Periods are read in the tenant zone, calls are shown in the customer zone', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2018-11-15T12:00:00Z' });
  });
  afterAll(() => env.close());

  it('given a tenant in UTC+1 and a customer in UTC−1, October 2018 bills 2018-09-30T23:00Z … 2018-10-31T22:59:59Z, shown as 30/09/2018 22:00 … 31/10/2018 21:59:59', async () => {
    // Etc/GMT-1 is UTC+1 and Etc/GMT+1 is UTC−1: the tz database's POSIX signs run the other way.
    const t = await invoicingTenant(env, { timezone: 'Etc/GMT-1', customerTimezone: 'Etc/GMT+1' });
    await seedUsage(env, t.tenantId, t.customerId, [
      { startedAt: '2018-09-30T22:59:59Z', price: '1.00' },
      { startedAt: '2018-09-30T23:00:00Z', price: '2.00' },
      { startedAt: '2018-10-31T22:59:59Z', price: '4.00' },
      { startedAt: '2018-10-31T23:00:00Z', price: '8.00' },
    ]);
    const doc = await makeInvoice(env, t.api, {
      type: 'invoice',
      customerId: t.customerId,
      periodStart: '2018-10-01',
      periodEnd: '2018-10-31',
    });
    expect(doc).toMatchObject({ timezone: 'Etc/GMT-1', customerTimezone: 'Etc/GMT+1', totals: { usage: '6.00' } });
    const calls = (await t.api('GET', `/api/v1/documents/${doc.id}/usage-records`)).body.data;
    expect(calls.map((c: { startedAt: string; localStartedAt: string }) => [c.startedAt, c.localStartedAt])).toEqual([
      ['2018-09-30T23:00:00Z', '30/09/2018 22:00:00'],
      ['2018-10-31T22:59:59Z', '31/10/2018 21:59:59'],
    ]);
    const csv = await t.api('GET', `/api/v1/documents/${doc.id}/usage-records.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.raw).toContain('30/09/2018 22:00:00');
    expect(csv.raw).toContain('Etc/GMT+1');
  });
});
