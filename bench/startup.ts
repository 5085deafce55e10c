// Start-up time of `tollbook serve` until /healthz answers, on an existing embedded database and
// on PostgreSQL, each started R times (the first embedded start creates and migrates the data).
//
//   npx tsx bench/startup.ts [--runs 3] [--url postgres://postgres@127.0.0.1:5432/test]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const runs = Number(values.runs);
const bin = join(process.cwd(), 'bin/tollbook.js');

async function startOnce(args: string[], env: NodeJS.ProcessEnv, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn('node', [bin, ...args, 'serve', '--port', String(port)], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return performance.now() - started;
      } catch {
        /* not listening yet */
      }
      if (performance.now() - started > 60_000) throw new Error('serve did not answer within 60 s');
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const dir = mkdtempSync(join(tmpdir(), 'tollbook-startup-'));
try {
  const first = await startOnce(['--data-dir', dir], { DATABASE_URL: '' }, 39301);
  const embedded: number[] = [];
  for (let i = 0; i < runs; i += 1) embedded.push(await startOnce(['--data-dir', dir], { DATABASE_URL: '' }, 39301));
  const postgres: number[] = [];
  for (let i = 0; i < runs; i += 1) postgres.push(await startOnce([], { DATABASE_URL: values.url }, 39302));
  console.log(
    JSON.stringify(
      {
        embeddedFirstStartMs: Math.round(first),
        embeddedExistingMedianMs: Math.round(median(embedded)),
        postgresMedianMs: Math.round(median(postgres)),
        embeddedRunsMs: embedded.map(Math.round),
        postgresRunsMs: postgres.map(Math.round),
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
