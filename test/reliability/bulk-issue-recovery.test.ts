import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { runCli, TollbookServer, type Store } from './harness/processes.ts';

/**
 * A bulk issue killed half-way: the real process dies (SIGKILL) right after the second document
 * took its number, before that commits. Restarted, the process picks the job up again by itself
 * and finishes: every document issued exactly once, numbers gapless and in customer-name order.
 */
it('a bulk issue killed mid-way finishes after a restart with gapless numbers, each document numbered once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulk-kill-'));
  const store: Store = { dataDir: join(dir, 'data') };
  let server: TollbookServer | null = null;
  const start = async (killAt: string | null) => {
    // Right after a kill the dead process's lock may linger a moment: try again.
    for (let attempt = 0; attempt < 60; attempt++) {
      const candidate = await TollbookServer.start(store, killAt);
      if (await candidate.ready(300_000)) return candidate;
      await sleep(500);
    }
    throw new Error('the server did not start');
  };
  try {
    const tenant = await runCli(
      store,
      ['tenant', 'create', '--name', 'Bulk', '--timezone', 'UTC', '--currency', 'EUR', '--json'],
      null,
      500_000,
    );
    const { apiKey } = JSON.parse(tenant.stdout) as { apiKey: string };
    const send = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${server!.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${apiKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };
    const until = async <T>(read: () => Promise<T>, done: (v: T) => boolean) => {
      for (let i = 0; i < 600; i++) {
        const value = await read();
        if (done(value)) return value;
        await sleep(250);
      }
      throw new Error('timed out waiting');
    };

    server = await start('bulk-action.item-recorded:2');
    await send('POST', '/api/v1/legal-entities', { name: 'Bulk Telecom SL', taxId: 'ESB00000007' });
    await send('POST', '/api/v1/number-sequences', {
      name: 'Main',
      documentType: 'invoice',
      prefix: 'BK',
      padding: 4,
      increment: 1,
      start: 1,
      reset: 'never',
    });
    const ids: string[] = [];
    for (const name of ['Cobre SA', 'Aire SL', 'Bruma SL']) {
      const customer = (await send('POST', '/api/v1/customers', { name, currency: 'EUR' })).body;
      const draft = (
        await send('POST', '/api/v1/documents', {
          type: 'invoice',
          customerId: customer.id,
          periodStart: '2026-01-01',
          periodEnd: '2026-01-31',
        })
      ).body;
      await send('POST', `/api/v1/documents/${draft.id}/generate`);
      ids.push(draft.id);
    }
    for (const id of ids)
      await until(
        () => send('GET', `/api/v1/documents/${id}`),
        (r) => r.body.renderStatus === 'created',
      );

    const started = await send('POST', '/api/v1/bulk-actions', { action: 'issue', documentIds: ids });
    expect(started.status).toBe(202);
    await server.exited;
    expect(server.killPointReached).toBe('bulk-action.item-recorded');

    server = await start(null);
    const done = await until(
      () => send('GET', `/api/v1/bulk-actions/${started.body.id}`),
      (r) => r.body.finishedAt !== null,
    );
    expect(done.body).toMatchObject({ status: 'completed', counts: { total: 3, done: 3, failed: 0, pending: 0 } });
    const numbers = await Promise.all(
      ids.map(async (id) => (await send('GET', `/api/v1/documents/${id}`)).body.number),
    );
    // Aire, Bruma, Cobre: numbered in name order, the second one's lost number taken again.
    expect(numbers).toEqual(['BK0003', 'BK0001', 'BK0002']);
    const issued = (await send('GET', '/api/v1/documents?status=issued&limit=50')).body.data as Array<{
      number: string;
    }>;
    expect(issued.map((d) => d.number).sort()).toEqual(['BK0001', 'BK0002', 'BK0003']);
  } finally {
    await server?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}, 1_200_000);
