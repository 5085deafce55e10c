import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoResult } from '../../src/app/demo/load-demo.ts';

/** A free port on loopback, for a server this test starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface DemoServer {
  url: string;
  demo: DemoResult;
  stop(): Promise<void>;
}

/**
 * Runs `tollbook demo --serve` as a user would, on a fresh embedded database in a temporary
 * directory and a free loopback port, and waits until it serves.
 */
export async function startDemoServer(timeoutMs = 420_000): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tollbook-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/tollbook.js', 'demo', '--serve', '--json', '--port', String(port), '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const demo = await new Promise<DemoResult>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start in time: ${stderr.slice(-2000)}`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code}: ${stderr.slice(-2000)}`));
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const json = stdout.split('\n').find((line) => line.startsWith('{'));
      if (json && stdout.includes('Tollbook is running')) {
        clearTimeout(timer);
        resolve(JSON.parse(json) as DemoResult);
      }
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    demo,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
