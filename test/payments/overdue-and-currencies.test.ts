import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { paymentsTenant } from './support.ts';

describe('Overdue invoices and totals in a viewing currency', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ clock: '2026-01-01T12:00:00Z' });
  });
  afterAll(() => env.close());

  it('an invoice left unpaid past its due date plus the grace days becomes overdue when the scheduled task runs', async () => {
    const t = await paymentsTenant(env);
    const graced = await t.api('PATCH', '/api/v1/tenant', { settings: { overdueGraceDays: 5 } });
    expect(graced.body.settings.overdueGraceDays).toBe(5);
    env.clock.set('2026-01-01T12:00:00Z');
    const invoice = await t.invoice('100.00', { terms: 14 });
    expect(invoice.dueDate).toBe('2026-01-15');
    await t.pay('40.00');
    const runDue = async (asOf: string) => {
      const result = await env.runtime.runDue(Temporal.Instant.from(asOf));
      expect(result.tasks.map((task: { name: string }) => task.name)).toContain('payments.mark-overdue');
      return (await t.doc(invoice.id)).paymentStatus;
    };
    // Due on the 15th, five days of grace: still only partially paid on the 20th.
    expect(await runDue('2026-01-20T23:00:00Z')).toBe('partially_paid');
    expect(await runDue('2026-01-21T00:30:00Z')).toBe('overdue');
    const balance = await t.api('GET', `/api/v1/customers/${t.customerId}/balance`);
    expect(balance.body).toMatchObject({ outstanding: '60.00', overdue: '60.00' });
    // Paying the rest settles it, overdue or not.
    await t.pay('60.00');
    expect(await t.doc(invoice.id)).toMatchObject({ paymentStatus: 'paid', totals: { open: '0.00' } });
  });

  it('the M2 example: each document converts with its own frozen rate, then at the viewing currency’s current rate', async () => {
    const t = await paymentsTenant(env);
    await t.api('PATCH', '/api/v1/tenant', { currency: 'USD' });
    const rate = async (currency: string, value: string, validFrom: string) => {
      const res = await t.api('POST', '/api/v1/exchange-rates', { currency, rate: value, validFrom });
      expect(res.status).toBe(201);
    };
    // The rates of 2025 freeze on the documents; those of 2026 are today's.
    for (const [currency, then, now] of [
      ['EUR', '0.5', '0.75'],
      ['DZD', '0.25', '0.5'],
      ['ALL', '0.75', '1.0'],
    ] as const) {
      await rate(currency, then, '2025-01-01');
      await rate(currency, now, '2026-01-01');
    }
    env.clock.set('2025-06-10T12:00:00Z');
    for (const currency of ['EUR', 'DZD', 'ALL']) {
      const customer = await t.api('POST', '/api/v1/customers', {
        name: `Customer ${currency}`,
        currency,
        timezone: 'UTC',
      });
      const doc = await t.invoice('100.00', { customerId: customer.body.id });
      expect([doc.currency, doc.totals.total]).toEqual([currency, '100.00']);
    }
    env.clock.set('2026-01-10T12:00:00Z');
    const totals = async (currency: string) =>
      (await t.api('GET', `/api/v1/reports/document-totals?currency=${currency}`)).body;
    expect(await totals('USD')).toMatchObject({ baseCurrency: 'USD', documents: 3, total: '733.33' });
    expect((await totals('EUR')).total).toBe('500.00');
    expect((await totals('DZD')).total).toBe('266.67');
    expect((await totals('ALL')).total).toBe('700.00');
  });
});
