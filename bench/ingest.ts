// Usage ingestion throughput: read a CSV of N calls, validate, find customers, rate and store them
// through the same code path as `tollbook import-usage`, on PostgreSQL and on PGlite, and compare
// with a plain COPY of the same file into an unindexed table in the same run.
//
//   npx tsx bench/ingest.ts --rows 1000000                # both databases
//   npx tsx bench/ingest.ts --rows 1000000 --only postgres
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (default) names the server;
//   the bench creates a database of its own there and drops it afterwards.
//
// Without --rows, PostgreSQL gets 1,000,000 rows and PGlite 200,000 (a million rows on the
// single-threaded embedded database takes minutes; run it with --rows when you want it).
import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { pino } from 'pino';
import { startRuntime, type Runtime } from '../src/main.ts';
import { createTenant } from '../src/app/tenancy/create-tenant.ts';
import { createCustomer } from '../src/app/customers/manage-customers.ts';
import { createRatePlan } from '../src/app/usage/manage-rate-plans.ts';
import { createAssignment } from '../src/app/usage/manage-assignments.ts';
import { createFileImport } from '../src/app/usage/file-import.ts';
import { DEFAULT_BATCH_ROWS, processUsageImport } from '../src/app/usage/process-usage-import.ts';
import { UsageIngestor, type IncomingRow } from '../src/app/usage/usage-ingestor.ts';
import { CsvRecordReader, type CsvRecord } from '../src/app/usage/csv-records.ts';
import { csvRowMapper, resolveMapping, type RowMapper } from '../src/app/usage/import-rows.ts';
import { decodeChunks } from '../src/app/usage/decode-text.ts';
import type { CallContext } from '../src/app/context.ts';
import { benchPlan, generateCsv, ratingBench, type BenchPlan } from './ingest-data.ts';
import { classificationBench, type ClassifyBench } from './ingest-classify.ts';

const { values: args } = parseArgs({
  options: { rows: { type: 'string' }, only: { type: 'string' }, 'batch-size': { type: 'string' } },
});
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const batchSize = Number(args['batch-size'] ?? DEFAULT_BATCH_ROWS);
const targets = (args.only ? [args.only] : ['postgres', 'pglite']) as Array<'postgres' | 'pglite'>;
const rowsFor = (db: 'postgres' | 'pglite') => Number(args.rows ?? (db === 'postgres' ? 1_000_000 : 200_000));

interface Result {
  database: string;
  rows: number;
  copySeconds: number;
  ingestSeconds: number;
  accepted: number;
  ingestPerSecond: number;
  copyPerSecond: number;
  ratio: number;
  readValidatePerSecond: number;
  indexedCopySeconds: number;
  indexedCopyRatio: number;
  /** The same file without a direction column, classified by the default and by 20 rules. */
  classification: ClassifyBench[];
}

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A tenant with 100 customers (account codes ACC000…), one plan of 5,000 prefixes assigned to all. */
async function setUp(runtime: Runtime, plan: BenchPlan): Promise<CallContext> {
  const { tenant } = await createTenant(runtime.deps, { name: 'Bench Telecom', timezone: 'UTC', currency: 'EUR' });
  const ctx: CallContext = { tenantId: tenant.id, actor: { type: 'system', id: 'bench' }, role: 'admin' };
  const ratePlan = await createRatePlan(runtime.deps, ctx, { name: 'Bench', currency: 'EUR', rates: plan.rates });
  for (const code of plan.accountCodes) {
    const c = await createCustomer(runtime.deps, ctx, { name: `Customer ${code}`, accountCode: code, currency: 'EUR' });
    await createAssignment(runtime.deps, ctx, { customerId: c.id, ratePlanId: ratePlan.id, validFrom: '2020-01-01' });
  }
  return ctx;
}

const COPY_TABLE = `create table bench_copy (external_id text, account_code text, started_at timestamptz, duration_seconds int, direction text, caller text, callee text)`;

async function copyBaseline(runtime: Runtime, file: string): Promise<number> {
  if (runtime.database.pool) {
    const client = await runtime.database.pool.connect();
    try {
      await client.query(COPY_TABLE);
      const t0 = performance.now();
      await pipeline(
        createReadStream(file, { highWaterMark: 1 << 20 }),
        client.query(copyFrom('copy bench_copy from stdin with (format csv, header true)')),
      );
      return (performance.now() - t0) / 1000;
    } finally {
      client.release();
    }
  }
  const pglite = runtime.database.pglite!;
  await pglite.exec(COPY_TABLE);
  const t0 = performance.now();
  await pglite.query(`copy bench_copy from '/dev/blob' with (format csv, header true)`, [], {
    blob: new Blob([readFileSync(file)]),
  });
  return (performance.now() - t0) / 1000;
}

const STORED =
  'id, tenant_id, import_id, source, external_id, customer_id, started_at, duration_seconds, direction, external, caller, callee, price, currency, rated, pre_rated, unrated_reason, destination_prefix, destination_name, rate_plan_id, billable_seconds';

/**
 * A second reference: COPY of the ingested rows (all their columns) into a copy of usage_records
 * with the same indexes. It shows what the indexes idempotency and invoicing need cost by themselves.
 */
async function indexedCopy(runtime: Runtime): Promise<number> {
  const create = 'create table bench_indexed (like usage_records including all)';
  if (runtime.database.pool) {
    const client = await runtime.database.pool.connect();
    try {
      await client.query(create);
      await pipeline(
        client.query(copyTo(`copy (select ${STORED} from usage_records) to stdout`)),
        createWriteStream('bench/out/usage-dump.tsv'),
      );
      const t0 = performance.now();
      await pipeline(
        createReadStream('bench/out/usage-dump.tsv', { highWaterMark: 1 << 20 }),
        client.query(copyFrom(`copy bench_indexed (${STORED}) from stdin`)),
      );
      return (performance.now() - t0) / 1000;
    } finally {
      client.release();
    }
  }
  const pglite = runtime.database.pglite!;
  await pglite.exec(create);
  const dump = await pglite.query(`copy (select ${STORED} from usage_records) to '/dev/blob'`);
  const t0 = performance.now();
  await pglite.query(`copy bench_indexed (${STORED}) from '/dev/blob'`, [], { blob: dump.blob! });
  return (performance.now() - t0) / 1000;
}

/** Reading, mapping and validating the file without writing: the JS side of an import alone. */
async function readAndValidate(runtime: Runtime, ctx: CallContext, file: string): Promise<number> {
  const ingestor = await UsageIngestor.open(runtime.deps, ctx.tenantId, 'bench');
  const t0 = performance.now();
  const reader = new CsvRecordReader();
  let mapper: RowMapper | null = null;
  let batch: IncomingRow[] = [];
  let valid = 0;
  const handle = (records: CsvRecord[]) => {
    for (const r of records) {
      if (!mapper) {
        mapper = csvRowMapper(r.fields!, resolveMapping(r.fields!, null).mapping);
        continue;
      }
      batch.push(mapper(r));
      if (batch.length === batchSize) {
        valid += ingestor.prepare(batch).valid.length;
        batch = [];
      }
    }
  };
  for await (const text of decodeChunks(createReadStream(file, { highWaterMark: 1 << 20 }))) handle(reader.push(text));
  handle(reader.end());
  valid += ingestor.prepare(batch).valid.length;
  if (valid !== rowsFor(runtime.database.kind)) throw new Error(`only ${valid} rows were valid`);
  return (performance.now() - t0) / 1000;
}

async function runOne(db: 'postgres' | 'pglite', plan: BenchPlan): Promise<Result> {
  const rows = rowsFor(db);
  const file = `bench/out/usage-${rows}.csv`;
  if (!existsSync(file)) generateCsv(file, rows, plan);
  const name = `tollbook_bench_${process.pid}`;
  if (db === 'postgres') await adminQuery(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const runtime = await startRuntime(
    db === 'postgres'
      ? { databaseUrl: url.toString(), logger: pino({ level: 'warn' }) }
      : { dataDir: 'memory://', logger: pino({ level: 'warn' }) },
  );
  try {
    const ctx = await setUp(runtime, plan);
    const copySeconds = await copyBaseline(runtime, file);
    process.stderr.write(`${db}: COPY of ${rows} rows in ${copySeconds.toFixed(2)} s\n`);
    const readSeconds = await readAndValidate(runtime, ctx, file);
    const t0 = performance.now();
    const imp = await createFileImport(
      runtime.deps,
      ctx,
      { format: 'csv', source: 'bench', batchSize },
      {
        name: file,
        size: statSync(file).size,
        totalRows: rows + 1,
        head: readFileSync(file).subarray(0, 65_536),
        sha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
      },
    );
    let last = 0;
    const done = await processUsageImport(runtime.deps, ctx, imp, createReadStream(file, { highWaterMark: 1 << 20 }), {
      onProgress: (p) => {
        if (performance.now() - last > 5000) {
          last = performance.now();
          process.stderr.write(
            `${db}: ${p.processedRows} rows, ${Math.round(p.processedRows / ((last - t0) / 1000))}/s\n`,
          );
        }
      },
    });
    const ingestSeconds = (performance.now() - t0) / 1000;
    if (done.accepted !== rows)
      throw new Error(`${db}: accepted ${done.accepted} of ${rows} (rejected ${done.rejected})`);
    const indexedCopySeconds = await indexedCopy(runtime);
    const classification = await classificationBench(runtime, ctx, file, rows);
    return {
      classification,
      indexedCopySeconds,
      indexedCopyRatio: Math.round((copySeconds / indexedCopySeconds) * 1000) / 1000,
      database: db,
      rows,
      copySeconds,
      ingestSeconds,
      accepted: done.accepted,
      ingestPerSecond: Math.round(rows / ingestSeconds),
      copyPerSecond: Math.round(rows / copySeconds),
      ratio: Math.round((copySeconds / ingestSeconds) * 1000) / 1000,
      readValidatePerSecond: Math.round(rows / readSeconds),
    };
  } finally {
    await runtime.close();
    if (db === 'postgres') await adminQuery(`drop database if exists ${name} with (force)`);
  }
}

mkdirSync('bench/out', { recursive: true });
const plan = benchPlan();
const results: Result[] = [];
for (const db of targets) results.push(await runOne(db, plan));
const rating = await ratingBench(plan, 2_000_000);
for (const r of results) {
  console.log(
    `${r.database.padEnd(8)} ${r.rows.toLocaleString('en-US')} rows: ingest+rate ${r.ingestSeconds.toFixed(2)} s = ${r.ingestPerSecond.toLocaleString('en-US')} records/s; ` +
      `COPY ${r.copySeconds.toFixed(2)} s = ${r.copyPerSecond.toLocaleString('en-US')} rows/s; ratio ${(r.ratio * 100).toFixed(1)}% of COPY; read+validate alone ${r.readValidatePerSecond.toLocaleString('en-US')}/s; ` +
      `COPY into an indexed usage_records ${r.indexedCopySeconds.toFixed(2)} s (${(r.indexedCopyRatio * 100).toFixed(1)}% of plain COPY)`,
  );
}
for (const r of results) {
  const [none, twenty] = r.classification;
  console.log(
    `${r.database.padEnd(8)} classification: ${none.perSecond.toLocaleString('en-US')} records/s with no rules (default), ` +
      `${twenty.perSecond.toLocaleString('en-US')} records/s with ${twenty.rules} rules (${((twenty.perSecond / none.perSecond) * 100).toFixed(1)}%); ` +
      `classes with rules ${JSON.stringify(twenty.classes)}`,
  );
}
console.log(
  `rating alone (one core): ${rating.corePerSecond.toLocaleString('en-US')} records/s with core rateRecord, ${rating.ingestPathPerSecond.toLocaleString('en-US')} records/s as ingestion rates (plan pick + price text)`,
);
writeFileSync(
  'bench/out/ingest-results.json',
  `${JSON.stringify({ at: new Date().toISOString(), batchSize, results, rating }, null, 2)}\n`,
);
