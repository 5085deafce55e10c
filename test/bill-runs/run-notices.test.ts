import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { seedUsage } from '../support/usage-fixtures.ts';
import { ok } from '../catalog/support.ts';
import { MailCatcher } from '../delivery/mail-catcher.ts';
import { emailingTenant } from '../delivery/support.ts';

// The billing staff hear of each bill run twice: when it starts and when it ends, through a real
// SMTP server on a loopback port; the run shows whether each email left.
describe('Bill runs email the staff at start and end', () => {
  let env: TestEnv;
  let catcher: MailCatcher;

  beforeAll(async () => {
    env = await startTestEnv({ clock: '2024-03-10T09:00:00Z' });
    catcher = await MailCatcher.start();
  }, 600_000);
  afterAll(async () => {
    await catcher?.close();
    await env?.close();
  });

  it('sends one message at the start and one at the end, naming the group, the counts and each failed account', async () => {
    const staff = 'billing-team@acme-telecom.example';
    const t = await emailingTenant(env, catcher.port, { staffEmails: [staff] });
    const groupId = (await ok(t.api, 'POST', '/api/v1/bill-groups', { name: 'Tenth of the month', billDay: 10 })).id;
    const customer = async (name: string) =>
      (
        await ok(t.api, 'POST', '/api/v1/customers', {
          name,
          currency: 'EUR',
          activationDate: '2024-01-01',
          billGroupId: groupId,
        })
      ).id;
    const fine = await customer('Aire SL');
    const late = await customer('Bruma SL');
    await seedUsage(env, t.tenantId, fine, [{ startedAt: '2024-02-15T10:00:00Z', price: '4.00' }]);
    // A call older than the group's three months: that account fails the run.
    await seedUsage(env, t.tenantId, late, [{ startedAt: '2023-11-20T10:00:00Z', price: '1.00' }]);

    const started = await t.api('POST', '/api/v1/bill-runs', { billGroupId: groupId });
    expect(started.status).toBe(202);
    await env.runtime.queue.drain();
    const run = await ok(t.api, 'GET', `/api/v1/bill-runs/${started.body.id}`);
    expect(run.status).toBe('completed_with_errors');

    const mails = catcher.to(staff);
    expect(mails.map((m) => m.subject)).toEqual([
      'Bill run of Tenth of the month for 2024-03-10 started (2 accounts)',
      `Bill run of Tenth of the month for 2024-03-10 completed with errors: ${run.counts.invoicesClosed} invoices closed, 1 failed`,
    ]);
    expect(mails[1]!.text).toContain(`- ${late}: UNBILLED_USAGE_TOO_OLD`);
    expect(mails[1]!.text).toContain('Accounts: 2 (billed 1, nothing to bill 0, failed 1)');
    expect(run.notices).toEqual([
      expect.objectContaining({ event: 'started', status: 'sent', recipients: [staff], error: null }),
      expect.objectContaining({ event: 'finished', status: 'sent', recipients: [staff], error: null }),
    ]);
    expect(run.notices.every((n: { sentAt: string | null }) => n.sentAt !== null)).toBe(true);

    // Draining again sends nothing twice.
    await env.runtime.queue.drain();
    expect(catcher.to(staff)).toHaveLength(2);
  });

  it('keeps the notices as skipped, saying why, when no staff address is set', async () => {
    const t = await emailingTenant(env, catcher.port);
    const groupId = (await ok(t.api, 'POST', '/api/v1/bill-groups', { name: 'Quiet', billDay: 10 })).id;
    const before = catcher.messages.length;
    const started = await t.api('POST', '/api/v1/bill-runs', { billGroupId: groupId });
    expect(started.status).toBe(202);
    await env.runtime.queue.drain();
    const run = await ok(t.api, 'GET', `/api/v1/bill-runs/${started.body.id}`);
    expect(run.notices.map((n: { status: string; error: { code: string } }) => [n.status, n.error.code])).toEqual([
      ['skipped', 'NO_STAFF_EMAIL'],
      ['skipped', 'NO_STAFF_EMAIL'],
    ]);
    expect(catcher.messages.length).toBe(before);
  });
});
