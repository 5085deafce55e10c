// A bill run over N accounts of one bill group on PostgreSQL (each with M calls of the cycle), timed
// from POST to the run's end, against the bare SQL aggregate of the same usage in the same run.
// Rendering is not part of it: closing queues a render job per invoice, measured in bench/pdf.ts.
//
//   npx tsx bench/bill-runs.ts [--accounts 100000] [--records 20] [--close-type post_user_billing]
//                              [--url postgres://postgres@127.0.0.1:5432/test]
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { Temporal } from 'temporal-polyfill';
import { startRuntime } from '../src/main.ts';
import { scratchDatabase } from './support/scratch-database.ts';
import { createTenant } from '../src/app/tenancy/create-tenant.ts';
import { createLegalEntity } from '../src/app/tenancy/legal-entities.ts';
import { createSequence } from '../src/app/documents/number-sequences.ts';
import { createBillGroup } from '../src/app/bill-groups/manage-bill-groups.ts';
import { startBillRun, BILL_RUN_CHUNK_QUEUE, BILL_RUN_CLOSE_QUEUE } from '../src/app/bill-runs/start-bill-run.ts';
import { getBillRun } from '../src/app/bill-runs/query-bill-runs.ts';
import type { CallContext } from '../src/app/context.ts';
import type { InvoiceCloseType } from '../src/core/bill-groups/terms.ts';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100000' },
    records: { type: 'string', default: '20' },
    'close-type': { type: 'string', default: 'post_user_billing' },
    url: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const accounts = Number(values.accounts);
const perAccount = Number(values.records);
const closeType = values['close-type'] as InvoiceCloseType;

// Peak RSS of this process (API, workers and the run share it), sampled while the run goes on.
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

const scratch = await scratchDatabase(values.url!);
// 1 November 2018 in Madrid: the group bills on the 1st, so the run bills October.
const clock = { now: () => Temporal.Instant.from('2018-11-01T08:00:00Z') };
const runtime = await startRuntime({ databaseUrl: scratch.url, clock, logger: pino({ level: 'warn' }) });
try {
  const deps = runtime.deps;
  const { tenant } = await createTenant(deps, { name: 'Bench', timezone: 'Europe/Madrid', currency: 'EUR' });
  const ctx: CallContext = { tenantId: tenant.id, actor: { type: 'system', id: 'bench' }, role: 'admin' };
  await createLegalEntity(deps, ctx, {
    name: 'Bench Telecom',
    taxId: 'X1',
    kpp: null,
    address: null,
    bank: null,
    email: null,
    phone: null,
    isDefault: true,
  });
  await createSequence(deps, ctx, {
    name: 'Main',
    documentType: 'invoice',
    prefix: 'B',
    padding: 7,
    increment: 1,
    start: 1,
    reset: 'never',
    pattern: null,
  });
  const group = await createBillGroup(deps, ctx, { name: 'Bench cycle', billDay: 1, invoiceCloseType: closeType });
  const pool = runtime.database.pool!;
  const t0 = performance.now();
  // Accounts and usage are loaded in SQL: the bench is about billing, not ingestion.
  await pool.query(
    `insert into customers (id, tenant_id, name, timezone, currency, activation_date, bill_group_id)
     select 'cus_b' || lpad(g::text, 7, '0'), $1, 'Account ' || lpad(g::text, 7, '0'), 'Europe/Madrid', 'EUR', '2018-09-01', $3
     from generate_series(1, $2) g`,
    [tenant.id, accounts, group.id],
  );
  await pool.query(
    `insert into usage_records (id, tenant_id, source, external_id, customer_id, started_at, duration_seconds, direction, external, caller, callee, price, currency, rated, destination_prefix, destination_name, billable_seconds)
    select 'ur_b' || lpad(g::text, 12, '0'), $1, 'sw1', 'r' || g, 'cus_b' || lpad((1 + g % $2)::text, 7, '0'), timestamptz '2018-10-01 00:00:00+00' + (g % 2592000) * interval '1 second', 30 + g % 300, 'outbound', true,
      '34911111111', '3556' || (g % 10) || '1234567', round((g % 1000) / 1000.0 + 0.01, 6), 'EUR', true, '3556' || (g % 10), 'Destination ' || (g % 10), 60
    from generate_series(1, $3) g`,
    [tenant.id, accounts, accounts * perAccount],
  );
  await pool.query('analyze customers; analyze usage_records');
  const loadMs = performance.now() - t0;

  const t1 = performance.now();
  await pool.query(
    `select customer_id, destination_prefix, count(*), sum(duration_seconds), sum(price) from usage_records where tenant_id = $1 group by 1, 2`,
    [tenant.id],
  );
  const aggregateMs = performance.now() - t1;

  const rssBefore = process.memoryUsage().rss;
  peakRss = rssBefore;
  const t2 = performance.now();
  const started = await startBillRun(deps, ctx, {
    billGroupId: group.id,
    billDate: '2018-11-01',
    startedBy: { kind: 'api_key', id: 'bench' },
  });
  // The run's own jobs only: closing also queues renders and emails, measured elsewhere.
  while ((await runtime.queue.drain([BILL_RUN_CHUNK_QUEUE, BILL_RUN_CLOSE_QUEUE])) > 0);
  const runMs = performance.now() - t2;
  const run = await getBillRun(deps, ctx, started.id);
  const check = await pool.query(
    `select count(*) as n, count(distinct number) as numbers, count(distinct customer_id) as accounts, sum(total)::text as total
     from documents where tenant_id = $1 and status = 'issued'`,
    [tenant.id],
  );
  const result = {
    accounts,
    recordsPerAccount: perAccount,
    closeType,
    loadSeconds: +(loadMs / 1000).toFixed(1),
    aggregateSeconds: +(aggregateMs / 1000).toFixed(3),
    runSeconds: +(runMs / 1000).toFixed(1),
    accountsPerSecond: +(accounts / (runMs / 1000)).toFixed(1),
    ratioToAggregate: +(runMs / aggregateMs).toFixed(1),
    peakRssMb: Math.round(peakRss / 2 ** 20),
    rssBeforeRunMb: Math.round(rssBefore / 2 ** 20),
    status: run.status,
    counts: run.counts,
    issued: Number(check.rows[0].n),
    distinctNumbers: Number(check.rows[0].numbers),
    distinctAccounts: Number(check.rows[0].accounts),
    sumOfTotals: check.rows[0].total,
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  clearInterval(sampler);
  await runtime.close();
  await scratch.drop();
}
