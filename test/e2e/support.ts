import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

/** Calls the demo's API with its machine key, for what a browser test prepares outside the UI. */
export function demoApi(server: DemoServer) {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${server.demo.apiKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
}

/**
 * A browser context that refuses any request leaving the server and records it in `external`
 * (no telemetry, no CDN). Scripts a test adds (axe-core) are put in by the browser itself, like an
 * extension, so the page's own policy still holds.
 */
export async function loopbackContext(
  browser: Browser,
  server: DemoServer,
  external: string[],
  options: { viewport?: { width: number; height: number }; initScript?: string } = {},
): Promise<BrowserContext> {
  const viewport = options.viewport ?? { width: 1280, height: 800 };
  const ctx = await browser.newContext({ viewport, acceptDownloads: true, locale: 'en-US' });
  if (options.initScript) await ctx.addInitScript({ content: options.initScript });
  await ctx.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url) || url.startsWith('data:')) return route.continue();
    external.push(url);
    return route.abort();
  });
  return ctx;
}

/** Signs in on the sign-in form at `url` (the admin app or the portal). */
export async function signIn(page: Page, url: string, login: { email: string; password: string }) {
  await page.goto(url);
  await page.locator('input[name=username]').fill(login.email);
  await page.locator('input[name=password]').fill(login.password);
  await page.locator('button[type=submit]').click();
}
