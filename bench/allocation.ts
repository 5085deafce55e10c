// Record and allocate N payments against 10 × N open invoices on PostgreSQL, against a bare SQL
// update of the same invoice rows from the resulting ledger in the same run. Two modes:
// - api: each payment through the same use case as POST /payments (store, lock the customer, read
//   its open invoices, allocate, append the ledger, move the invoices' paid amounts), one
//   transaction per payment, `--concurrency` callers at once;
// - import: the N payments as one CSV bank statement through `importPayments` (one transaction,
//   rows stored and allocated in set-based chunks), matched by the customer id column.
//
//   npx tsx bench/allocation.ts [--mode api|import] [--payments 100000] [--concurrency 4] [--url postgres://postgres@127.0.0.1:5432/test]
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { Temporal } from 'temporal-polyfill';
import { startRuntime } from '../src/main.ts';
import { scratchDatabase } from './support/scratch-database.ts';
import { createTenant } from '../src/app/tenancy/create-tenant.ts';
import { recordPayment } from '../src/app/payments/record-payment.ts';
import { importPayments } from '../src/app/payments/import-payments.ts';
import type { CallContext } from '../src/app/context.ts';

const { values } = parseArgs({
  options: {
    payments: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '4' },
    mode: { type: 'string', default: 'api' },
    url: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const payments = Number(values.payments);
const concurrency = Number(values.concurrency);
const mode = values.mode === 'import' ? 'import' : 'api';
// One payment per customer, ten open invoices of 10.00 each: a payment of 35.00 pays three and part
// of a fourth, so every payment writes several ledger rows and invoice updates.
const DOCS_PER_CUSTOMER = 10;

const scratch = await scratchDatabase(values.url!);
const clock = { now: () => Temporal.Instant.from('2026-03-10T12:00:00Z') };
const runtime = await startRuntime({ databaseUrl: scratch.url, clock, logger: pino({ level: 'warn' }) });
try {
  const deps = runtime.deps;
  const { tenant } = await createTenant(deps, { name: 'Bench', timezone: 'UTC', currency: 'EUR' });
  const ctx: CallContext = { tenantId: tenant.id, actor: { type: 'system', id: 'bench' }, role: 'admin' };
  const pool = runtime.database.pool!;
  const t0 = performance.now();
  // Customers and issued invoices are loaded in SQL: the bench is about allocation, not invoicing.
  await pool.query(
    `insert into customers (id, tenant_id, name, timezone, currency) select 'cus_b' || g, $1, 'Customer ' || g, 'UTC', 'EUR' from generate_series(1, $2) g`,
    [tenant.id, payments],
  );
  await pool.query(
    `insert into documents (id, tenant_id, type, status, payment_status, number, customer_id, currency, period_start, period_end,
       timezone, customer_timezone, issue_date, due_date, payment_terms_days, tax_rate, call_discount_percent,
       total_net, total_tax, total, issued_at)
     select 'doc_b' || lpad(g::text, 10, '0'), $1, 'invoice', 'issued', 'unpaid', 'B' || g, 'cus_b' || (1 + (g - 1) / $3),
       'EUR', date '2025-01-01' + ((g - 1) % $3) * 31, date '2025-01-28' + ((g - 1) % $3) * 31, 'UTC', 'UTC',
       date '2025-02-01' + ((g - 1) % $3) * 31, date '2025-02-15' + ((g - 1) % $3) * 31, 14, 0, 0, 10, 0, 10, now()
     from generate_series(1, $2) g`,
    [tenant.id, payments * DOCS_PER_CUSTOMER, DOCS_PER_CUSTOMER],
  );
  await pool.query('analyze customers; analyze documents');
  const loadMs = performance.now() - t0;

  // The statement is built before the clock starts: reading the file is not allocation.
  const statement =
    mode === 'import'
      ? ['date,externalId,amount,customerId']
          .concat(Array.from({ length: payments }, (_, k) => `2026-03-09,p${k + 1},35.00,cus_b${k + 1}`))
          .join('\n')
      : '';
  const t1 = performance.now();
  if (mode === 'import') {
    const report = await importPayments(deps, ctx, { format: 'csv', source: 'bench' }, statement, (done, total) => {
      if (done % 5000 < 500) process.stderr.write(`  ${done}/${total} rows\n`);
    });
    if (report.accepted !== payments) throw new Error(`import accepted ${report.accepted} of ${payments} rows`);
  } else {
    let next = 1;
    const worker = async () => {
      for (let i = next++; i <= payments; i = next++) {
        await recordPayment(deps, ctx, {
          customerId: `cus_b${i}`,
          amount: '35.00',
          currency: 'EUR',
          source: 'bench',
          externalId: `p${i}`,
        });
        if (i % 1000 === 0) process.stderr.write(`  ${i}/${payments} payments\n`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }
  const allocateMs = performance.now() - t1;

  // The same invoice rows, written by one bare statement from the ledger the run produced.
  const t2 = performance.now();
  const bare = await pool.query(
    `update documents d set paid = a.paid, payment_status = case when a.paid >= d.total then 'paid' else 'partially_paid' end
     from (select document_id, sum(amount) as paid from allocations where tenant_id = $1 group by 1) a
     where d.tenant_id = $1 and d.id = a.document_id`,
    [tenant.id],
  );
  const bareMs = performance.now() - t2;

  const check = await pool.query(
    `select (select count(*) from allocations where tenant_id = $1) as rows,
       (select coalesce(sum(amount), 0)::text from allocations where tenant_id = $1) as allocated,
       (select coalesce(sum(amount), 0)::text from payments where tenant_id = $1) as received,
       (select count(*) from documents where tenant_id = $1 and paid > total) as over_allocated`,
    [tenant.id],
  );
  const result = {
    mode,
    payments,
    openDocuments: payments * DOCS_PER_CUSTOMER,
    ...(mode === 'api' ? { concurrency } : {}),
    loadSeconds: +(loadMs / 1000).toFixed(1),
    allocateSeconds: +(allocateMs / 1000).toFixed(1),
    paymentsPerSecond: +(payments / (allocateMs / 1000)).toFixed(1),
    bareUpdateRows: bare.rowCount,
    bareUpdateSeconds: +(bareMs / 1000).toFixed(3),
    ratioToBareUpdate: +(allocateMs / bareMs).toFixed(1),
    allocationRows: Number(check.rows[0].rows),
    allocated: check.rows[0].allocated,
    received: check.rows[0].received,
    overAllocatedDocuments: Number(check.rows[0].over_allocated),
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await runtime.close();
  await scratch.drop();
}
