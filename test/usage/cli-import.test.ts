import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { startRuntime } from '../../src/main.ts';
import { createTenant } from '../../src/app/tenancy/create-tenant.ts';
import { createCustomer } from '../../src/app/customers/manage-customers.ts';
import { createRatePlan } from '../../src/app/usage/manage-rate-plans.ts';
import { createAssignment } from '../../src/app/usage/manage-assignments.ts';
import { listUsage } from '../../src/app/usage/query-usage.ts';
import type { CallContext } from '../../src/app/context.ts';

const run = promisify(execFile);
const bin = join(process.cwd(), 'bin/tollbook.js');
// The CLI uses the embedded database here whatever the suite runs on: these tests are about it.
const env = { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' };

describe('tollbook import-usage on the embedded database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tollbook-usage-cli-'));
  let ctx: CallContext;
  const cli = (...args: string[]) => run('node', [bin, '--data-dir', dir, 'import-usage', ...args], { env });

  beforeAll(async () => {
    // Set the operator up in-process, then leave the data directory to the CLI.
    const runtime = await startRuntime({ dataDir: dir, logger: pino({ level: 'silent' }) });
    const { tenant } = await createTenant(runtime.deps, {
      name: 'PBX Telecom',
      timezone: 'Europe/Madrid',
      currency: 'EUR',
    });
    ctx = { tenantId: tenant.id, actor: { type: 'system', id: 'test' }, role: 'admin' };
    const plan = await createRatePlan(runtime.deps, ctx, {
      name: 'Retail',
      currency: 'EUR',
      rates: [
        { prefix: '34', pricePerMinute: '0.0600', minimumSeconds: 0, incrementSeconds: 60 },
        { prefix: '355', pricePerMinute: '0.2000', incrementSeconds: 60 },
      ],
    });
    for (const [name, accountCode, numbers] of [
      ['Alice SL', '1001', []],
      ['John SL', '1002', []],
      ['Reception SL', '1003', [{ number: '34910000004', validFrom: '2018-01-01', validTo: null }]],
      ['Client SL', 'CLIENT', []],
    ] as const) {
      const c = await createCustomer(runtime.deps, ctx, { name, accountCode, numbers: [...numbers] });
      await createAssignment(runtime.deps, ctx, { customerId: c.id, ratePlanId: plan.id, validFrom: '2018-01-01' });
    }
    await runtime.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports an Asterisk Master.csv and prints a JSON summary with every rejected line', async () => {
    const { stdout, stderr } = await cli(
      'test/fixtures/asterisk-Master.csv',
      '--format',
      'asterisk',
      '--timezone',
      'Europe/Madrid',
      '--source',
      'pbx',
      '--json',
    );
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({
      status: 'completed',
      totalRows: 14,
      processedRows: 14,
      accepted: 8,
      duplicates: 0,
      rejected: 1,
      skipped: 5,
    });
    expect(summary.rejections).toEqual([
      { line: 8, code: 'MALFORMED_NUMBER', detail: expect.stringContaining('callee') },
    ]);
    expect(stderr).toContain(`importing test/fixtures/asterisk-Master.csv as import ${summary.importId}`);

    const again = JSON.parse(
      (
        await cli(
          'test/fixtures/asterisk-Master.csv',
          '--format',
          'asterisk',
          '--timezone',
          'Europe/Madrid',
          '--source',
          'pbx',
          '--json',
        )
      ).stdout,
    );
    expect(again).toMatchObject({ status: 'completed', accepted: 0, duplicates: 8, skipped: 5 });

    const resumed = await cli(
      'test/fixtures/asterisk-Master.csv',
      '--format',
      'asterisk',
      '--resume',
      summary.importId,
    ).catch((e) => e);
    expect(resumed.code).toBe(1);
    expect(resumed.stderr).toContain('IMPORT_COMPLETED');

    const runtime = await startRuntime({ dataDir: dir, logger: pino({ level: 'silent' }) });
    try {
      const page = await listUsage(runtime.deps, ctx, { source: 'pbx' }, { limit: 100 });
      expect(page.data.map((r) => [r.externalId, r.startedAt, r.price])).toEqual([
        ['1538726400.1', '2018-10-05T08:00:00Z', '0.120000'],
        ['1538731215.4', '2018-10-05T09:20:15Z', '0.800000'],
        ['1538733600.8', '2018-10-05T10:00:00Z', null],
        ['1538737200.11', '2018-10-05T11:00:00Z', null],
        ['1538746200.14', '2018-10-05T13:30:00Z', null],
        ['1540686600.18', '2018-10-28T00:30:00Z', '0.120000'],
        ['1540800000.20', '2018-10-29T08:00:00Z', '0.060000'],
        ['1540803600.23', '2018-10-29T09:00:00Z', '0.060000'],
      ]);
    } finally {
      await runtime.close();
    }
  });

  it('imports a FreeSWITCH cdr_csv file printing the rows per class, and refuses an XML CDR with entities', async () => {
    const { stdout } = await cli(
      'test/fixtures/freeswitch-Master.csv',
      '--format',
      'freeswitch-csv',
      '--timezone',
      'Europe/Madrid',
      '--source',
      'fs',
    );
    expect(stdout).toContain('4 accepted');
    // No rules for this source: the default says 1001 and 1002 are extensions, the rest outbound external.
    expect(stdout).toContain(
      'classes: 2 outbound external, 2 outbound internal, 0 inbound, 0 ignored, 1 skipped unanswered',
    );
    const evil = join(dir, 'evil.xml');
    writeFileSync(
      evil,
      '<?xml version="1.0"?>\n<!DOCTYPE cdr [<!ENTITY x "y">]>\n<cdr><variables><uuid>&x;</uuid></variables></cdr>\n',
    );
    const refused = await cli(evil, '--format', 'freeswitch-xml').catch((e) => e);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('XML_ENTITIES_REFUSED');
  });

  it('refuses a CSV without the columns it needs, with a clear error and exit code 1', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'id,when,secs\n1,2025-01-01T00:00:00Z,60\n');
    const failed = await cli(file, '--format', 'csv').catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('MISSING_COLUMNS');
    expect(failed.stderr).toContain('mapping.externalId');
    const missing = await cli(join(dir, 'nope.csv'), '--format', 'csv').catch((e) => e);
    expect(missing.stderr).toContain('FILE_NOT_FOUND');
  });
});
