import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';

type Tenant = Awaited<ReturnType<typeof invoicingTenant>>;

/** One call a day at noon UTC, 1.00 each, so a document's usage total is its number of days billed. */
const daily = (from: string, to: string) => {
  const calls = [];
  for (let d = Temporal.PlainDate.from(from); Temporal.PlainDate.compare(d, to) <= 0; d = d.add({ days: 1 }))
    calls.push({ startedAt: `${d.toString()}T12:00:00Z`, price: '1.00' });
  return calls;
};

/**
 * The tenant's schedule (by default: invoices on the 1st at 06:00 tenant time) opens one session per
 * due period; each customer's billing period says what the documents cover, its activation date
 * where its history starts. `tollbook run-due --as-of T` is `runtime.runDue(T)`.
 */
describe('Scheduled generation: run-due opens the sessions the schedule promises', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2024-03-01T05:00:00Z' });
  });
  afterAll(() => env.close());

  /** Monthly since January, weekly since Monday 12 February, biweekly since 5 February, and one activated today. */
  async function operator(skipMissingInvoices: boolean) {
    const t = await invoicingTenant(env);
    await t.api('PUT', '/api/v1/settings/generation-schedules', {
      skipMissingInvoices,
      schedules: [{ documentType: 'invoice', frequency: 'monthly', dayOfMonth: 1, time: '06:00' }],
    });
    const people: Array<[string, string, string]> = [
      ['Mona', 'monthly', '2024-01-01'],
      ['Wendy', 'weekly', '2024-02-12'],
      ['Bea', 'biweekly', '2024-02-05'],
      ['Newton', 'monthly', '2024-03-01'],
    ];
    const names = new Map<string, string>();
    for (const [name, billingPeriod, activationDate] of people) {
      const c = await t.api('POST', '/api/v1/customers', {
        name,
        timezone: 'Europe/Madrid',
        currency: 'EUR',
        billingPeriod,
        activationDate,
      });
      expect(c.status, c.raw).toBe(201);
      names.set(c.body.id, name);
      await seedUsage(env, t.tenantId, c.body.id, daily('2024-01-01', '2024-04-30'));
    }
    return { t, names };
  }

  async function documents(t: Tenant, names: Map<string, string>) {
    const res = await t.api('GET', '/api/v1/documents?limit=100');
    return (res.body.data as Array<Record<string, any>>)
      .map((d) => [names.get(d.customerId), d.periodStart, d.periodEnd, d.totals.usage, d.status])
      .sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));
  }

  const runDue = (at: string) => env.runtime.runDue(Temporal.Instant.from(at));

  it('on 1 March at 06:00 Madrid: every closed period since activation, including the leap day', async () => {
    const { t, names } = await operator(false);
    // A minute before, the latest firing is 1 February's, which never ran: it bills January (only
    // Mona was active then); the March firing has not happened yet.
    await runDue('2024-03-01T05:59:00+01:00');
    expect(await documents(t, names)).toEqual([['Mona', '2024-01-01', '2024-01-31', '31.00', 'draft']]);

    const result = await runDue('2024-03-01T06:00:00+01:00');
    const firing = (result.tasks.find((x) => x.name === 'generation.schedules')!.result as any[]).find(
      (f) => f.tenantId === t.tenantId,
    );
    expect(firing).toMatchObject({ documentType: 'invoice', firedAt: '2024-03-01T05:00:00Z', outcome: 'opened' });
    expect(firing.sessions.map((s: any) => [s.billingPeriod, s.periodStart, s.periodEnd, s.customers])).toEqual([
      ['monthly', '2024-02-01', '2024-02-29', 1],
      ['biweekly', '2024-02-05', '2024-02-15', 1],
      ['weekly', '2024-02-12', '2024-02-18', 1],
      ['biweekly', '2024-02-16', '2024-02-29', 1],
      ['weekly', '2024-02-19', '2024-02-25', 1],
    ]);
    expect(await documents(t, names)).toEqual([
      ['Bea', '2024-02-05', '2024-02-15', '11.00', 'draft'],
      ['Bea', '2024-02-16', '2024-02-29', '14.00', 'draft'],
      ['Mona', '2024-01-01', '2024-01-31', '31.00', 'draft'],
      ['Mona', '2024-02-01', '2024-02-29', '29.00', 'draft'],
      ['Wendy', '2024-02-12', '2024-02-18', '7.00', 'draft'],
      ['Wendy', '2024-02-19', '2024-02-25', '7.00', 'draft'],
    ]);
    const session = await t.api('GET', `/api/v1/generation-sessions/${firing.sessions[0].id}`);
    expect(session.body).toMatchObject({ status: 'completed', startedBy: { kind: 'schedule' } });

    // Running again for the same instant, or later the same day, opens nothing: the firing has run.
    await runDue('2024-03-01T06:00:00+01:00');
    await runDue('2024-03-01T23:00:00+01:00');
    expect(await documents(t, names)).toHaveLength(6);
  });

  it('a deleted draft of a past period is made again by the next firing, with the new periods (clocks changed on 31 March)', async () => {
    const { t, names } = await operator(false);
    await runDue('2024-03-01T06:00:00+01:00');
    const january = (await t.api('GET', '/api/v1/documents?periodStart=2024-01-01&periodEnd=2024-01-31')).body.data;
    expect(january).toHaveLength(1);
    expect((await t.api('DELETE', `/api/v1/documents/${january[0].id}`)).status).toBe(204);

    env.clock.set('2024-04-01T04:00:00Z');
    // Summer time in Madrid: 06:00 on 1 April is 04:00 UTC.
    await runDue('2024-04-01T03:59:00Z');
    expect(await documents(t, names)).toHaveLength(5);
    await runDue('2024-04-01T04:00:00Z');
    const after = await documents(t, names);
    expect(after.filter((d) => d[1]! >= '2024-02-26' || d[0] === 'Mona')).toEqual([
      ['Bea', '2024-03-01', '2024-03-15', '15.00', 'draft'],
      ['Bea', '2024-03-16', '2024-03-31', '16.00', 'draft'],
      ['Mona', '2024-01-01', '2024-01-31', '31.00', 'draft'],
      ['Mona', '2024-02-01', '2024-02-29', '29.00', 'draft'],
      ['Mona', '2024-03-01', '2024-03-31', '31.00', 'draft'],
      ['Newton', '2024-03-01', '2024-03-31', '31.00', 'draft'],
      ['Wendy', '2024-02-26', '2024-03-03', '7.00', 'draft'],
      ['Wendy', '2024-03-04', '2024-03-10', '7.00', 'draft'],
      ['Wendy', '2024-03-11', '2024-03-17', '7.00', 'draft'],
      ['Wendy', '2024-03-18', '2024-03-24', '7.00', 'draft'],
      ['Wendy', '2024-03-25', '2024-03-31', '7.00', 'draft'],
    ]);
    expect(after).toHaveLength(15);
    env.clock.set('2024-03-01T05:00:00Z');
  });

  it('with skipMissingInvoices only the latest closed period of each customer is billed', async () => {
    const { t, names } = await operator(true);
    await runDue('2024-03-01T06:00:00+01:00');
    expect(await documents(t, names)).toEqual([
      ['Bea', '2024-02-16', '2024-02-29', '14.00', 'draft'],
      ['Mona', '2024-02-01', '2024-02-29', '29.00', 'draft'],
      ['Wendy', '2024-02-19', '2024-02-25', '7.00', 'draft'],
    ]);
  });
});
