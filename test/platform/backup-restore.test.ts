import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { startRuntime } from '../../src/main.ts';
import { createTenant } from '../../src/app/tenancy/create-tenant.ts';
import { TestClock } from '../support/clock.ts';
import { apiClient, type TestEnv } from '../support/runtime.ts';
import { invoicingTenant, makeInvoice } from '../support/invoicing.ts';

const run = promisify(execFile);
const bin = join(process.cwd(), 'bin/tollbook.js');
const env = { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' };
const root = mkdtempSync(join(tmpdir(), 'tollbook-backup-'));
const cli = (...args: string[]) =>
  run('node', [bin, ...args], { env }).then(
    (r) => ({ code: 0, stderr: r.stderr }),
    (e) => ({ code: e.code as number, stderr: e.stderr as string }),
  );

/** The application on a real embedded data directory, shaped like the shared test environment. */
async function openEnv(dataDir: string): Promise<TestEnv> {
  const clock = new TestClock('2018-11-15T12:00:00Z');
  const runtime = await startRuntime({ dataDir, clock, logger: pino({ level: 'silent' }) });
  const http = await runtime.buildHttp();
  return {
    runtime,
    http,
    clock,
    databaseKind: 'pglite',
    async newTenant(o = {}) {
      const { tenant, apiKey } = await createTenant(runtime.deps, {
        name: o.name ?? 'Backup Telecom',
        timezone: o.timezone ?? 'Europe/Madrid',
        currency: o.currency ?? 'EUR',
      });
      return { tenantId: tenant.id, apiKey, api: apiClient(http, apiKey) };
    },
    async close() {
      await http.close();
      await runtime.close();
    },
  };
}

describe('Backing up and restoring the embedded database', () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('restores into a fresh directory the same documents, numbers and PDFs', async () => {
    const live = join(root, 'live');
    const file = join(root, 'tollbook-backup.tar.gz');
    const source = await openEnv(live);
    let apiKey: string;
    let before: { list: unknown; doc: unknown; pdf: Buffer };
    try {
      const t = await invoicingTenant(source);
      apiKey = t.apiKey;
      const body = { type: 'invoice', customerId: t.customerId, numberSequenceId: t.sequenceId, taxRate: '21' };
      for (const month of ['08', '10'])
        await makeInvoice(
          source,
          t.api,
          { ...body, periodStart: `2018-${month}-01`, periodEnd: `2018-${month}-31` },
          {
            issue: true,
          },
        );
      const list = (await t.api('GET', '/api/v1/documents')).body;
      const last = list.data.find((d: { number: string }) => d.number === 'TEST0002');
      before = {
        list,
        doc: (await t.api('GET', `/api/v1/documents/${last.id}`)).body,
        pdf: (await t.api('GET', `/api/v1/documents/${last.id}/pdf`)).bytes,
      };
      expect(before.pdf.subarray(0, 5).toString()).toBe('%PDF-');

      // While a process holds the database, a backup is refused rather than taken inconsistent.
      const refused = await cli('--data-dir', live, 'backup', file);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^error DATA_DIR_LOCKED: .*stop the server, run the command, start it again\.\n$/);
    } finally {
      await source.close();
    }

    expect(await cli('--data-dir', live, 'backup', file)).toMatchObject({ code: 0 });
    const fresh = join(root, 'restored');
    expect(await cli('--data-dir', fresh, 'restore', file)).toMatchObject({ code: 0 });
    const overwrite = await cli('--data-dir', live, 'restore', file);
    expect(overwrite.code).toBe(1);
    expect(overwrite.stderr).toContain('error DATA_DIR_NOT_EMPTY');

    const restored = await openEnv(fresh);
    try {
      const api = apiClient(restored.http, apiKey);
      const list = (await api('GET', '/api/v1/documents')).body;
      expect(list).toEqual(before.list);
      const id = (before.doc as { id: string }).id;
      expect((await api('GET', `/api/v1/documents/${id}`)).body).toEqual(before.doc);
      expect(Buffer.compare((await api('GET', `/api/v1/documents/${id}/pdf`)).bytes, before.pdf)).toBe(0);
      expect(list.data.map((d: { number: string }) => d.number).sort()).toEqual(['TEST0001', 'TEST0002']);
    } finally {
      await restored.close();
    }
  }, 300_000);
});
