import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiAnswer } from './cluster.ts';
import type { KeyedLedger } from './keyed.ts';
import { runCli, type Store } from './processes.ts';

type Get = (path: string) => Promise<ApiAnswer>;

/** What the workloads asked for; the invariants compare the database against it. */
export interface Expected {
  /** externalId prefix → rows sent */
  usage: Map<string, number>;
  importIds: string[];
  cliImportIds: string[];
  /** documents created (one per customer), and those whose issue was answered 200 */
  documents: Map<string, { customerId: string; issuedNumber: string | null }>;
  operatorRetries: number;
  cliKills: number;
  cliKillPoints: Map<string, number>;
}

export const newExpected = (): Expected => ({
  usage: new Map(),
  importIds: [],
  cliImportIds: [],
  documents: new Map(),
  operatorRetries: 0,
  cliKills: 0,
  cliKillPoints: new Map(),
});

const mapping = JSON.stringify({
  externalId: 'id',
  customerId: 'customer',
  startedAt: 'start',
  durationSeconds: 'secs',
  direction: 'dir',
  caller: 'from',
  callee: 'to',
  price: 'price',
});

function usageCsv(prefix: string, customerId: string, rows: number): string {
  const lines = ['id,customer,start,secs,dir,from,to,price'];
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push(`${prefix}-${i},${customerId},2026-02-${day}T10:00:00Z,${30 + i},outbound,34911000000,3460${i}1,0.0100`);
  }
  return `${lines.join('\n')}\n`;
}

async function waitFor<T>(what: () => string, probe: () => Promise<T | null>, timeoutMs = 180_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== null) return value;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what()}`);
}

/** An upload through the API, processed by whichever worker lives; killed workers' batches are resumed. */
export async function apiImportWave(ledger: KeyedLedger, get: Get, expected: Expected, wave: number, rows = 300) {
  const customer = await ledger.post('/api/v1/customers', { name: `Import customer ${wave}`, currency: 'EUR' });
  const prefix = `api${wave}`;
  const upload = await ledger.post(
    `/api/v1/usage-imports?format=csv&batchSize=25&source=harness&mapping=${encodeURIComponent(mapping)}`,
    usageCsv(prefix, customer.body.id, rows),
  );
  if (upload.status !== 202) throw new Error(`upload refused: ${upload.status} ${JSON.stringify(upload.body)}`);
  expected.usage.set(prefix, rows);
  expected.importIds.push(upload.body.id);
}

/** Drafts generated, then issued all at once with keys: numbering, rendering and replays under kills. */
export async function invoiceWave(ledger: KeyedLedger, get: Get, expected: Expected, wave: number, count = 3) {
  const drafts: string[] = [];
  for (let i = 0; i < count; i++) {
    const customer = await ledger.post('/api/v1/customers', { name: `Invoice customer ${wave}.${i}`, currency: 'EUR' });
    const records = [0, 1, 2].map((n) => ({
      externalId: `inv${wave}.${i}.${n}`,
      customerId: customer.body.id,
      startedAt: `2026-01-1${n}T09:00:00Z`,
      durationSeconds: 60 * (n + 1),
      direction: 'outbound',
      external: true,
      caller: '34911000000',
      callee: `3460000${n}`,
      price: `${n + 1}.0000`,
    }));
    await ledger.post('/api/v1/usage-records', { records });
    expected.usage.set(`inv${wave}.${i}.`, 3);
    const doc = await ledger.post('/api/v1/documents', {
      type: 'invoice',
      customerId: customer.body.id,
      periodStart: '2026-01-01',
      periodEnd: '2026-01-31',
    });
    if (doc.status !== 201) throw new Error(`draft refused: ${doc.status} ${JSON.stringify(doc.body)}`);
    expected.documents.set(doc.body.id, { customerId: customer.body.id, issuedNumber: null });
    await ledger.post(`/api/v1/documents/${doc.body.id}/generate`);
    drafts.push(doc.body.id);
  }
  for (const id of drafts) await rendered(ledger, get, expected, id, 'generate');
  const issued = await Promise.all(drafts.map((id) => issueOnceGenerated(ledger, get, expected, id)));
  issued.forEach((answer, i) => {
    if (answer.status !== 200) throw new Error(`issue refused: ${answer.status} ${JSON.stringify(answer.body)}`);
    expected.documents.get(drafts[i]!)!.issuedNumber = answer.body.number;
  });
}

/** Waits for a document's render to finish; a `failed` one is retried as an operator would. */
/**
 * Issues a generated draft. A generation job whose process died after it committed runs again
 * when its lease expires (at least once), so a draft seen generated can be back in `processing`
 * when the issue arrives: refused with NOT_GENERATED, as an operator would, wait and issue again.
 */
async function issueOnceGenerated(ledger: KeyedLedger, get: Get, expected: Expected, id: string) {
  for (let attempt = 1; ; attempt += 1) {
    const answer = await ledger.post(`/api/v1/documents/${id}/issue`);
    if (answer.status !== 422 || answer.body?.code !== 'NOT_GENERATED' || attempt === 5) return answer;
    await rendered(ledger, get, expected, id, 'generate');
  }
}

export async function rendered(ledger: KeyedLedger, get: Get, expected: Expected, id: string, retry: string) {
  let last: unknown = null;
  return waitFor(
    () => `document ${id} rendered (last seen: ${JSON.stringify(last)})`,
    async () => {
      const doc = (await get(`/api/v1/documents/${id}`)).body;
      last = { status: doc.status, renderStatus: doc.renderStatus, renderError: doc.renderError };
      if (doc.renderStatus === 'created') return doc;
      if (doc.renderStatus === 'failed') {
        expected.operatorRetries += 1;
        await ledger.post(`/api/v1/documents/${id}/${retry}`);
      }
      return null;
    },
  );
}

/** `tollbook import-usage` killed at a batch, then `--resume`d as the CLI requires. */
export async function cliImportWave(
  store: Store,
  dir: string,
  tenantId: string,
  customerId: string,
  expected: Expected,
  wave: number,
  killAt: string,
  rows = 200,
) {
  const prefix = `cli${wave}`;
  const file = join(dir, `${prefix}.csv`);
  writeFileSync(file, usageCsv(prefix, customerId, rows));
  const args = [
    'import-usage',
    file,
    '--format',
    'csv',
    '--mapping',
    mapping,
    '--batch-size',
    '20',
    '--tenant',
    tenantId,
  ];
  const first = await runCli(store, args, killAt);
  const id = /as import (\S+)/.exec(first.stderr)?.[1];
  if (!id) throw new Error(`the CLI import did not start: ${first.stderr}`);
  expected.usage.set(prefix, rows);
  expected.cliImportIds.push(id);
  if (first.killPoint) {
    expected.cliKills += 1;
    expected.cliKillPoints.set(first.killPoint, (expected.cliKillPoints.get(first.killPoint) ?? 0) + 1);
    const resumed = await runCli(store, [...args, '--resume', id, '--json']);
    if (resumed.code !== 0) throw new Error(`--resume ${id} failed: ${resumed.stdout} ${resumed.stderr}`);
  } else if (first.code !== 0) throw new Error(`the CLI import failed: ${first.stderr}`);
}
