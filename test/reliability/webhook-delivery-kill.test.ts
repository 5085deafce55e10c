import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, TollbookServer, type Store } from './harness/processes.ts';
import { startReceiver } from '../support/webhook-receiver.ts';

/**
 * A webhook endpoint has answered, and the process dies before it records the answer. Nothing is
 * lost: after a restart the delivery is made again (the same event id, so the receiver can tell),
 * every event reaches the endpoint, and every delivery ends `delivered`.
 */
describe('Killed between a webhook answer and its record, Tollbook delivers every event', () => {
  const dir = mkdtempSync(join(tmpdir(), 'webhooks-kill-'));
  const saved = process.env.TOLLBOOK_WEBHOOK_RETRY_BASE_SECONDS;
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    if (saved === undefined) delete process.env.TOLLBOOK_WEBHOOK_RETRY_BASE_SECONDS;
    else process.env.TOLLBOOK_WEBHOOK_RETRY_BASE_SECONDS = saved;
  });

  it('embedded database: killed at webhook.deliver.answered, restarted, no event lost', async () => {
    process.env.TOLLBOOK_WEBHOOK_RETRY_BASE_SECONDS = '1';
    const store: Store = { dataDir: join(dir, 'data') };
    const receiver = await startReceiver([200]);
    let server: TollbookServer | null = null;
    try {
      const tenant = await runCli(store, [
        'tenant',
        'create',
        '--name',
        'Hooks',
        '--timezone',
        'UTC',
        '--currency',
        'EUR',
        '--json',
      ]);
      const { apiKey } = JSON.parse(tenant.stdout) as { apiKey: string };
      const call = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${server!.baseUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        return { status: res.status, body: (await res.json()) as any };
      };
      server = await TollbookServer.start(store, 'webhook.deliver.answered:1');
      expect(await server.ready()).toBe(true);
      const endpoint = (
        await call('POST', '/api/v1/webhook-endpoints', { url: receiver.url, events: ['payment.received'] })
      ).body;
      const customer = (await call('POST', '/api/v1/customers', { name: 'Hooked', currency: 'EUR' })).body;
      // The process may die at the kill point while later payments are still being sent: each
      // payment has a bank reference, so sending it again after the restart is the same payment.
      const pay = (amount: string) =>
        call('POST', '/api/v1/payments', {
          customerId: customer.id,
          amount,
          currency: 'EUR',
          externalId: `ref-${amount}`,
        });
      const amounts = ['1.00', '2.00', '3.00'];
      for (const amount of amounts) {
        const paid = await pay(amount).catch(() => null);
        if (!paid) break;
        expect(paid.status).toBe(201);
      }
      const exit = await Promise.race([server.exited, sleep(60_000).then(() => null)]);
      expect(exit, 'the kill point was reached').not.toBeNull();
      expect(server.killPointReached).toBe('webhook.deliver.answered');
      expect(receiver.received.length).toBeGreaterThanOrEqual(1);

      server = await TollbookServer.start(store);
      expect(await server.ready()).toBe(true);
      const paymentIds: string[] = [];
      for (const amount of amounts) {
        const paid = await pay(amount);
        expect([200, 201]).toContain(paid.status);
        paymentIds.push(paid.body.id);
      }
      let deliveries: Array<{ status: string }> = [];
      for (let i = 0; i < 120; i++) {
        deliveries = (await call('GET', `/api/v1/webhook-endpoints/${endpoint.id}/deliveries`)).body.data;
        if (deliveries.length === 3 && deliveries.every((d) => d.status === 'delivered')) break;
        await sleep(500);
      }
      expect(deliveries.map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered']);
      const seen = receiver.received.map((r) => r.json.data.payment.id as string);
      expect([...new Set(seen)].sort()).toEqual([...paymentIds].sort());
      // At least once: the answer the dead process never recorded is the only one sent twice.
      expect(seen.length).toBeLessThanOrEqual(4);
      const events = new Set(receiver.received.map((r) => r.json.id));
      expect(events.size).toBe(3);
    } finally {
      await server?.kill();
      await receiver.close();
    }
  }, 600_000);
});
