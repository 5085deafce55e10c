import { afterAll, describe, expect, it } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { adminQuery, withDatabase } from '../support/global-setup.ts';

const run = promisify(execFile);
const bin = join(process.cwd(), 'bin/tollbook.js');
const url = process.env.TEST_DATABASE_URL;

/** Resolves when the process prints `marker` on stdout; rejects if it exits first. */
function started(child: ChildProcess, marker: string): Promise<void> {
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${marker}" within 60 s: ${out}`)), 60_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes(marker)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`exited ${code} before starting: ${out}`)));
  });
}

// Only PostgreSQL is shared by several processes; the embedded database admits one by its lock.
describe.runIf(url)('Processes starting at once on a fresh PostgreSQL database', () => {
  const name = `tollbook_race_${randomBytes(5).toString('hex')}`;
  afterAll(() => adminQuery(url!, `drop database if exists ${name} with (force)`));

  it('an API process, a worker and a migrate started together all come up', async () => {
    await adminQuery(url!, `create database ${name}`);
    const env = { ...process.env, DATABASE_URL: withDatabase(url!, name), LOG_LEVEL: 'info' };
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as AddressInfo;
    await new Promise((r) => probe.close(r));

    const api = spawn('node', [bin, 'serve', '--role', 'api', '--port', String(port)], { env });
    const worker = spawn('node', [bin, 'serve', '--role', 'worker'], { env });
    try {
      const [migrated] = await Promise.all([
        run('node', [bin, 'migrate'], { env }),
        started(api, 'Tollbook is running'),
        started(worker, '"msg":"tollbook started"'),
      ]);
      expect(migrated.stderr).toContain('migrations applied (postgres)');
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      for (const child of [api, worker]) child.kill('SIGTERM');
    }
    const codes = await Promise.all(
      [api, worker].map((c) => (c.exitCode !== null ? c.exitCode : new Promise((r) => c.once('exit', r)))),
    );
    expect(codes).toEqual([0, 0]);
  }, 120_000);
});
