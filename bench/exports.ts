// Outputs on PostgreSQL: the usage export of N records to CSV (and XLSX) through the same code as
// GET /exports/usage-records, with peak RSS sampled while it streams; then XLSX fills of the
// operator template and UBL writes per second, in the same run.
//
//   npx tsx bench/exports.ts [--records 1000000] [--xlsx-records 100000] [--url postgres://postgres@127.0.0.1:5432/test]
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { Temporal } from 'temporal-polyfill';
import { startRuntime } from '../src/main.ts';
import { scratchDatabase } from './support/scratch-database.ts';
import { createTenant } from '../src/app/tenancy/create-tenant.ts';
import { exportUsage } from '../src/app/exports/list-exports.ts';
import { outputWriters } from '../src/documents/outputs.ts';
import { sampleInvoiceTemplate } from '../src/documents/xlsx/sample-template.ts';
import { computeDocument } from '../src/core/invoice/compute-document.ts';
import { toEnModel } from '../src/core/einvoice/index.ts';
import type { CallContext } from '../src/app/context.ts';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    'xlsx-records': { type: 'string', default: '100000' },
    url: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const records = Number(values.records);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Drains a stream, counting bytes, while sampling the process RSS every 50 ms. */
async function drain(stream: NodeJS.ReadableStream): Promise<{ bytes: number; peakRss: number; ms: number }> {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  clearInterval(timer);
  return { bytes, peakRss: Math.max(peakRss, process.memoryUsage().rss), ms: performance.now() - t0 };
}

const scratch = await scratchDatabase(values.url!);
const clock = { now: () => Temporal.Instant.from('2018-11-15T12:00:00Z') };
const runtime = await startRuntime({ databaseUrl: scratch.url, clock, logger: pino({ level: 'warn' }) });
try {
  const deps = runtime.deps;
  const { tenant } = await createTenant(deps, { name: 'Bench', timezone: 'Europe/Madrid', currency: 'EUR' });
  const ctx: CallContext = { tenantId: tenant.id, actor: { type: 'system', id: 'bench' }, role: 'admin' };
  const pool = runtime.database.pool!;
  await pool.query(
    `insert into customers (id, tenant_id, name, timezone, currency) values ('cus_b1', $1, 'Customer', 'Europe/Madrid', 'EUR')`,
    [tenant.id],
  );
  await pool.query(
    `insert into usage_records (id, tenant_id, source, external_id, customer_id, started_at, duration_seconds, direction, external, caller, callee, price, currency, rated, destination_prefix, destination_name, billable_seconds)
    select 'ur_b' || lpad(g::text, 12, '0'), $1, 'sw1', 'r' || g, 'cus_b1', timestamptz '2018-10-01 00:00:00+00' + (g % 2592000) * interval '1 second', 30 + g % 300, 'outbound', true,
      '34911111111', '3556' || (g % 10) || '1234567', round((g % 1000) / 1000.0 + 0.01, 6), 'EUR', true, '3556' || (g % 10), 'Destination ' || (g % 10), 60
    from generate_series(1, $2) g`,
    [tenant.id, records],
  );
  await pool.query('analyze usage_records');

  const t0 = performance.now();
  const bare = await pool.query(`select count(*)::int as n from (select * from usage_records where tenant_id = $1) r`, [
    tenant.id,
  ]);
  const bareMs = performance.now() - t0;
  const rssBefore = process.memoryUsage().rss;
  const csv = await drain(outputWriters.table('csv', exportUsage(deps, ctx, {})));
  const xlsxRecords = Math.min(records, Number(values['xlsx-records']));
  const xlsxFilter = { to: Temporal.Instant.from('2018-10-01T00:00:00Z').add({ seconds: xlsxRecords }).toString() };
  const xlsx = await drain(outputWriters.table('xlsx', exportUsage(deps, ctx, xlsxFilter)));

  const { file, mapping } = await sampleInvoiceTemplate();
  const source = {
    currency: 'EUR',
    decimals: 2,
    header: { number: 'B-1', customerName: 'Customer', total: '121.00', totalTax: '21.00' },
    lines: Array.from({ length: 12 }, (_, i) => ({ position: String(i + 1), description: `Line ${i}`, net: '8.33' })),
  };
  const fills = 200;
  const t1 = performance.now();
  for (let i = 0; i < fills; i++) await outputWriters.fillXlsx(file, mapping, source);
  const fillMs = performance.now() - t1;

  const computation = computeDocument({
    currency: 'EUR',
    usage: Array.from({ length: 20 }, (_, i) => ({
      prefix: `3556${i}`,
      destination: `Destination ${i}`,
      calls: 100,
      durationSeconds: 6000,
      amount: '12.345678',
    })),
    fixedCosts: [{ fixedCostId: 'fc', description: 'Line rental', quantity: '1', unitPrice: '45.00' }],
    callDiscountPercent: '10',
    taxRate: '21',
  });
  const party = {
    name: 'Party',
    vatId: 'ESB00000001',
    address: { line1: 'Calle 1', line2: null, city: 'Madrid', postalCode: '28001', country: 'ES' },
    endpoint: { scheme: '9920', id: 'ESB00000001' },
    email: null,
  };
  const ublRuns = 2000;
  const t2 = performance.now();
  for (let i = 0; i < ublRuns; i++) {
    const model = toEnModel(computation, {
      kind: 'invoice',
      currency: 'EUR',
      paid: '0',
      zeroRateCategory: 'E',
      exemptionReason: 'Exempt',
    });
    outputWriters.ubl(
      {
        number: `B-${i}`,
        issueDate: '2018-11-15',
        dueDate: '2018-11-29',
        period: { start: '2018-10-01', end: '2018-10-31' },
        buyerReference: 'cus_b1',
        precedingInvoice: null,
        seller: party,
        buyer: party,
        payment: { meansCode: '58', iban: 'ES9121000418450200051332', bic: null, remittance: `B-${i}` },
        model,
      },
      'peppol',
    );
  }
  const ublMs = performance.now() - t2;

  console.log(
    JSON.stringify(
      {
        records,
        bareSelectSeconds: +(bareMs / 1000).toFixed(3),
        bareRows: bare.rows[0].n,
        csv: {
          seconds: +(csv.ms / 1000).toFixed(1),
          rowsPerSecond: Math.round(records / (csv.ms / 1000)),
          megabytes: mb(csv.bytes),
          rssBeforeMb: mb(rssBefore),
          peakRssMb: mb(csv.peakRss),
        },
        xlsx: {
          records: xlsxRecords,
          seconds: +(xlsx.ms / 1000).toFixed(1),
          rowsPerSecond: Math.round(xlsxRecords / (xlsx.ms / 1000)),
          megabytes: mb(xlsx.bytes),
          peakRssMb: mb(xlsx.peakRss),
        },
        xlsxTemplateFillsPerSecond: +(fills / (fillMs / 1000)).toFixed(1),
        ublPerSecond: Math.round(ublRuns / (ublMs / 1000)),
      },
      null,
      2,
    ),
  );
} finally {
  await runtime.close();
  await scratch.drop();
}
