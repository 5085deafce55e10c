// Generate and issue N invoices of M usage records each on PostgreSQL, against the bare SQL
// aggregate over the same usage in the same run. PDF rendering is measured apart (bench/pdf.ts):
// here "generate" is the computation and storage of lines and totals.
//
//   npx tsx bench/invoices.ts [--invoices 10000] [--records 100] [--concurrency 4] [--url postgres://postgres@127.0.0.1:5432/test]
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { Temporal } from 'temporal-polyfill';
import { startRuntime } from '../src/main.ts';
import { scratchDatabase } from './support/scratch-database.ts';
import { createTenant } from '../src/app/tenancy/create-tenant.ts';
import { createLegalEntity } from '../src/app/tenancy/legal-entities.ts';
import { createSequence } from '../src/app/documents/number-sequences.ts';
import { createInvoice } from '../src/app/documents/create-document.ts';
import { computeDraft } from '../src/app/documents/generate-document.ts';
import { issueDocument } from '../src/app/documents/issue-document.ts';
import type { CallContext } from '../src/app/context.ts';

const { values } = parseArgs({
  options: {
    invoices: { type: 'string', default: '10000' },
    records: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '4' },
    url: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const invoices = Number(values.invoices);
const perInvoice = Number(values.records);
const concurrency = Number(values.concurrency);

const scratch = await scratchDatabase(values.url!);
const clock = { now: () => Temporal.Instant.from('2018-11-15T12:00:00Z') };
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
  const seq = await createSequence(deps, ctx, {
    name: 'Main',
    documentType: 'invoice',
    prefix: 'B',
    padding: 6,
    increment: 1,
    start: 1,
    reset: 'never',
    pattern: null,
  });
  const pool = runtime.database.pool!;
  const t0 = performance.now();
  // Customers and usage are loaded in SQL: the bench is about invoicing, not ingestion.
  await pool.query(
    `insert into customers (id, tenant_id, name, timezone, currency) select 'cus_b' || g, $1, 'Customer ' || g, 'Europe/Madrid', 'EUR' from generate_series(1, $2) g`,
    [tenant.id, invoices],
  );
  await pool.query(
    `insert into usage_records (id, tenant_id, source, external_id, customer_id, started_at, duration_seconds, direction, external, caller, callee, price, currency, rated, destination_prefix, destination_name, billable_seconds)
    select 'ur_b' || lpad(g::text, 12, '0'), $1, 'sw1', 'r' || g, 'cus_b' || (1 + g % $2), timestamptz '2018-10-01 00:00:00+00' + (g % 2592000) * interval '1 second', 30 + g % 300, 'outbound', true,
      '34911111111', '3556' || (g % 10) || '1234567', round((g % 1000) / 1000.0 + 0.01, 6), 'EUR', true, '3556' || (g % 10), 'Destination ' || (g % 10), 60
    from generate_series(1, $3) g`,
    [tenant.id, invoices, invoices * perInvoice],
  );
  await pool.query('analyze usage_records');
  const loadMs = performance.now() - t0;

  const t1 = performance.now();
  await pool.query(
    `select customer_id, destination_prefix, count(*), sum(duration_seconds), sum(price) from usage_records where tenant_id = $1 group by 1, 2`,
    [tenant.id],
  );
  const aggregateMs = performance.now() - t1;

  const t2 = performance.now();
  let next = 1;
  const worker = async () => {
    for (let i = next++; i <= invoices; i = next++) {
      const doc = await createInvoice(deps, runtime.renderer, ctx, {
        customerId: `cus_b${i}`,
        periodStart: '2018-10-01',
        periodEnd: '2018-10-31',
        numberSequenceId: seq.id,
        taxRate: '21',
      });
      await computeDraft(deps, { tenantId: tenant.id, documentId: doc.id, revision: 0 });
      await deps.uow.run((s) => s.documents.updateDocument(tenant.id, doc.id, { renderStatus: 'created' }));
      await issueDocument(deps, ctx, doc.id);
      if (i % 1000 === 0) process.stderr.write(`  ${i}/${invoices} invoices\n`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const invoiceMs = performance.now() - t2;
  const check = await pool.query(
    `select count(*) as n, count(distinct number) as numbers, sum(total)::text as total from documents where tenant_id = $1 and status = 'issued'`,
    [tenant.id],
  );
  const result = {
    invoices,
    recordsPerInvoice: perInvoice,
    concurrency,
    loadSeconds: +(loadMs / 1000).toFixed(1),
    aggregateSeconds: +(aggregateMs / 1000).toFixed(3),
    invoiceSeconds: +(invoiceMs / 1000).toFixed(1),
    invoicesPerSecond: +(invoices / (invoiceMs / 1000)).toFixed(1),
    ratioToAggregate: +(invoiceMs / aggregateMs).toFixed(1),
    issued: Number(check.rows[0].n),
    distinctNumbers: Number(check.rows[0].numbers),
    sumOfTotals: check.rows[0].total,
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await runtime.close();
  await scratch.drop();
}
