import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
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
import { createApiKey } from '../../src/app/tenancy/api-keys.ts';
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
  }, 180_000);

  it('a file whose every row is rejected exits 1 with one line per rejection code, not per row', async () => {
    const file = join(dir, 'all-bad.csv');
    const rows = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0
        ? `bad-${i},9999,2018-10-05T10:00:00Z,60,34911111111,34910000001`
        : `bad-${i},1001,2018-10-05T10:00:00Z,60,34911111111,not-a-number`,
    );
    writeFileSync(file, ['externalId,accountCode,startedAt,durationSeconds,caller,callee', ...rows, ''].join('\n'));
    const failed = await cli(file, '--format', 'csv', '--source', 'all-bad').catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/error NOTHING_ACCEPTED: no row was accepted: all 30 were rejected\n$/);
    const out = failed.stdout.split('\n').filter(Boolean);
    expect(out[0]).toMatch(/completed: 30 rows .* 0 accepted, 0 duplicates, 30 rejected/);
    expect(out[1]).toMatch(/^classes: /);
    expect(out[2]).toBe('rejected rows by code:');
    expect(out[3]).toMatch(/^ {2}MALFORMED_NUMBER +20 {2}lines 3, 4, 6, 7, 9, …/);
    expect(out[4]).toMatch(/^ {2}CUSTOMER_NOT_MAPPED +10 {2}lines 2, 5, 8, 11, 14, …/);
    expect(out).toHaveLength(6);

    // A threshold stops a bad file early: the import fails after the batch that crossed it.
    const capped = await cli(
      file,
      '--format',
      'csv',
      '--source',
      'capped',
      '--batch-size',
      '5',
      '--max-rejected',
      '7',
      '--json',
    ).catch((e) => e);
    expect(capped.code).toBe(1);
    expect(capped.stderr).toContain('error TOO_MANY_REJECTED: 10 rows were rejected, more than --max-rejected 7');
    expect(JSON.parse(capped.stdout)).toMatchObject({ status: 'failed', processedRows: 10, rejected: 10 });
  }, 120_000);

  it('a killed import reads as interrupted, and resumes only with the very same file', async () => {
    const file = join(dir, 'long.csv');
    const rows = Array.from(
      { length: 4000 },
      (_, i) => `long-${i},1001,2018-10-06T10:00:00Z,${60 + (i % 50)},34911111111,3491000${String(i).padStart(4, '0')}`,
    );
    const text = ['externalId,accountCode,startedAt,durationSeconds,caller,callee', ...rows, ''].join('\n');
    writeFileSync(file, text);
    const child = spawn(
      'node',
      [bin, '--data-dir', dir, 'import-usage', file, '--format', 'csv', '--source', 'long', '--batch-size', '40'],
      { env },
    );
    let importId = '';
    await new Promise<void>((resolve, reject) => {
      let err = '';
      child.stderr.on('data', (c: Buffer) => {
        err += c.toString();
        importId ||= /as import (\S+)/.exec(err)?.[1] ?? '';
        // The first progress line follows the first committed batch: kill it right there.
        if (/\d+ of 4,000 rows/.test(err)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', () => reject(new Error(`the import ended before it could be killed: ${err}`)));
    });
    await new Promise((r) => child.once('exit', r));

    const runtime = await startRuntime({ dataDir: dir, logger: pino({ level: 'silent' }) });
    try {
      const { key } = await createApiKey(runtime.deps, ctx, { name: 'reader', role: 'viewer' });
      const http = await runtime.buildHttp();
      const get = await http.inject({
        url: `/api/v1/usage-imports/${importId}`,
        headers: { authorization: `Bearer ${key}` },
      });
      expect(get.json()).toMatchObject({ id: importId, status: 'interrupted', origin: 'cli' });
      expect(get.json().processedRows).toBeGreaterThan(0);
      expect(get.json().processedRows).toBeLessThan(4000);
      const list = await http.inject({ url: '/api/v1/usage-imports', headers: { authorization: `Bearer ${key}` } });
      expect(list.json().data.find((i: { id: string }) => i.id === importId).status).toBe('interrupted');
      await http.close();
    } finally {
      await runtime.close();
    }

    const listed = JSON.parse((await run('node', [bin, '--data-dir', dir, 'usage-imports', '--json'], { env })).stdout);
    expect(listed.find((i: { id: string }) => i.id === importId).status).toBe('interrupted');

    // The same size, one digit changed in a row already read: refused, nothing mixed in.
    const other = join(dir, 'other.csv');
    writeFileSync(other, text.replace('long-0,1001,2018-10-06T10:00:00Z,60', 'long-0,1001,2018-10-06T10:00:00Z,61'));
    const refused = await cli(other, '--format', 'csv', '--resume', importId).catch((e) => e);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^error IMPORT_FILE_CHANGED: import \S+ cannot continue with this file: the file's content differs/,
    );

    const resumed = JSON.parse((await cli(file, '--format', 'csv', '--resume', importId, '--json')).stdout);
    expect(resumed).toMatchObject({ status: 'completed', processedRows: 4000, rejected: 0 });
    expect(resumed.accepted + resumed.duplicates).toBe(4000);
  }, 150_000);

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
  }, 120_000);

  it('refuses a CSV without the columns it needs, with a clear error and exit code 1', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'id,when,secs\n1,2025-01-01T00:00:00Z,60\n');
    const failed = await cli(file, '--format', 'csv').catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('MISSING_COLUMNS');
    expect(failed.stderr).toContain('mapping.externalId');
    const missing = await cli(join(dir, 'nope.csv'), '--format', 'csv').catch((e) => e);
    expect(missing.stderr).toContain('FILE_NOT_FOUND');
  }, 120_000);
});
