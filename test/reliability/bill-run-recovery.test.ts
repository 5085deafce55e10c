import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { runCli, TollbookServer, type Store } from './harness/processes.ts';

const NAMES = ['Aire SL', 'Bruma SL', 'Cobre SA', 'Duna SL', 'Eco SA'];

/**
 * Bill runs killed mid-way: the real process dies (SIGKILL) while the second chunk of accounts has
 * billed and numbered its invoices but not committed, and, in a group that closes everything at
 * the end, right after that close committed. Restarted, the process finishes the runs by itself:
 * one invoice per account, numbers gapless, no account billed twice.
 */
it('bill runs killed mid-chunk and after the final close finish after a restart: one invoice per account, gapless numbers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bill-run-kill-'));
  const store: Store = { dataDir: join(dir, 'data') };
  // Two accounts per chunk, so a run of five has three chunks.
  const before = process.env.TOLLBOOK_BILL_RUN_CHUNK_SIZE;
  process.env.TOLLBOOK_BILL_RUN_CHUNK_SIZE = '2';
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
      ['tenant', 'create', '--name', 'Cycles', '--timezone', 'UTC', '--currency', 'EUR', '--json'],
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

    server = await start('bill-run.chunk.written:2');
    await send('POST', '/api/v1/legal-entities', { name: 'Cycles Telecom SL', taxId: 'ESB00000009' });
    await send('POST', '/api/v1/number-sequences', {
      name: 'Main',
      documentType: 'invoice',
      prefix: 'BR',
      padding: 4,
      increment: 1,
      start: 1,
      reset: 'never',
    });
    // The server's clock is the real one: bill on the 1st of this month, usage of the month before.
    const today = new Date();
    const month = (delta: number) =>
      new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + delta, 1)).toISOString().slice(0, 10);
    const billDate = month(0);
    const groups: Record<string, string> = {};
    for (const closeType of ['post_user_billing', 'after_each_bill_run'])
      groups[closeType] = (
        await send('POST', '/api/v1/bill-groups', { name: closeType, billDay: 1, invoiceCloseType: closeType })
      ).body.id;
    const customers: Record<string, string[]> = { post_user_billing: [], after_each_bill_run: [] };
    for (const [closeType, groupId] of Object.entries(groups))
      for (const [i, name] of NAMES.entries()) {
        const customer = (
          await send('POST', '/api/v1/customers', {
            name: `${name} ${closeType}`,
            currency: 'EUR',
            activationDate: month(-2),
            billGroupId: groupId,
          })
        ).body;
        customers[closeType]!.push(customer.id);
        const usage = await send('POST', '/api/v1/usage-records', {
          records: [
            {
              externalId: `${closeType}-${i}`,
              source: 'sw1',
              customerId: customer.id,
              startedAt: `${month(-1)}T10:00:00Z`,
              durationSeconds: 60,
              direction: 'outbound',
              external: true,
              caller: '34911111111',
              callee: '34600000000',
              price: `${i + 1}.00`,
            },
          ],
        });
        expect(usage.body.accepted).toBe(1);
      }

    const first = await send('POST', '/api/v1/bill-runs', { billGroupId: groups.post_user_billing, billDate });
    expect(first.status).toBe(202);
    await server.exited;
    expect(server.killPointReached).toBe('bill-run.chunk.written');

    server = await start('bill-run.close.committed:1');
    const firstDone = await until(
      () => send('GET', `/api/v1/bill-runs/${first.body.id}`),
      (r) => r.body.finishedAt !== null,
    );
    expect(firstDone.body).toMatchObject({
      status: 'completed',
      counts: { accountsTotal: 5, accountsBilled: 5, accountsFailed: 0, invoicesOpened: 5, invoicesClosed: 5 },
    });
    const second = await send('POST', '/api/v1/bill-runs', { billGroupId: groups.after_each_bill_run, billDate });
    expect(second.status).toBe(202);
    await server.exited;
    expect(server.killPointReached).toBe('bill-run.close.committed');

    server = await start(null);
    const secondDone = await until(
      () => send('GET', `/api/v1/bill-runs/${second.body.id}`),
      (r) => r.body.finishedAt !== null,
    );
    expect(secondDone.body).toMatchObject({ status: 'completed', counts: { accountsTotal: 5, invoicesClosed: 5 } });

    const invoices = (await send('GET', '/api/v1/documents?type=invoice&limit=100')).body.data as Array<{
      customerId: string;
      status: string;
      number: string;
      totals: { total: string };
    }>;
    // One issued invoice per account, each with its own call; numbers 1 to 10 without a gap.
    expect(invoices.map((d) => d.status)).toEqual(Array(10).fill('issued'));
    expect(invoices.map((d) => d.customerId).sort()).toEqual(Object.values(customers).flat().sort());
    expect(invoices.map((d) => d.number).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `BR${String(i + 1).padStart(4, '0')}`),
    );
    expect([...firstDone.body.closedDocumentIds, ...secondDone.body.closedDocumentIds]).toHaveLength(10);
  } finally {
    await server?.kill();
    if (before === undefined) delete process.env.TOLLBOOK_BILL_RUN_CHUNK_SIZE;
    else process.env.TOLLBOOK_BILL_RUN_CHUNK_SIZE = before;
    rmSync(dir, { recursive: true, force: true });
  }
}, 1_200_000);
