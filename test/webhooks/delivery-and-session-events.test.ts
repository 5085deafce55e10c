import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { startReceiver } from '../support/webhook-receiver.ts';
import { seedUsage } from '../support/usage-fixtures.ts';
import { MailCatcher } from '../delivery/mail-catcher.ts';
import { billCustomer, emailingTenant } from '../delivery/support.ts';
import { verifySignature } from '../../src/core/webhooks/index.ts';

const unixOf = (env: TestEnv) => Math.floor(env.clock.now().epochMilliseconds / 1000);

/**
 * Email outcomes and finished generation sessions reach webhook endpoints too: a document that
 * left by email is `document.sent`, one that could not be delivered is `document.delivery_failed`
 * (with the reason), and a session that has made its documents is `generation_session.completed`.
 */
describe('Webhooks hear of emailed documents, failed deliveries and finished generation sessions', () => {
  let env: TestEnv;
  let catcher: MailCatcher;
  const receivers: Array<{ close(): Promise<void> }> = [];
  const receiver = async () => {
    const r = await startReceiver();
    receivers.push(r);
    return r;
  };

  beforeAll(async () => {
    env = await startTestEnv({
      clock: '2026-02-10T10:03:00Z',
      webhooks: {
        targets: 'loopback',
        retry: { maxAttempts: 3, baseDelaySeconds: 0, maxDelaySeconds: 0 },
        timeoutMs: 2000,
      },
    });
    catcher = await MailCatcher.start();
  }, 600_000);
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await catcher?.close();
    await env?.close();
  });

  it(
    'an invoice emailed on issue is document.sent with its recipients and Message-ID; no address or a refusing server is document.delivery_failed',
    { timeout: 240_000 },
    async () => {
      const t = await emailingTenant(env, catcher.port);
      const hook = await receiver();
      const created = await t.api('POST', '/api/v1/webhook-endpoints', {
        url: hook.url,
        events: ['document.sent', 'document.delivery_failed'],
      });
      expect(created.status).toBe(201);
      const secret = created.body.secret as string;

      const { doc } = await billCustomer(env, t, { billingEmails: ['ap@client.example'] });
      await env.runtime.queue.drain();
      const [sent] = hook.ofType('document.sent');
      expect(sent!.json.data.document).toMatchObject({ id: doc.id, number: doc.number, status: 'issued' });
      expect(sent!.json.data.delivery).toMatchObject({
        status: 'sent',
        trigger: 'issue',
        recipients: ['ap@client.example'],
        attempts: 1,
        error: null,
      });
      const [mail] = catcher.to('ap@client.example');
      expect(sent!.json.data.delivery.messageId).toBe(mail!.messageId);
      expect(verifySignature(String(sent!.headers['tollbook-signature']), sent!.body, secret, unixOf(env))).toBe(true);

      // Nobody to send to: failed when queued, and the event says why.
      const { doc: nobody } = await billCustomer(env, t, { email: null, billingEmails: [] });
      await env.runtime.queue.drain();
      const noRecipient = hook.ofType('document.delivery_failed').find((r) => r.json.data.document.id === nobody.id);
      expect(noRecipient!.json.data.delivery).toMatchObject({
        status: 'failed',
        recipients: [],
        error: { code: 'NO_RECIPIENT' },
      });

      // The server says no for good (554): failed with the server's answer.
      catcher.mode = 'reject';
      try {
        const { doc: refused } = await billCustomer(env, t);
        await env.runtime.queue.drain();
        const rejected = hook.ofType('document.delivery_failed').find((r) => r.json.data.document.id === refused.id);
        expect(rejected!.json.data.delivery).toMatchObject({ status: 'failed', error: { code: 'SMTP_REJECTED' } });
        expect(rejected!.json.data.delivery.error.response).toMatch(/554/);
        expect(
          verifySignature(String(rejected!.headers['tollbook-signature']), rejected!.body, secret, unixOf(env)),
        ).toBe(true);
      } finally {
        catcher.mode = 'accept';
      }
      // One event per outcome, none twice.
      expect(hook.received).toHaveLength(3);
      expect(new Set(hook.received.map((r) => r.json.id)).size).toBe(3);
    },
  );

  it('a generation session that has made its documents is generation_session.completed, once, with its counters', async () => {
    const t = await emailingTenant(env, catcher.port);
    const hook = await receiver();
    const created = await t.api('POST', '/api/v1/webhook-endpoints', {
      url: hook.url,
      events: ['generation_session.completed'],
    });
    const customer = await t.api('POST', '/api/v1/customers', {
      name: 'Session Customer SL',
      timezone: 'Europe/Madrid',
      currency: 'EUR',
      activationDate: '2026-01-01',
    });
    await seedUsage(env, t.tenantId, customer.body.id, [{ startedAt: '2026-01-15T10:00:00Z', price: '3.00' }]);
    const started = await t.api('POST', '/api/v1/generation-sessions', {
      documentType: 'invoice',
      periodStart: '2026-01-01',
      periodEnd: '2026-01-31',
      customerIds: [customer.body.id],
    });
    expect(started.status).toBe(202);
    await env.runtime.queue.drain();
    const events = hook.ofType('generation_session.completed');
    expect(events).toHaveLength(1);
    expect(events[0]!.json.data.generationSession).toMatchObject({
      id: started.body.id,
      status: 'completed',
      counts: { customersTotal: 1, customersDone: 1, customersFailed: 0, documentsCreated: 1 },
    });
    expect(
      verifySignature(
        String(events[0]!.headers['tollbook-signature']),
        events[0]!.body,
        created.body.secret,
        unixOf(env),
      ),
    ).toBe(true);

    // A scope that matches nobody finishes at once, and says so too.
    const empty = await t.api('POST', '/api/v1/generation-sessions', {
      documentType: 'invoice',
      periodStart: '2026-01-01',
      periodEnd: '2026-01-31',
      customerIds: [],
    });
    expect(empty.body.status).toBe('completed');
    await env.runtime.queue.drain();
    expect(hook.ofType('generation_session.completed').map((r) => r.json.data.generationSession.id)).toEqual([
      started.body.id,
      empty.body.id,
    ]);
  });
});
