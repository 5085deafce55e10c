import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';

/**
 * Billing periods are local days of the tenant's zone (here Madrid): a call belongs to the period
 * of its local date, also across the nights the clocks change (31 March 2024, +1 → +2; 27 October
 * 2024, +2 → +1), for weekly (Monday–Sunday), biweekly (1st–15th, 16th–end) and monthly periods.
 */
describe('Session periods are local to the tenant zone, across DST changes and a leap February', () => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof invoicingTenant>>;
  const ids: Record<string, string> = {};

  // Each call costs a different power of ten, so a total says exactly which calls a period took.
  const calls = [
    { startedAt: '2024-02-29T22:59:00Z', price: '1000.00' }, // 23:59 on 29 Feb in Madrid
    { startedAt: '2024-03-24T22:30:00Z', price: '100.00' }, // 23:30 on Sunday 24 March (+1)
    { startedAt: '2024-03-31T21:59:00Z', price: '1.00' }, // 23:59 on Sunday 31 March (+2 since 02:00)
    { startedAt: '2024-03-31T22:01:00Z', price: '10.00' }, // 00:01 on 1 April
    { startedAt: '2024-10-27T00:30:00Z', price: '0.10' }, // 02:30 on 27 October, the first time (+2)
    { startedAt: '2024-10-31T22:59:00Z', price: '0.01' }, // 23:59 on 31 October (+1)
    { startedAt: '2024-10-31T23:00:00Z', price: '0.02' }, // 00:00 on 1 November
  ];

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2024-11-05T10:00:00Z' });
    t = await invoicingTenant(env);
    for (const billingPeriod of ['weekly', 'biweekly', 'monthly']) {
      const c = await t.api('POST', '/api/v1/customers', {
        name: `${billingPeriod} customer`,
        currency: 'EUR',
        billingPeriod,
        activationDate: '2024-01-01',
      });
      ids[billingPeriod] = c.body.id;
      await seedUsage(env, t.tenantId, c.body.id, calls);
    }
  });
  afterAll(() => env.close());

  const usageOf = async (billingPeriod: string, periodStart: string, periodEnd: string) => {
    const started = await t.api('POST', '/api/v1/generation-sessions', {
      documentType: 'invoice',
      periodStart,
      periodEnd,
      billingPeriod,
    });
    expect(started.status, started.raw).toBe(202);
    await env.runtime.queue.drain();
    const session = (await t.api('GET', `/api/v1/generation-sessions/${started.body.id}`)).body;
    expect(session.counts.customersTotal).toBe(1);
    if (!session.documentIds.length) return null;
    const doc = (await t.api('GET', `/api/v1/documents/${session.documentIds[0]}`)).body;
    expect(doc.customerId).toBe(ids[billingPeriod]);
    return doc.totals.usage as string;
  };

  it('monthly: February 2024 has 29 days; March ends at local midnight after the spring change', async () => {
    expect(await usageOf('monthly', '2024-02-01', '2024-02-29')).toBe('1000.00');
    expect(await usageOf('monthly', '2024-03-01', '2024-03-31')).toBe('101.00');
    expect(await usageOf('monthly', '2024-04-01', '2024-04-30')).toBe('10.00');
    expect(await usageOf('monthly', '2024-10-01', '2024-10-31')).toBe('0.11');
  });

  it('weekly: the week of the spring change has 167 hours and still ends on Sunday at local midnight', async () => {
    expect(await usageOf('weekly', '2024-02-26', '2024-03-03')).toBe('1000.00');
    expect(await usageOf('weekly', '2024-03-18', '2024-03-24')).toBe('100.00');
    expect(await usageOf('weekly', '2024-03-25', '2024-03-31')).toBe('1.00');
    expect(await usageOf('weekly', '2024-04-01', '2024-04-07')).toBe('10.00');
    // The autumn week (21–27 October) holds the repeated hour once; the next one ends 3 November.
    expect(await usageOf('weekly', '2024-10-21', '2024-10-27')).toBe('0.10');
    expect(await usageOf('weekly', '2024-10-28', '2024-11-03')).toBe('0.03');
  });

  it('biweekly: 16–29 February, 16–31 March and 16–31 October end at local midnight', async () => {
    expect(await usageOf('biweekly', '2024-02-16', '2024-02-29')).toBe('1000.00');
    expect(await usageOf('biweekly', '2024-03-16', '2024-03-31')).toBe('101.00');
    expect(await usageOf('biweekly', '2024-04-01', '2024-04-15')).toBe('10.00');
    expect(await usageOf('biweekly', '2024-10-16', '2024-10-31')).toBe('0.11');
  });
});
