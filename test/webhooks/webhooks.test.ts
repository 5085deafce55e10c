import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../support/runtime.ts';
import { startReceiver } from '../support/webhook-receiver.ts';
import { paymentsTenant } from '../payments/support.ts';
import { verifySignature } from '../../src/core/webhooks/index.ts';

const unixOf = (env: TestEnv) => Math.floor(env.clock.now().epochMilliseconds / 1000);

describe('Webhooks: signed events on a loopback receiver, retries, bounded failure, replay, secret rotation', () => {
  let env: TestEnv;
  const receivers: Array<{ close(): Promise<void> }> = [];
  const receiver = async (answers?: Array<number | 'hang'>) => {
    const r = await startReceiver(answers);
    receivers.push(r);
    return r;
  };
  beforeAll(async () => {
    env = await startTestEnv({
      clock: '2026-01-10T12:00:00Z',
      webhooks: {
        targets: 'loopback',
        retry: { maxAttempts: 3, baseDelaySeconds: 0, maxDelaySeconds: 0 },
        timeoutMs: 400,
      },
    });
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await env.close();
  });

  it(
    'an issued invoice, a payment that pays it off, each reach the endpoint once, signed with its secret',
    { timeout: 240_000 },
    async () => {
      const t = await paymentsTenant(env);
      const hook = await receiver();
      const created = await t.api('POST', '/api/v1/webhook-endpoints', {
        url: hook.url,
        events: ['document.issued', 'document.paid', 'payment.received'],
        description: 'ERP',
      });
      expect(created.status).toBe(201);
      expect(created.body.secret).toMatch(/^whsec_/);
      const secret = created.body.secret as string;
      // Shown once: never again in a read.
      const read = await t.api('GET', `/api/v1/webhook-endpoints/${created.body.id}`);
      expect(read.body).not.toHaveProperty('secret');
      expect(read.raw).not.toContain(secret);

      const invoice = await t.invoice('100.00');
      await env.runtime.queue.drain();
      const [issued] = hook.ofType('document.issued');
      expect(issued!.json.data.document).toMatchObject({ id: invoice.id, number: invoice.number, total: '100.00' });
      expect(issued!.headers['tollbook-event-id']).toBe(issued!.json.id);
      const signature = String(issued!.headers['tollbook-signature']);
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifySignature(signature, issued!.body, secret, unixOf(env))).toBe(true);
      // A receiver rejects a tampered body, another secret, and a stale timestamp.
      expect(verifySignature(signature, issued!.body.replace('100.00', '1.00'), secret, unixOf(env))).toBe(false);
      expect(verifySignature(signature, issued!.body, 'whsec_other', unixOf(env))).toBe(false);
      expect(verifySignature(signature, issued!.body, secret, unixOf(env) + 3600)).toBe(false);

      expect((await t.pay('100.00', { externalId: 'wh-1' })).status).toBe(201);
      await env.runtime.queue.drain();
      expect(hook.ofType('payment.received').map((r) => r.json.data.payment.amount)).toEqual(['100.00']);
      expect(hook.ofType('document.paid').map((r) => r.json.data.document)).toMatchObject([
        { id: invoice.id, paymentStatus: 'paid', open: '0.00' },
      ]);
      expect(hook.received).toHaveLength(3);
      for (const r of hook.received)
        expect(verifySignature(String(r.headers['tollbook-signature']), r.body, secret, unixOf(env))).toBe(true);

      const log = await t.api('GET', `/api/v1/webhook-endpoints/${created.body.id}/deliveries`);
      expect(log.body.data.map((d: { status: string; attempts: number }) => [d.status, d.attempts])).toEqual([
        ['delivered', 1],
        ['delivered', 1],
        ['delivered', 1],
      ]);
      const events = await t.api('GET', '/api/v1/webhook-events?type=document.issued');
      expect(events.body.data).toMatchObject([{ type: 'document.issued', payload: { id: issued!.json.id } }]);
    },
  );

  it('an endpoint that answers 500 then 200 is retried and the delivery ends delivered, with both attempts logged', async () => {
    const t = await paymentsTenant(env);
    const hook = await receiver([500, 200]);
    const endpoint = (await t.api('POST', '/api/v1/webhook-endpoints', { url: hook.url, events: ['payment.received'] }))
      .body;
    await t.pay('10.00');
    await env.runtime.queue.drain();
    expect(hook.received).toHaveLength(2);
    expect(hook.received[0]!.json.id).toBe(hook.received[1]!.json.id);
    expect(hook.received.map((r) => r.headers['tollbook-attempt'])).toEqual(['1', '2']);
    const [delivery] = (await t.api('GET', `/api/v1/webhook-endpoints/${endpoint.id}/deliveries`)).body.data;
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, lastError: null });
    expect(delivery.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 200]);
  });

  it('an endpoint that fails forever, or hangs, ends failed after the bounded attempts; other endpoints get their events meanwhile', async () => {
    const t = await paymentsTenant(env);
    const broken = await receiver([500]);
    const hanging = await receiver(['hang']);
    const healthy = await receiver();
    const create = async (url: string) =>
      (await t.api('POST', '/api/v1/webhook-endpoints', { url, events: ['payment.received'] })).body.id as string;
    const brokenId = await create(broken.url);
    const hangingId = await create(hanging.url);
    await create(healthy.url);
    await t.pay('5.00');
    await t.pay('6.00');
    await env.runtime.queue.drain();
    expect(healthy.received.map((r) => r.json.data.payment.amount)).toEqual(['5.00', '6.00']);
    expect(broken.received).toHaveLength(6);
    const failedOf = async (id: string) =>
      (await t.api('GET', `/api/v1/webhook-endpoints/${id}/deliveries?status=failed`)).body.data;
    const brokenLog = await failedOf(brokenId);
    expect(brokenLog).toHaveLength(2);
    expect(brokenLog[0]).toMatchObject({ status: 'failed', attempts: 3, nextAttemptAt: null });
    expect(brokenLog[0].lastError).toMatch(/^HTTP 500/);
    const hangingLog = await failedOf(hangingId);
    expect(hangingLog).toHaveLength(2);
    expect(hangingLog[0].lastError).toMatch(/^TIMEOUT/);
    expect(hangingLog[0].attemptLog.every((a: { durationMs: number }) => a.durationMs < 5000)).toBe(true);
    const stuck = await env.runtime.database.executor.executeSql(
      `select count(*)::int as n from pgboss.job where name = 'webhooks.deliver' and state in ('created','retry','active')`,
    );
    expect(stuck.rows).toEqual([{ n: 0 }]);
  });

  it('an event is replayed by id with the same id and body, to every subscribed endpoint or to one named endpoint', async () => {
    const t = await paymentsTenant(env);
    const first = await receiver();
    await t.api('POST', '/api/v1/webhook-endpoints', { url: first.url, events: ['payment.received'] });
    await t.pay('7.00');
    await env.runtime.queue.drain();
    const eventId = first.received[0]!.json.id;
    // An endpoint added later catches up by replay.
    const later = await receiver();
    const laterId = (await t.api('POST', '/api/v1/webhook-endpoints', { url: later.url, events: ['document.issued'] }))
      .body.id;
    const replay = await t.api('POST', `/api/v1/webhook-events/${eventId}/replay`, { endpointId: laterId });
    expect(replay.status).toBe(202);
    await env.runtime.queue.drain();
    expect(later.received.map((r) => r.body)).toEqual([first.received[0]!.body]);
    expect((await t.api('POST', `/api/v1/webhook-events/${eventId}/replay`, {})).status).toBe(202);
    await env.runtime.queue.drain();
    expect(first.received.map((r) => r.json.id)).toEqual([eventId, eventId]);
    const event = (await t.api('GET', `/api/v1/webhook-events/${eventId}`)).body;
    expect(event.deliveries.map((d: { replayOf: string | null; status: string }) => [d.replayOf, d.status])).toEqual([
      [null, 'delivered'],
      [eventId, 'delivered'],
      [eventId, 'delivered'],
    ]);
    expect((await t.api('POST', '/api/v1/webhook-events/evt_missing/replay', {})).status).toBe(404);
  });

  it('a rotated secret signs at once; the previous one also signs until its grace period ends', async () => {
    const t = await paymentsTenant(env);
    env.clock.set('2026-01-10T12:00:00Z');
    const hook = await receiver();
    const created = (await t.api('POST', '/api/v1/webhook-endpoints', { url: hook.url, events: ['payment.received'] }))
      .body;
    const rotated = await t.api('POST', `/api/v1/webhook-endpoints/${created.id}/rotate-secret`, {
      graceSeconds: 3600,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ previousSecretExpiresAt: '2026-01-10T13:00:00Z' });
    const [oldSecret, newSecret] = [created.secret as string, rotated.body.secret as string];
    expect(newSecret).not.toBe(oldSecret);
    await t.pay('8.00');
    await env.runtime.queue.drain();
    const during = hook.received.at(-1)!;
    const header = String(during.headers['tollbook-signature']);
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifySignature(header, during.body, newSecret, unixOf(env))).toBe(true);
    expect(verifySignature(header, during.body, oldSecret, unixOf(env))).toBe(true);

    env.clock.set('2026-01-10T13:00:01Z');
    await t.pay('9.00');
    await env.runtime.queue.drain();
    const after = hook.received.at(-1)!;
    const afterHeader = String(after.headers['tollbook-signature']);
    expect(afterHeader.match(/v1=/g)).toHaveLength(1);
    expect(verifySignature(afterHeader, after.body, newSecret, unixOf(env))).toBe(true);
    expect(verifySignature(afterHeader, after.body, oldSecret, unixOf(env))).toBe(false);
    env.clock.set('2026-01-10T12:00:00Z');
  });

  it('refuses URLs that are not http(s) or that reach private networks, names the field, and keeps tenants apart', async () => {
    const t = await paymentsTenant(env);
    const refusedCode = async (url: string) => {
      const res = await t.api('POST', '/api/v1/webhook-endpoints', { url, events: ['document.issued'] });
      expect(res.status, url).toBe(422);
      expect(res.body.errors[0].field).toBe('url');
      return res.body.code as string;
    };
    expect(await refusedCode('ftp://127.0.0.1/hooks')).toBe('UNSUPPORTED_SCHEME');
    expect(await refusedCode('not a url')).toBe('INVALID_URL');
    expect(await refusedCode('http://10.1.2.3/hooks')).toBe('TARGET_REFUSED');
    expect(await refusedCode('http://169.254.169.254/latest/meta-data')).toBe('TARGET_REFUSED');
    expect(await refusedCode('http://[::ffff:192.168.1.1]/')).toBe('TARGET_REFUSED');
    expect(await refusedCode('http://host.invalid/hooks')).toBe('UNRESOLVABLE_HOST');
    const bad = await t.api('POST', '/api/v1/webhook-endpoints', { url: 'http://127.0.0.1/', events: ['nope'] });
    expect(bad.status).toBe(400);
    // localhost resolves to loopback, allowed under the loopback policy of this environment.
    const hook = await receiver();
    const local = await t.api('POST', '/api/v1/webhook-endpoints', {
      url: hook.url.replace('127.0.0.1', 'localhost'),
      events: ['payment.received'],
    });
    expect(local.status).toBe(201);

    const other = await paymentsTenant(env);
    expect((await other.api('GET', `/api/v1/webhook-endpoints/${local.body.id}`)).status).toBe(404);
    expect((await other.api('GET', '/api/v1/webhook-endpoints')).body.data).toEqual([]);
    await other.pay('3.00');
    await env.runtime.queue.drain();
    expect(hook.received).toHaveLength(0);
    expect((await other.api('GET', '/api/v1/webhook-events')).body.data).toHaveLength(1);
    expect((await t.api('GET', '/api/v1/webhook-events?type=payment.received')).body.data).toHaveLength(0);
  });
});
