import { afterAll, describe, expect, it } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = join(process.cwd(), 'bin/tollbook.js');
const env = { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' };
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tollbook-life-'));
  dirs.push(d);
  return d;
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** `tollbook serve` on an embedded data directory, resolved once it answers. */
async function serve(dir: string, port: number): Promise<{ child: ChildProcess; stderr: () => string }> {
  const child = spawn('node', [bin, '--data-dir', dir, 'serve', '--port', String(port)], { env });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 120_000);
    child.stdout!.on('data', (c: Buffer) => {
      if (c.toString().includes('Tollbook is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  return { child, stderr: () => err };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', r)));
const migrate = (dir: string) =>
  run('node', [bin, '--data-dir', dir, 'migrate'], { env }).then(
    () => ({ code: 0, stderr: '' }),
    (e) => ({ code: e.code as number, stderr: e.stderr as string }),
  );

describe('The embedded data-directory lock knows a dead owner from a live one', () => {
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('restarts at once after kill -9, and a paused owner keeps its lock for as long as it lives', async () => {
    const pausedDir = tempDir();
    const port = await freePort();
    const owner = await serve(pausedDir, port);
    owner.child.kill('SIGSTOP');
    const pausedSince = Date.now();
    try {
      // While the owner is paused: a server killed with SIGKILL frees its directory immediately.
      const crashedDir = tempDir();
      const crashed = await serve(crashedDir, await freePort());
      crashed.child.kill('SIGKILL');
      await exited(crashed.child);
      expect(existsSync(join(crashedDir, 'tollbook.lock'))).toBe(true);
      expect((await migrate(crashedDir)).code).toBe(0);

      // Paused longer than any refresh-based lock would wait before calling it stale (15 s).
      await sleep(Math.max(0, 16_000 - (Date.now() - pausedSince)));
      const second = await migrate(pausedDir);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/^error DATA_DIR_LOCKED: .*in use by another Tollbook process \(PID \d+/);
    } finally {
      owner.child.kill('SIGCONT');
    }
    // The owner carries on: it still answers, and shuts down cleanly without a stack trace.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    owner.child.kill('SIGTERM');
    expect(await exited(owner.child)).toBe(0);
    expect(owner.stderr()).not.toMatch(/ECOMPROMISED|\n\s+at /);
    expect(existsSync(join(pausedDir, 'tollbook.lock'))).toBe(false);
  }, 300_000);

  it('serve on a busy port exits 1 with one clear line and releases the data directory', async () => {
    const dir = tempDir();
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const { port } = busy.address() as AddressInfo;
    try {
      const failed = await run('node', [bin, '--data-dir', dir, 'serve', '--port', String(port)], {
        env,
        timeout: 120_000,
      }).catch((e) => e);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toBe(
        `error PORT_IN_USE: port ${port} on 127.0.0.1 is already in use by another program; stop it or pass another --port\n`,
      );
      expect((await migrate(dir)).code).toBe(0);
      const bad = await run('node', [bin, '--data-dir', dir, 'serve', '--port', 'http'], { env }).catch((e) => e);
      expect(bad.stderr).toContain('INVALID_PORT');
    } finally {
      await new Promise((r) => busy.close(r));
    }
  }, 240_000);
});
