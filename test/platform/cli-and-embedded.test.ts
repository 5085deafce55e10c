import { afterAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = join(process.cwd(), 'bin/tollbook.js');
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tollbook-cli-'));
  dirs.push(d);
  return d;
};
// The CLI uses the embedded database here whatever the suite runs on: these tests are about it.
const env = { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' };

describe('The tollbook command on the embedded database', () => {
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('tenant create --json prints the tenant id and an admin API key', async () => {
    const dir = tempDir();
    const { stdout } = await run(
      'node',
      [
        bin,
        '--data-dir',
        dir,
        'tenant',
        'create',
        '--name',
        'CLI Telecom',
        '--timezone',
        'Europe/Madrid',
        '--currency',
        'EUR',
        '--json',
      ],
      { env },
    );
    const out = JSON.parse(stdout);
    expect(out).toEqual({ tenantId: expect.stringMatching(/^ten_/), apiKey: expect.stringMatching(/^tbk_/) });

    // The way back in for a tenant without admin keys: mint one from the server's shell.
    const minted = await run(
      'node',
      [bin, '--data-dir', dir, 'api-key', 'create', '--tenant', out.tenantId, '--role', 'admin', '--json'],
      { env },
    );
    expect(JSON.parse(minted.stdout)).toEqual({
      id: expect.stringMatching(/^key_/),
      tenantId: out.tenantId,
      role: 'admin',
      apiKey: expect.stringMatching(/^tbk_/),
    });
    const unknown = await run(
      'node',
      [bin, '--data-dir', dir, 'api-key', 'create', '--tenant', 'ten_nope', '--role', 'viewer'],
      { env },
    ).catch((e) => e);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('error NOT_FOUND: Tenant ten_nope was not found\n');
  }, 240_000);

  it('refuses bad options with a clear error code and a non-zero exit', async () => {
    const dir = tempDir();
    const failed = await run(
      'node',
      [bin, '--data-dir', dir, 'tenant', 'create', '--name', 'X', '--timezone', 'Mars/Base', '--currency', 'EUR'],
      { env },
    ).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('INVALID_TIMEZONE');
  });

  it('a second process on the same data directory is refused with a clear message while serve runs', async () => {
    const dir = tempDir();
    const server = spawn('node', [bin, '--data-dir', dir, 'serve', '--port', '39123'], { env });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('serve did not start')), 120_000);
        server.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('Tollbook is running')) {
            clearTimeout(timer);
            resolve();
          }
        });
        server.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      const health = await fetch('http://127.0.0.1:39123/healthz');
      expect(health.status).toBe(200);
      const second = await run('node', [bin, '--data-dir', dir, 'migrate'], { env }).catch((e) => e);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain('DATA_DIR_LOCKED');
      expect(second.stderr).toContain('in use by another Tollbook process');
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
  }, 240_000);

  it('run-due --as-of runs and reports as of that instant; a bad instant is refused', async () => {
    const dir = tempDir();
    const { stdout } = await run(
      'node',
      [bin, '--data-dir', dir, 'run-due', '--as-of', '2024-03-01T00:00:00Z', '--json'],
      { env },
    );
    expect(JSON.parse(stdout)).toMatchObject({
      asOf: '2024-03-01T00:00:00Z',
      tasks: [
        { name: 'generation.schedules', result: [] },
        { name: 'bill-runs.start-due' },
        { name: 'payments.mark-overdue', result: { tenants: 0, changed: 0 } },
        { name: 'email.send-queue', result: { tenants: 0 } },
      ],
      jobsRun: expect.any(Number),
    });
    // The help promises only what runs: the registered tasks (generation, bill runs, overdue marking, the send queue) and the queued jobs.
    const help = (await run('node', [bin, 'run-due', '--help'], { env })).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('run the scheduled tasks registered in this release');
    expect(help).toContain(
      'periodic generation from the tenant schedules, bill runs of the bill groups, overdue marking, the email send queue',
    );
    const bad = await run('node', [bin, '--data-dir', dir, 'run-due', '--as-of', 'yesterday'], { env }).catch((e) => e);
    expect(bad.stderr).toContain('INVALID_TIMESTAMP');
  }, 240_000);
});
