// The web app's weight and first load: the bytes of the built bundle (raw and gzip) and, over R
// cold loads in headless Chromium (a new browser context each, so nothing is cached), the time from
// navigation until the sign-in form is shown, against `tollbook serve` on loopback.
//
//   bash scripts/build-web.sh && npx tsx bench/web-load.ts [--runs 5]
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../src/documents/pdf/find-chromium.ts';
import { webAppDir } from '../src/http/routes/home.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, port: { type: 'string', default: '3917' } },
});
const runs = Number(values.runs);
const url = `http://127.0.0.1:${values.port}`;

const assets = join(webAppDir(), 'assets');
let raw = 0;
let gzip = 0;
for (const name of readdirSync(assets)) {
  const bytes = readFileSync(join(assets, name));
  raw += bytes.length;
  gzip += gzipSync(bytes).length;
}
console.log(`bundle: ${(raw / 1024).toFixed(0)} KiB, gzip ${(gzip / 1024).toFixed(0)} KiB`);

const dataDir = mkdtempSync(join(tmpdir(), 'tollbook-bench-web-'));
const server = spawn('node', ['bin/tollbook.js', 'serve', '--port', values.port!, '--data-dir', dataDir], {
  env: { ...process.env, LOG_LEVEL: 'warn' },
  stdio: 'ignore',
});
try {
  for (let waited = 0; ; waited += 100) {
    if (
      await fetch(`${url}/healthz`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      break;
    if (waited > 60_000) throw new Error('serve did not answer within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({ executablePath: findChromium()!, args: CHROMIUM_ARGS.slice(0, 8) });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(url);
    await page.locator('input[name=username]').waitFor();
    times.push(performance.now() - started);
    await context.close();
  }
  await browser.close();
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `first load to the sign-in form: median ${sorted[Math.floor(runs / 2)]!.toFixed(0)} ms; runs ${times.map((t) => t.toFixed(0)).join(' / ')} ms`,
  );
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
