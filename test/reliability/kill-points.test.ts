import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { seededRandom } from '../../src/core/random/seeded.ts';
import { KILL_POINTS, type KillPointName } from '../../src/app/reliability/kill-points.ts';
import { adminQuery, withDatabase } from '../support/global-setup.ts';
import { Cluster, totalKills } from './harness/cluster.ts';
import { KeyedLedger } from './harness/keyed.ts';
import { Invariants } from './harness/invariants.ts';
import { runCli, type Store } from './harness/processes.ts';
import { apiImportWave, cliImportWave, invoiceWave, newExpected } from './harness/workloads.ts';
import { embeddedRun } from './harness/embedded.ts';

/**
 * The kill-point harness. Real `tollbook` processes are killed with SIGKILL at named points in
 * the code (TOLLBOOK_KILL_AT) and at random moments, while usage is imported (API and CLI),
 * invoices are generated, issued concurrently with Idempotency-Keys and rendered; they are
 * restarted and left to recover on their own, then the invariants are checked. On PostgreSQL it
 * runs the full form (several processes, ≥ 100 kills); on the embedded database, which one
 * process owns, a short form.
 */
const url = process.env.TEST_DATABASE_URL;
const target = Number(process.env.TOLLBOOK_KILL_TARGET ?? 100);
const seed = Number(process.env.TOLLBOOK_KILL_SEED ?? Date.now() % 1_000_000);

/** Server-side points, and the ones only an import reaches (the CLI loop arms those). */
const serverPoints = Object.keys(KILL_POINTS) as KillPointName[];
const importPoints: KillPointName[] = ['usage-import.batch-written', 'usage-import.batch-committed'];

describe('Killed at any point, Tollbook recovers by itself', () => {
  it(
    url
      ? `PostgreSQL, three processes: ≥ ${target} kills during imports, generation, keyed issuing and rendering`
      : 'embedded database: killed while rendering and right after a keyed issue commits',
    async () => {
      if (!url) return embeddedRun(expect);
      await fullRun(url);
    },
    1_200_000,
  );
});

async function fullRun(serverUrl: string) {
  const started = Date.now();
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const name = `tollbook_kill_${randomBytes(5).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name} template ${inject('pgTemplate')}`);
  const store: Store = { databaseUrl: withDatabase(serverUrl, name) };
  const work = mkdtempSync(join(tmpdir(), 'tollbook-kill-'));
  const client = new pg.Client({ connectionString: store.databaseUrl });
  let cluster: Cluster | null = null;
  try {
    const tenant = await runCli(store, [
      'tenant',
      'create',
      '--name',
      'Kill',
      '--timezone',
      'UTC',
      '--currency',
      'EUR',
      '--json',
    ]);
    const { tenantId, apiKey } = JSON.parse(tenant.stdout) as { tenantId: string; apiKey: string };
    const c = new Cluster(
      store,
      () => apiKey,
      () => (random() < 0.6 ? `${pick(serverPoints)}:${1 + Math.floor(random() * 3)}` : null),
      // A process armed with a kill point gets time to reach it; the others die while starting
      // (a quarter of them) or a few seconds into their work.
      (armed) =>
        armed
          ? { duringStartup: false, ms: 4_000 + random() * 8_000 }
          : random() < 0.25
            ? { duringStartup: true, ms: 200 + random() * 2_500 }
            : { duringStartup: false, ms: 2_000 + random() * 4_000 },
    );
    cluster = c;
    const get = (path: string) => c.request('GET', path);
    const ledger = new KeyedLedger((m, p, b, h) => c.request(m, p, b, h));
    const expected = newExpected();
    const kills = () => totalKills(c.counts) + expected.cliKills;
    c.start(3);
    const progress = setInterval(
      () => process.stdout.write(`  … ${kills()} kills after ${Math.round((Date.now() - started) / 1000)} s\n`),
      30_000,
    );
    progress.unref();
    await ledger.post('/api/v1/legal-entities', { name: 'Kill Telecom SL', taxId: 'ESB00000009' });
    await ledger.post('/api/v1/number-sequences', {
      name: 'Main',
      documentType: 'invoice',
      prefix: 'KP',
      padding: 5,
      increment: 1,
      start: 1,
      reset: 'never',
    });
    const cliCustomer = (await ledger.post('/api/v1/customers', { name: 'CLI customer', currency: 'EUR' })).body.id;
    let cliWave = 0;
    const cliLoop = (async () => {
      while (kills() < target) {
        const killAt = `${pick(importPoints)}:${1 + Math.floor(random() * 8)}`;
        await cliImportWave(store, work, tenantId, cliCustomer, expected, ++cliWave, killAt);
      }
    })();
    cliLoop.catch(() => undefined); // awaited below; a failure there must not go unhandled meanwhile
    let wave = 0;
    while (kills() < target) {
      wave += 1;
      await apiImportWave(ledger, get, expected, wave);
      await invoiceWave(ledger, get, expected, wave);
    }
    await cliLoop;
    clearInterval(progress);
    await c.settle();
    await client.connect();
    const invariants = new Invariants(client, tenantId);
    await invariants.quiesce();
    await invariants.usage(expected);
    await invariants.documents(expected);
    await invariants.jobs();
    const wrongReplays = await ledger.replayAll();
    invariants.report.checks += ledger.calls.size;
    const named = new Map(c.counts.named);
    for (const [point, n] of expected.cliKillPoints) named.set(`cli ${point}`, n);
    const seconds = Math.round((Date.now() - started) / 1000);
    process.stdout.write(
      [
        `kill-point harness (PostgreSQL, seed ${seed}): ${kills()} kills in ${seconds} s — ` +
          `${[...named.values()].reduce((a, b) => a + b, 0)} at named points, ${c.counts.randomTime} at random moments; ` +
          `${c.counts.restarts + expected.cliKills} recoveries (restarts and CLI resumes); ` +
          `${invariants.report.checks} invariant checks, ${invariants.report.failures.length + wrongReplays.length} failed`,
        `  named points: ${[...named].map(([p, n]) => `${p}×${n}`).join(', ')}`,
        `  workload: ${wave} API import waves, ${wave} invoice waves (${expected.documents.size} documents), ${cliWave} CLI imports; ` +
          `${ledger.calls.size} keyed requests, ${ledger.inProgressRetries} answered "in progress" while a live twin ran, ` +
          `${expected.operatorRetries} renders retried by hand`,
        '',
      ].join('\n'),
    );
    expect(invariants.report.failures).toEqual([]);
    expect(wrongReplays).toEqual([]);
    expect(c.serverErrors).toEqual([]);
    expect(kills()).toBeGreaterThanOrEqual(target);
  } finally {
    await cluster?.shutdown();
    await client.end().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
    await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  }
}
