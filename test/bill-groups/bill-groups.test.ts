import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type ApiClient, type TestEnv } from '../support/runtime.ts';
import { fieldCodes, ok } from '../catalog/support.ts';

describe('Bill groups', () => {
  let env: TestEnv;
  let api: ApiClient;
  let other: ApiClient;

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2024-02-01T09:00:00Z' });
    api = (await env.newTenant()).api;
    other = (await env.newTenant()).api;
  });
  afterAll(() => env.close());

  it('takes a bill day and defaults to post-user billing with usage billed on the bill day', async () => {
    const group = await ok(api, 'POST', '/api/v1/bill-groups', { name: 'Mid-month', billDay: 15 });
    expect(group).toMatchObject({
      name: 'Mid-month',
      billDay: 15,
      usageBillDay: 15,
      invoiceCloseType: 'post_user_billing',
      renderDuringRun: false,
      dueDateBasis: 'bill_date',
      paymentTermsDays: 14,
      deliverOnClose: true,
      sortOrder: 'customer_name',
      maxUnbilledUsageMonths: 3,
    });
    const changed = await ok(api, 'PATCH', `/api/v1/bill-groups/${group.id}`, {
      invoiceCloseType: 'user_bill_cycle',
      renderDuringRun: true,
    });
    expect(changed).toMatchObject({ billDay: 15, invoiceCloseType: 'user_bill_cycle', renderDuringRun: true });
    const events = await ok(api, 'GET', `/api/v1/audit-events?objectId=${group.id}`);
    expect(events.data.map((e: { action: string }) => e.action)).toEqual(['created', 'updated']);
  });

  it.each([0, 29, 31])('refuses bill day %s with its field, and creates nothing', async (billDay) => {
    const before = await ok(api, 'GET', '/api/v1/bill-groups');
    const res = await api('POST', '/api/v1/bill-groups', { name: 'Bad', billDay });
    expect(res.status).toBe(400);
    expect(Object.fromEntries(fieldCodes(res.body))).toEqual({ billDay: 'BILL_DAY_OUT_OF_RANGE' });
    expect((await ok(api, 'GET', '/api/v1/bill-groups')).data).toHaveLength(before.data.length);
  });

  it('refuses an unknown close type, also on a change, leaving the group as it was', async () => {
    const create = await api('POST', '/api/v1/bill-groups', { name: 'X', billDay: 1, invoiceCloseType: 'monthly' });
    expect(Object.fromEntries(fieldCodes(create.body))).toEqual({ invoiceCloseType: 'UNKNOWN_CLOSE_TYPE' });
    const group = await ok(api, 'POST', '/api/v1/bill-groups', { name: 'Y', billDay: 1 });
    const patch = await api('PATCH', `/api/v1/bill-groups/${group.id}`, { billDay: 30, invoiceCloseType: 'never' });
    expect(patch.status).toBe(400);
    expect(Object.fromEntries(fieldCodes(patch.body))).toEqual({
      billDay: 'BILL_DAY_OUT_OF_RANGE',
      invoiceCloseType: 'UNKNOWN_CLOSE_TYPE',
    });
    expect(await ok(api, 'GET', `/api/v1/bill-groups/${group.id}`)).toMatchObject({
      billDay: 1,
      invoiceCloseType: 'post_user_billing',
    });
  });

  it('puts customers in a group, and keeps a group with customers from being deleted', async () => {
    const group = await ok(api, 'POST', '/api/v1/bill-groups', { name: 'Cycle 1', billDay: 1 });
    const customer = await ok(api, 'POST', '/api/v1/customers', { name: 'Bill-cycle customer', billGroupId: group.id });
    expect(customer.billGroupId).toBe(group.id);
    const refused = await api('DELETE', `/api/v1/bill-groups/${group.id}`);
    expect([refused.status, refused.body.code]).toEqual([409, 'BILL_GROUP_IN_USE']);
    await ok(api, 'PATCH', `/api/v1/customers/${customer.id}`, { billGroupId: null });
    expect((await api('DELETE', `/api/v1/bill-groups/${group.id}`)).status).toBe(204);
  });

  it("does not let a customer join another tenant's group, nor see it", async () => {
    const group = await ok(api, 'POST', '/api/v1/bill-groups', { name: 'Private', billDay: 5 });
    const join = await other('POST', '/api/v1/customers', { name: 'Intruder', billGroupId: group.id });
    expect(join.status).toBe(422);
    expect(Object.fromEntries(fieldCodes(join.body))).toEqual({ billGroupId: 'UNKNOWN_BILL_GROUP' });
    expect((await other('GET', `/api/v1/bill-groups/${group.id}`)).status).toBe(404);
    expect((await other('PATCH', `/api/v1/bill-groups/${group.id}`, { name: 'Mine' })).status).toBe(404);
    expect((await other('DELETE', `/api/v1/bill-groups/${group.id}`)).status).toBe(404);
  });
});
