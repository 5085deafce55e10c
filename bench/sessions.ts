// A monthly generation session over N customers (M usage records and S subscriptions each): the
// session's time against the bare SQL aggregate of the same usage in the same run, the session's
// own peak RSS (from its start, not the load's) as it passes given numbers of customers, then the
// bulk issue of the session's drafts (numbers, no PDF: rendering is measured apart in bench/pdf.ts),
// or with `--delete true` their bulk delete.
// Also the floor of the session's writes: the rows it stored, inserted again by SQL alone.
//
//   npx tsx bench/sessions.ts [--customers 100000] [--records 100] [--subscriptions 2] [--store postgres|pglite]
//                             [--rss-at 10000,50000,100000] [--issue true] [--delete false] [--backlog false] [--workers 1]
//                             [--url postgres://postgres@127.0.0.1:5432/test]
//
// The subscriptions start in January 2018. By default every customer's January–September charges
// are already billed (on one issued invoice per customer, made for the first customer through the
// API and copied in SQL), as for an operator who invoices every month: the session has only
// October's charges to produce. `--backlog true` leaves them unbilled, so that the session also
// produces nine months of backlog per subscription.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { Temporal } from 'temporal-polyfill';
import { startRuntime } from '../src/main.ts';
import { scratchDatabase } from './support/scratch-database.ts';
import { createTenant } from '../src/app/tenancy/create-tenant.ts';
import { writesFloor } from './support/writes-floor.ts';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    records: { type: 'string', default: '100' },
    subscriptions: { type: 'string', default: '2' },
    store: { type: 'string', default: 'postgres' },
    'rss-at': { type: 'string', default: '10000,50000,100000' },
    issue: { type: 'string', default: 'true' },
    // Deletes the session's drafts in bulk instead of issuing them.
    delete: { type: 'string', default: 'false' },
    backlog: { type: 'string', default: 'false' },
    // Session chunks run this many at once, as TOLLBOOK_WORKER_JOBS does for a `serve` worker.
    workers: { type: 'string', default: '1' },
    // Leaves the PostgreSQL database in place (its name is printed) to read query plans afterwards.
    keep: { type: 'string', default: 'false' },
    url: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const customers = Number(values.customers);
const perCustomer = Number(values.records);
const subscriptions = Number(values.subscriptions);
const onPglite = values.store === 'pglite';
const rssAt = values['rss-at']!.split(',').map(Number);

const scratch = await scratchDatabase(values.url!, { create: !onPglite });
// October 2018 is over: the session bills it.
const clock = { now: () => Temporal.Instant.from('2018-11-15T12:00:00Z') };
const runtime = await startRuntime({
  ...(onPglite ? { dataDir: 'memory://' } : { databaseUrl: scratch.url }),
  clock,
  logger: pino({ level: 'warn' }),
});
const sql = async (text: string, params: unknown[] = []) =>
  (await runtime.database.executor.executeSql(text, params)) as unknown as { rows: Array<Record<string, unknown>> };

/**
 * Copies the rows of `table` whose `column` is `value` (made for the first customer through the
 * API) to customers 2 to N, row by row in SQL: same columns but the customer and those in `set`,
 * each an SQL expression over the copied row `t` and the customer number `g`.
 */
const copyToEveryCustomer = (table: string, column: string, value: string, set: Record<string, string>) =>
  sql(
    // Lateral, so the record is built once per row: `(f(x)).*` would call f once per column.
    `insert into ${table} select r.*
     from ${table} t, generate_series(2, $2) g,
       lateral json_populate_record(null::${table}, (to_jsonb(t) ||
         jsonb_build_object(${Object.entries({ customer_id: `'cus_b' || g`, ...set })
           .map(([name, expression]) => `'${name}', ${expression}`)
           .join(', ')}))::json) r
     where t.${column} = $1`,
    [value, customers],
  );

/**
 * Peak RSS (MB) sampled every 50 ms; reset when the session starts, then read as the session
 * passes each mark (the peak so far).
 */
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

try {
  const { tenant, apiKey } = await createTenant(runtime.deps, { name: 'Bench', timezone: 'UTC', currency: 'EUR' });
  const http = await runtime.buildHttp();
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await http.inject({
      method: method as 'GET',
      url: `/api/v1${path}`,
      headers: { authorization: `Bearer ${apiKey}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  await api('POST', '/legal-entities', { name: 'Bench Telecom SL', taxId: 'ESB00000001' });
  const sequence = await api('POST', '/number-sequences', {
    name: 'Main',
    documentType: 'invoice',
    prefix: 'S',
    padding: 7,
    increment: 1,
    start: 1,
    reset: 'never',
  });
  // PDFs on first view: issuing numbers the documents and queues no render (bench/pdf.ts measures those).
  await api('POST', '/invoicing-schemes', {
    name: 'Default',
    invoiceNumberSequenceId: sequence.id,
    taxRate: '21',
    renderMode: 'on_first_view',
    isDefault: true,
  });

  const t0 = performance.now();
  // Customers and usage are loaded in SQL: the bench is about the session, not ingestion.
  await sql(
    `insert into customers (id, tenant_id, name, timezone, currency, billing_period, activation_date)
     select 'cus_b' || g, $1, 'Customer ' || g, 'UTC', 'EUR', 'monthly', '2018-01-01' from generate_series(1, $2) g`,
    [tenant.id, customers],
  );
  await sql(
    `insert into usage_records (id, tenant_id, source, external_id, customer_id, started_at, duration_seconds, direction, external, caller, callee, price, currency, rated, destination_prefix, destination_name, billable_seconds)
    select 'ur_b' || lpad(g::text, 12, '0'), $1, 'sw1', 'r' || g, 'cus_b' || (1 + g % $2), timestamptz '2018-10-01 00:00:00+00' + (g % 2592000) * interval '1 second', 30 + g % 300, 'outbound', true,
      '34911111111', '3556' || (g % 10) || '1234567', round((g % 1000) / 1000.0 + 0.01, 6), 'EUR', true, '3556' || (g % 10), 'Destination ' || (g % 10), 60
    from generate_series(1, $3) g`,
    [tenant.id, customers, customers * perCustomer],
  );
  if (subscriptions > 0) {
    // The first customer's contract and subscriptions are made through the API, then copied to
    // every other customer row by row in SQL (same columns, new ids).
    const basic = await api('POST', '/contracts', { kind: 'basic', name: 'Business' });
    const contract = await api('POST', '/contracts', {
      customerId: 'cus_b1',
      basicContractId: basic.id,
      number: 'C-1',
      date: '2018-01-01',
    });
    for (let i = 1; i <= subscriptions; i++) {
      const product = await api('POST', '/products', {
        code: `P${i}`,
        name: `Line ${i}`,
        kind: 'recurring',
        period: 'month',
        currency: 'EUR',
        priceModel: 'flat',
        price: `${10 * i}.00`,
        taxRate: '21',
      });
      await api('POST', '/subscriptions', {
        contractId: contract.id,
        productId: product.id,
        startDate: '2018-01-01',
        billing: 'in_arrears',
      });
    }
    await copyToEveryCustomer('contracts', 'id', contract.id, {
      id: `'ctr_b' || g`,
      number: `'C-' || g`,
    });
    await copyToEveryCustomer('subscriptions', 'contract_id', contract.id, {
      id: `t.id || '_' || g`,
      contract_id: `'ctr_b' || g`,
    });
    if (values.backlog !== 'true') {
      // January–September billed: the first customer's invoice of those months made by the app,
      // marked issued, then copied with its charges to every other customer.
      const history = await api('POST', '/documents', {
        type: 'invoice',
        customerId: 'cus_b1',
        periodStart: '2018-01-01',
        periodEnd: '2018-09-30',
      });
      await api('POST', `/documents/${history.id}/generate`);
      await runtime.queue.drain();
      await sql(
        `update documents set status = 'issued', number = 'H1', issue_date = '2018-10-01', issued_at = '2018-10-01' where id = $1`,
        [history.id],
      );
      await copyToEveryCustomer('documents', 'id', history.id, {
        id: `'doc_h' || g`,
        number: `'H' || g`,
      });
      await copyToEveryCustomer('charges', 'document_id', history.id, {
        id: `t.id || '_' || g`,
        contract_id: `'ctr_b' || g`,
        subscription_id: `t.subscription_id || '_' || g`,
        document_id: `'doc_h' || g`,
      });
    }
  }
  // VACUUM as autovacuum would have by month's end (its insert threshold vacuums a table that only
  // grows): a month of calls inserted over the month is all-visible by the time it is billed, so
  // index-only scans need no heap. The bench inserts the month seconds before the session.
  await sql('vacuum analyze');
  const loadMs = performance.now() - t0;

  const t1 = performance.now();
  await sql(
    `select customer_id, destination_prefix, count(*), sum(duration_seconds), sum(price) from usage_records
     where tenant_id = $1 and started_at >= '2018-10-01' and started_at < '2018-11-01' group by 1, 2`,
    [tenant.id],
  );
  const aggregateMs = performance.now() - t1;

  // The peaks are the session's own: loading the usage (same process) must not count as its memory.
  const rssAtStart = mb(process.memoryUsage().rss);
  peak = 0;
  const t2 = performance.now();
  const session = await api('POST', '/generation-sessions', {
    documentType: 'invoice',
    periodStart: '2018-10-01',
    periodEnd: '2018-10-31',
  });
  const rss: Record<string, number> = {};
  const marks = [...rssAt].filter((n) => n <= customers).sort((a, b) => a - b);
  // Progress from the history list (counters, no document ids): the session's own GET lists every
  // document it made, so polling it twice a second measured the polls as much as the session.
  const watch = setInterval(() => {
    void api('GET', `/generation-sessions?limit=1`).then((page) => {
      const s = page.data[0];
      const done = s.counts.customersDone + s.counts.customersFailed + s.counts.customersSkipped;
      while (marks.length && done >= marks[0]!) rss[String(marks.shift())] = mb(peak);
    });
  }, 500);
  await runtime.queue.drainConcurrently(Number(values.workers));
  clearInterval(watch);
  const sessionMs = performance.now() - t2;
  const done = await api('GET', `/generation-sessions/${session.id}`);
  for (const m of marks) rss[String(m)] = mb(peak);
  const floor = await writesFloor(runtime.database.db, session.id);

  // The session's drafts, all at once: issued (numbers), or deleted with `--delete true`.
  const bulkOverSession = async (action: 'issue' | 'delete', done: 'issued' | 'deleted') => {
    const t3 = performance.now();
    const bulk = await api('POST', `/generation-sessions/${session.id}/${action}`, {});
    await runtime.queue.drain();
    const ms = performance.now() - t3;
    const finished = await api('GET', `/bulk-actions/${bulk.id}`);
    return {
      [`${action}Seconds`]: +(ms / 1000).toFixed(1),
      [`${done}PerSecond`]: +(finished.counts.done / (ms / 1000)).toFixed(1),
      [`${action}Counts`]: finished.counts,
    };
  };
  const issue =
    values.delete === 'true'
      ? await bulkOverSession('delete', 'deleted')
      : values.issue === 'true'
        ? await bulkOverSession('issue', 'issued')
        : {};
  const check = await sql(
    `select count(*) as n, count(distinct number) as numbers, min(number) as first, max(number) as last,
       sum(total)::text as total from documents where tenant_id = $1`,
    [tenant.id],
  );
  console.log(
    JSON.stringify(
      {
        store: onPglite ? 'pglite' : 'postgres',
        customers,
        recordsPerCustomer: perCustomer,
        subscriptionsPerCustomer: subscriptions,
        backlog: values.backlog === 'true',
        chunkSize: Number(process.env.TOLLBOOK_SESSION_CHUNK_SIZE) || 500,
        workers: Number(values.workers),
        loadSeconds: +(loadMs / 1000).toFixed(1),
        aggregateSeconds: +(aggregateMs / 1000).toFixed(3),
        sessionSeconds: +(sessionMs / 1000).toFixed(1),
        ratioToAggregate: +(sessionMs / aggregateMs).toFixed(2),
        writesFloorSeconds: +(floor.totalMs / 1000).toFixed(3),
        writesFloorRows: floor.rows,
        writesFloorMs: floor.ms,
        floorRatioToAggregate: +((aggregateMs + floor.totalMs) / aggregateMs).toFixed(2),
        ratioToAggregatePlusWrites: +(sessionMs / (aggregateMs + floor.totalMs)).toFixed(2),
        customersPerSecond: +(customers / (sessionMs / 1000)).toFixed(1),
        sessionStatus: done.status,
        sessionCounts: done.counts,
        rssMbAtSessionStart: rssAtStart,
        peakRssMbAtCustomers: rss,
        ...issue,
        documents: Number(check.rows[0]!.n),
        distinctNumbers: Number(check.rows[0]!.numbers),
        numbers: [check.rows[0]!.first, check.rows[0]!.last],
        sumOfTotals: check.rows[0]!.total,
      },
      null,
      2,
    ),
  );
} finally {
  clearInterval(sampler);
  await runtime.close();
  if (values.keep === 'true') console.error(`kept database ${scratch.name}`);
  else await scratch.drop();
}
