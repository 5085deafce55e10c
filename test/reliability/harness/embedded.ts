import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ExpectStatic } from 'vitest';
import type { ApiAnswer } from './cluster.ts';
import { KeyedLedger } from './keyed.ts';
import { runCli, TollbookServer, type Store } from './processes.ts';
import { newExpected, rendered } from './workloads.ts';

/**
 * The short form on the embedded database: one process owns the data directory, so each kill is
 * followed by a restart on the same directory, which must take the lock back and retry at once
 * the jobs the dead process held.
 */
export async function embeddedRun(expect: ExpectStatic): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tollbook-kill-embedded-'));
  const store: Store = { dataDir: join(dir, 'data') };
  let server: TollbookServer | null = null;
  const counts = { kills: 0, restarts: 0, checks: 0 };
  try {
    const tenant = await runCli(store, [
      'tenant',
      'create',
      '--name',
      'Kill',
      '--timezone',
      'UTC',
      '--currency',
      'EUR',
      '--json',
    ]);
    const { apiKey } = JSON.parse(tenant.stdout) as { apiKey: string };
    const start = async (killAt: string | null) => {
      // A restart right after a kill may find the dead process's lock for a moment: try again.
      for (let attempt = 0; attempt < 60; attempt++) {
        const candidate = await TollbookServer.start(store, killAt);
        if (await candidate.ready()) return candidate;
        await sleep(500);
      }
      throw new Error('the embedded server did not start again');
    };
    const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      for (;;) {
        try {
          const res = await fetch(`${server!.baseUrl}${path}`, {
            method,
            headers: {
              authorization: `Bearer ${apiKey}`,
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
              ...headers,
            },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          });
          const text = await res.text();
          return { status: res.status, body: text ? JSON.parse(text) : null } as ApiAnswer;
        } catch {
          // The process died under the request: start it again (no kill this time) and retry.
          await server!.kill();
          counts.kills += server!.killPointReached ? 1 : 0;
          server = await start(null);
          counts.restarts += 1;
        }
      }
    };
    const ledger = new KeyedLedger(send);
    const expected = newExpected();
    const get = (path: string) => send('GET', path);

    server = await start('document.render.rendered:1');
    await send('POST', '/api/v1/legal-entities', { name: 'Kill Telecom SL', taxId: 'ESB00000009' });
    await send('POST', '/api/v1/number-sequences', {
      name: 'Main',
      documentType: 'invoice',
      prefix: 'KE',
      padding: 4,
      increment: 1,
      start: 1,
      reset: 'never',
    });
    const customer = (await send('POST', '/api/v1/customers', { name: 'Embedded customer', currency: 'EUR' })).body;
    const record = {
      externalId: 'e-1',
      customerId: customer.id,
      startedAt: '2026-01-05T10:00:00Z',
      durationSeconds: 90,
      direction: 'outbound',
      external: true,
      caller: '34911000000',
      callee: '34600000001',
      price: '1.5000',
    };
    await send('POST', '/api/v1/usage-records', { records: [record] });
    const draft = (
      await send('POST', '/api/v1/documents', {
        type: 'invoice',
        customerId: customer.id,
        periodStart: '2026-01-01',
        periodEnd: '2026-01-31',
      })
    ).body;
    await send('POST', `/api/v1/documents/${draft.id}/generate`);
    // The worker dies as Chromium hands over the PDF; the next start retries the job at once.
    await server.exited;
    counts.kills += 1;
    server = await start('http.keyed.after-commit:1');
    counts.restarts += 1;
    await rendered(ledger, get, expected, draft.id, 'generate');
    // The issue commits, and the process dies before the client hears of it: the retry replays it.
    const issued = await ledger.post(`/api/v1/documents/${draft.id}/issue`, undefined, 'embedded-issue');
    expect(issued.status).toBe(200);
    expect(issued.body.number).toBe('KE0001');
    const doc = await rendered(ledger, get, expected, draft.id, 'render');
    expect(doc).toMatchObject({ status: 'issued', number: 'KE0001', renderStatus: 'created' });
    const pdf = await fetch(`${server!.baseUrl}/api/v1/documents/${draft.id}/pdf`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(await ledger.replayAll()).toEqual([]);
    counts.checks = 5;
    expect(counts.kills).toBe(2);
    process.stdout.write(
      `kill-point harness (embedded): ${counts.kills} kills at named points, ${counts.restarts} recoveries, ${counts.checks} invariant checks, 0 failed\n`,
    );
  } finally {
    await server?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
