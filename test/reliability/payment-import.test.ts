import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runCli, TollbookServer, type Store } from './harness/processes.ts';

const statement = (prefix: string, rows: number) =>
  [
    'date,externalId,amount,accountCode,payer',
    ...Array.from({ length: rows }, (_, i) => `2026-01-15,${prefix}-${i + 1},25.00,PAY-1,Kill Customer SL`),
  ].join('\n');

/**
 * A bank statement import is one transaction: killed after some of its rows are stored, or while
 * a payment's allocations are appended, it leaves nothing behind, and the same command run again
 * stores every payment exactly once, allocated, with the money conserved.
 */
describe('Killed while importing a bank statement, Tollbook loses and duplicates no payment', () => {
  it('killed after the 4th row is stored and while allocating the 2nd payment; re-run, every payment is there once and the money adds up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'payments-kill-'));
    const store: Store = { dataDir: join(dir, 'data') };
    let server: TollbookServer | null = null;
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
      const { tenantId, apiKey } = JSON.parse(tenant.stdout) as { tenantId: string; apiKey: string };
      const start = async () => {
        for (let attempt = 0; attempt < 60; attempt++) {
          const candidate = await TollbookServer.start(store);
          if (await candidate.ready()) return candidate;
          await sleep(500);
        }
        throw new Error('the embedded server did not start');
      };
      const api = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${server!.baseUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${apiKey}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        return text ? JSON.parse(text) : null;
      };

      // Two issued invoices of 100.00 for a customer known by its account code.
      server = await start();
      await api('POST', '/api/v1/legal-entities', { name: 'Kill Telecom SL', taxId: 'ESB00000009' });
      await api('POST', '/api/v1/number-sequences', {
        name: 'Main',
        documentType: 'invoice',
        prefix: 'KP',
        padding: 4,
        increment: 1,
        start: 1,
        reset: 'never',
      });
      const customer = await api('POST', '/api/v1/customers', {
        name: 'Kill Customer SL',
        currency: 'EUR',
        accountCode: 'PAY-1',
      });
      const cost = await api('POST', '/api/v1/fixed-costs', { name: 'Line rental', cost: '100.00' });
      const invoices: string[] = [];
      for (const month of ['01', '02']) {
        const draft = await api('POST', '/api/v1/documents', {
          type: 'invoice',
          customerId: customer.id,
          periodStart: `2025-${month}-01`,
          periodEnd: `2025-${month}-28`,
          taxRate: '0',
        });
        await api('POST', `/api/v1/documents/${draft.id}/fixed-costs`, { fixedCostId: cost.id, quantity: 1 });
        await api('POST', `/api/v1/documents/${draft.id}/generate`);
        for (let i = 0; i < 480 && (await api('GET', `/api/v1/documents/${draft.id}`)).renderStatus !== 'created'; i++)
          await sleep(250);
        const issued = await api('POST', `/api/v1/documents/${draft.id}/issue`);
        expect(issued, JSON.stringify(issued)).toMatchObject({ status: 'issued' });
        invoices.push(draft.id);
      }
      await server.kill();
      server = null;

      const importArgs = (file: string) => [
        'import-payments',
        file,
        '--format',
        'csv',
        '--source',
        'bank',
        '--tenant',
        tenantId,
        '--json',
      ];
      const first = join(dir, 'first.csv');
      writeFileSync(first, statement('A', 4));
      const killedAllocating = await runCli(store, importArgs(first), 'payment.allocate.appended:2');
      expect(killedAllocating.killPoint).toBe('payment.allocate.appended');
      const second = join(dir, 'second.csv');
      writeFileSync(second, statement('B', 6));
      const killedStoring = await runCli(store, importArgs(second), 'payment-import.row-stored:4');
      expect(killedStoring.killPoint).toBe('payment-import.row-stored');

      // Nothing of either killed import was kept: run again, every row is new.
      const run = async (file: string) => {
        const done = await runCli(store, importArgs(file));
        if (done.code !== 0) throw new Error(`import-payments failed: ${done.stderr}`);
        return JSON.parse(done.stdout);
      };
      const rerunFirst = await run(first);
      expect(rerunFirst).toMatchObject({ accepted: 4, duplicates: 0, unmatched: 0, rejected: [] });
      const rerunSecond = await run(second);
      expect(rerunSecond).toMatchObject({ accepted: 6, duplicates: 0, unmatched: 0, rejected: [] });
      const thirdRun = await run(second);
      expect(thirdRun).toMatchObject({ accepted: 0, duplicates: 6 });

      server = await start();
      const payments = (await api('GET', `/api/v1/payments?customerId=${customer.id}&limit=100`)).data;
      expect(payments).toHaveLength(10);
      expect(new Set(payments.map((p: { externalId: string }) => p.externalId)).size).toBe(10);
      for (const id of invoices)
        expect(await api('GET', `/api/v1/documents/${id}`)).toMatchObject({
          paymentStatus: 'paid',
          totals: { paid: '100.00', open: '0.00' },
        });
      // Money is conserved: 10 × 25.00 = 200.00 allocated + 50.00 credit.
      const allocated = payments.reduce((sum: number, p: { allocated: string }) => sum + Number(p.allocated), 0);
      expect(allocated).toBe(200);
      expect(await api('GET', `/api/v1/customers/${customer.id}/balance`)).toMatchObject({
        outstanding: '0.00',
        credit: '50.00',
        balance: '-50.00',
      });
    } finally {
      await server?.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
