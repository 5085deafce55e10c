import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant } from '../support/invoicing.ts';
import { seedUsage } from '../support/usage-fixtures.ts';
import { ok } from '../catalog/support.ts';
import { runDue } from '../../src/app/scheduling/run-due.ts';
import { Temporal } from 'temporal-polyfill';

// Starting, following and refusing bill runs; the scheduler starting due runs once per cycle.
describe('Bill runs', () => {
  let env: TestEnv;
  let api: ApiClient;
  let tenantId: string;
  let groupId: string;
  let customerId: string;

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2024-02-01T09:00:00Z' });
    const t = await invoicingTenant(env);
    api = t.api;
    tenantId = t.tenantId;
    groupId = (await ok(api, 'POST', '/api/v1/bill-groups', { name: 'Tenth', billDay: 10 })).id;
    customerId = (
      await ok(api, 'POST', '/api/v1/customers', {
        name: 'Caller SL',
        currency: 'EUR',
        activationDate: '2024-01-01',
        billGroupId: groupId,
      })
    ).id;
    await seedUsage(env, tenantId, customerId, [
      { startedAt: '2024-02-15T10:00:00Z', price: '4.00' },
      // Three months before the March run and more: too old to bill silently.
      { startedAt: '2023-11-20T10:00:00Z', price: '1.00' },
    ]);
  }, 60_000);
  afterAll(() => env.close());

  it('refuses bad input with a code and the field, and starts nothing', async () => {
    env.clock.set('2024-03-10T09:00:00Z');
    const unknown = await api('POST', '/api/v1/bill-runs', { billGroupId: 'bgr_nope' });
    expect([unknown.status, unknown.body.code, unknown.body.errors?.[0]?.field]).toEqual([
      422,
      'UNKNOWN_BILL_GROUP',
      'billGroupId',
    ]);
    const future = await api('POST', '/api/v1/bill-runs', { billGroupId: groupId, billDate: '2024-04-10' });
    expect([future.status, future.body.code]).toEqual([422, 'BILL_DATE_IN_FUTURE']);
    const badDate = await api('POST', '/api/v1/bill-runs', { billGroupId: groupId, billDate: '2024-02-30' });
    expect(badDate.status).toBe(400);
    expect((await ok(api, 'GET', '/api/v1/bill-runs')).data).toEqual([]);
  });

  it('refuses a second run of the group, and moving one of its accounts, while a run is going on', async () => {
    const first = await api('POST', '/api/v1/bill-runs', { billGroupId: groupId });
    expect([first.status, first.body.status, first.body.billDate]).toEqual([202, 'in_progress', '2024-03-10']);
    const second = await api('POST', '/api/v1/bill-runs', { billGroupId: groupId });
    expect([second.status, second.body.code, second.body.billRunId]).toEqual([409, 'BILL_RUN_RUNNING', first.body.id]);
    const other = (await ok(api, 'POST', '/api/v1/bill-groups', { name: 'Other', billDay: 20 })).id;
    const move = await api('PATCH', `/api/v1/customers/${customerId}`, { billGroupId: other });
    expect([move.status, move.body.code]).toEqual([409, 'BILL_RUN_RUNNING']);
    await env.runtime.queue.drain();
    const done = await ok(api, 'GET', `/api/v1/bill-runs/${first.body.id}`);
    // The call older than the group's three months is the account's error; nothing is billed silently.
    expect(done.status).toBe('completed_with_errors');
    expect(done.errors).toEqual([
      expect.objectContaining({
        customerId,
        code: 'UNBILLED_USAGE_TOO_OLD',
        details: { calls: 1, olderThan: '2023-12-10' },
      }),
    ]);
    expect(done.closedDocumentIds).toEqual([]);
    // Without SMTP settings the staff notices are kept as skipped, with the reason.
    expect(
      done.notices.map((n: { event: string; status: string; error: { code: string } }) => [
        n.event,
        n.status,
        n.error.code,
      ]),
    ).toEqual([
      ['started', 'skipped', 'SMTP_NOT_CONFIGURED'],
      ['finished', 'skipped', 'SMTP_NOT_CONFIGURED'],
    ]);
    const list = await ok(api, 'GET', `/api/v1/bill-runs?billGroupId=${groupId}&status=completed_with_errors`);
    expect(list.data.map((r: { id: string }) => r.id)).toEqual([first.body.id]);
  });

  it('run-due starts a run when the bill day comes, once per cycle', async () => {
    // The runs run-due started for this group, as [bill date, who started it].
    const startedFor = async (at: string) => {
      env.clock.set(at);
      const results = await runDue(env.runtime.dueTasks, Temporal.Instant.from(at));
      const { started } = results.find((r) => r.name === 'bill-runs.start-due')!.result as { started: string[] };
      await env.runtime.queue.drain();
      const runs = await Promise.all(started.map((id) => ok(api, 'GET', `/api/v1/bill-runs/${id}`)));
      return runs.filter((r) => r.billGroupId === groupId).map((r) => [r.billDate, r.startedBy.kind]);
    };
    // The 10 March run exists already: nothing is due until 10 April (00:00 in Madrid is 22:00 UTC the day before).
    expect(await startedFor('2024-04-09T21:00:00Z')).toEqual([]);
    expect(await startedFor('2024-04-09T22:30:00Z')).toEqual([['2024-04-10', 'schedule']]);
    expect(await startedFor('2024-04-11T06:00:00Z')).toEqual([]);
  });
});
