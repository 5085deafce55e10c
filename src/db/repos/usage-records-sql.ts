import { sql, type SQL } from 'drizzle-orm';
import type { Page, PageRequest } from '../../app/ports/audit.ts';
import type {
  DestinationTotal,
  EncodedRecords,
  InsertedCounts,
  NewUsageRecord,
  UnratedCount,
  UsageFilter,
  UsageRecord,
} from '../../app/ports/usage.ts';
import type { Db } from '../types.ts';
import { rowsOf } from '../sql-text.ts';
import { isoTimestamp } from './rows.ts';
import { newIds } from '../../app/ids.ts';
import { element, prefixLike } from './usage-sql.ts';
import { billedBy, billingDocument, USAGE_LOCK_CLASS } from './usage-claim-coverage-sql.ts';

const RECORD_COLUMNS = [
  ['id', 'text'],
  ['source', 'text'],
  ['external_id', 'text'],
  ['customer_id', 'text'],
  ['started_at', 'timestamptz'],
  ['duration_seconds', 'int'],
  ['direction', 'text'],
  ['external', 'bool'],
  ['caller', 'text'],
  ['callee', 'text'],
  ['price', 'numeric'],
  ['currency', 'text'],
  ['rated', 'bool'],
  ['pre_rated', 'bool'],
  ['unrated_reason', 'text'],
  ['destination_prefix', 'text'],
  ['destination_name', 'text'],
  ['rate_plan_id', 'text'],
  ['billable_seconds', 'int'],
  ['classified_by', 'text'],
  ['cdr_fields', 'jsonb'],
] as const;

/**
 * The batch as one PostgreSQL array literal per column, built in a single pass over the records
 * (no intermediate arrays): on the ingestion hot path this runs for every row of every import.
 */
export function encodeRecords(records: readonly NewUsageRecord[]): EncodedRecords {
  const out: string[] = RECORD_COLUMNS.map(() => '{');
  // Each record is named here, in batch order; a duplicate's unused id is simply never stored.
  const ids = newIds('ur', records.length);
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const sep = i === 0 ? '' : ',';
    out[0] += sep + element(ids[i]!);
    out[1] += sep + element(r.source);
    out[2] += sep + element(r.externalId);
    out[3] += sep + element(r.customerId);
    out[4] += sep + element(r.startedAt);
    out[5] += sep + element(r.durationSeconds);
    out[6] += sep + element(r.direction);
    out[7] += sep + element(r.external);
    out[8] += sep + element(r.caller);
    out[9] += sep + element(r.callee);
    out[10] += sep + element(r.price);
    out[11] += sep + element(r.currency);
    out[12] += sep + element(r.rated);
    out[13] += sep + element(r.preRated);
    out[14] += sep + element(r.unratedReason);
    out[15] += sep + element(r.destinationPrefix);
    out[16] += sep + element(r.destinationName);
    out[17] += sep + element(r.ratePlanId);
    out[18] += sep + element(r.billableSeconds);
    out[19] += sep + element(r.classifiedBy);
    out[20] += sep + element(r.cdrFields === null ? null : JSON.stringify(r.cdrFields));
  }
  return { count: records.length, columns: out.map((c) => `${c}}`) };
}

/**
 * One INSERT … SELECT FROM unnest(…) per batch, one array parameter per column, and ON CONFLICT
 * DO NOTHING on (tenant, source, external id): re-sent records are counted, never stored twice.
 */
export async function insertRecords(
  tx: Db,
  tenantId: string,
  importId: string | null,
  records: EncodedRecords,
): Promise<InsertedCounts> {
  const arrays = sql.join(
    RECORD_COLUMNS.map(([, type], i) => sql`${records.columns[i]}::${sql.raw(type)}[]`),
    sql`, `,
  );
  // The tenant's ingestion gate, shared, before the rows get their seq and until the transaction ends
  // (ADR 0016): a usage bound read meanwhile waits, so no claim is bounded above a record in flight.
  const [row] = await rowsOf<{ n: number | string; oe: number | string; oi: number | string; inb: number | string }>(
    tx,
    sql`
    with lock as (select pg_advisory_xact_lock_shared(${USAGE_LOCK_CLASS}, hashtext(${tenantId}))),
    ins as (
      insert into usage_records (tenant_id, import_id, ${sql.raw(RECORD_COLUMNS.map(([name]) => name).join(', '))})
      select ${tenantId}, ${importId}, v.* from lock, unnest(${arrays}) as v
      on conflict (tenant_id, source, external_id) do nothing
      returning direction, external)
    select count(*) as n, count(*) filter (where direction = 'outbound' and external) as oe,
      count(*) filter (where direction = 'outbound' and not external) as oi, count(*) filter (where direction = 'inbound') as inb
    from ins`,
  );
  return {
    inserted: Number(row?.n ?? 0),
    outboundExternal: Number(row?.oe ?? 0),
    outboundInternal: Number(row?.oi ?? 0),
    inbound: Number(row?.inb ?? 0),
  };
}

/** The WHERE of a usage selection, on table alias u. */
export function usageWhere(tenantId: string, f: UsageFilter & { preRated?: boolean; reclassifiable?: true }): SQL {
  const parts: SQL[] = [sql`u.tenant_id = ${tenantId}`];
  if (f.id !== undefined) parts.push(sql`u.id = ${f.id}`);
  if (f.customerId !== undefined) parts.push(sql`u.customer_id = ${f.customerId}`);
  if (f.from !== undefined) parts.push(sql`u.started_at >= ${f.from}::timestamptz`);
  if (f.to !== undefined) parts.push(sql`u.started_at < ${f.to}::timestamptz`);
  if (f.direction !== undefined) parts.push(sql`u.direction = ${f.direction}`);
  if (f.external !== undefined) parts.push(sql`u.external = ${f.external}`);
  if (f.rated !== undefined) parts.push(sql`u.rated = ${f.rated}`);
  if (f.source !== undefined) parts.push(sql`u.source = ${f.source}`);
  if (f.destination !== undefined) parts.push(prefixLike(sql`u.destination_prefix`, f.destination));
  if (f.documentId !== undefined) parts.push(billedBy(tenantId, f.documentId));
  if (f.importId !== undefined) parts.push(sql`u.import_id = ${f.importId}`);
  if (f.preRated !== undefined) parts.push(sql`u.pre_rated = ${f.preRated}`);
  if (f.reclassifiable) parts.push(sql`u.classified_by in ('rule', 'default')`);
  return sql.join(parts, sql` and `);
}

const recordColumns = sql`u.id::text as id, u.source, u.external_id, u.customer_id, u.started_at::text as started_at, u.duration_seconds, u.direction, u.external,
  u.caller, u.callee, u.price::text as price, u.currency, u.rated, u.pre_rated, u.unrated_reason, u.destination_prefix, u.destination_name,
  u.rate_plan_id, u.billable_seconds, u.classified_by, u.cdr_fields, ${billingDocument} as document_id, u.import_id, u.created_at::text as created_at`;

function toRecord(r: Record<string, unknown>): UsageRecord {
  return {
    id: String(r.id),
    source: String(r.source),
    externalId: String(r.external_id),
    customerId: String(r.customer_id),
    startedAt: isoTimestamp(String(r.started_at)),
    durationSeconds: Number(r.duration_seconds),
    direction: r.direction as UsageRecord['direction'],
    external: Boolean(r.external),
    caller: String(r.caller),
    callee: String(r.callee),
    price: (r.price as string | null) ?? null,
    currency: (r.currency as string | null) ?? null,
    rated: Boolean(r.rated),
    preRated: Boolean(r.pre_rated),
    unratedReason: (r.unrated_reason as string | null) ?? null,
    destinationPrefix: (r.destination_prefix as string | null) ?? null,
    destinationName: (r.destination_name as string | null) ?? null,
    classifiedBy: (r.classified_by as UsageRecord['classifiedBy']) ?? null,
    cdrFields: (r.cdr_fields as Record<string, string> | null) ?? null,
    ratePlanId: (r.rate_plan_id as string | null) ?? null,
    billableSeconds: r.billable_seconds === null ? null : Number(r.billable_seconds),
    documentId: (r.document_id as string | null) ?? null,
    importId: (r.import_id as string | null) ?? null,
    createdAt: isoTimestamp(String(r.created_at)),
  };
}

/** Start-time order with a (started_at, id) keyset cursor: stable while records keep arriving. */
export async function listRecords(
  tx: Db,
  tenantId: string,
  filter: UsageFilter,
  page: PageRequest,
): Promise<Page<UsageRecord>> {
  const [afterTime, afterId] = page.after ? page.after.split('|') : [];
  const cursor = afterTime && afterId ? sql`and (u.started_at, u.id) > (${afterTime}::timestamptz, ${afterId})` : sql``;
  const rows = await rowsOf<Record<string, unknown>>(
    tx,
    sql`
    select ${recordColumns} from usage_records u where ${usageWhere(tenantId, filter)} ${cursor}
    order by u.started_at, u.id limit ${page.limit + 1}`,
  );
  const data = rows.slice(0, page.limit).map(toRecord);
  const last = data[data.length - 1];
  return { data, next: rows.length > page.limit && last ? `${last.startedAt}|${last.id}` : null };
}

/** Sums in SQL over numeric: exact whatever the number of records. */
export async function totals(
  tx: Db,
  tenantId: string,
  filter: UsageFilter,
  groupBy: 'destination' | 'currency',
): Promise<DestinationTotal[]> {
  const keys =
    groupBy === 'destination'
      ? sql`u.destination_prefix as prefix, u.destination_name as destination, u.currency as currency`
      : sql`null::text as prefix, null::text as destination, u.currency as currency`;
  const rows = await rowsOf<
    { prefix: string | null; destination: string | null; currency: string | null } & Record<string, unknown>
  >(
    tx,
    sql`
    select ${keys}, count(*) as calls, count(*) filter (where not u.rated) as unrated, coalesce(sum(u.duration_seconds), 0) as duration,
      coalesce(sum(u.billable_seconds), 0) as billable, coalesce(sum(u.price), 0)::numeric(20,6)::text as amount
    from usage_records u where ${usageWhere(tenantId, filter)}
    group by 1, 2, 3 order by 1 nulls last, 3 nulls last`,
  );
  return rows.map((r) => ({
    prefix: r.prefix,
    destination: r.destination,
    currency: r.currency,
    calls: Number(r.calls),
    unratedCalls: Number(r.unrated),
    durationSeconds: Number(r.duration),
    billableSeconds: Number(r.billable),
    amount: String(r.amount),
  }));
}

export async function unratedCounts(tx: Db, tenantId: string, filter: UsageFilter): Promise<UnratedCount[]> {
  const rows = await rowsOf<{ customer_id: string; name: string; reason: string | null; n: number }>(
    tx,
    sql`
    select u.customer_id, c.name, u.unrated_reason as reason, count(*) as n
    from usage_records u join customers c on c.id = u.customer_id
    where ${usageWhere(tenantId, { ...filter, rated: false })}
    group by 1, 2, 3 order by 2, 1, 3`,
  );
  const byCustomer = new Map<string, UnratedCount>();
  for (const r of rows) {
    const entry = byCustomer.get(r.customer_id) ?? {
      customerId: r.customer_id,
      customerName: r.name,
      unrated: 0,
      reasons: {},
    };
    entry.unrated += Number(r.n);
    entry.reasons[r.reason ?? 'UNKNOWN'] = Number(r.n);
    byCustomer.set(r.customer_id, entry);
  }
  return [...byCustomer.values()];
}
