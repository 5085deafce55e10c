import { sql, type SQL } from 'drizzle-orm';
import type { CallRow, DestinationDetail, InstantRange } from '../../app/ports/usage-claims.ts';
import type { UsageGroup } from '../../core/invoice/types.ts';
import type { Db } from '../types.ts';
import { rowsOf } from '../sql-text.ts';
import { isoTimestamp } from './rows.ts';
import { arrayParam } from './usage-sql.ts';
import {
  billedBy,
  billingDocument,
  materializeClaims,
  lockUsage,
  materializeCovering,
  unclaimed,
} from './usage-claim-coverage-sql.ts';

// Only outbound calls to external networks are invoiced; inbound and on-net calls never are.
const billable = sql`direction = 'outbound' and external`;

export async function countUnrated(tx: Db, tenantId: string, customerId: string, range: InstantRange): Promise<number> {
  const [row] = await rowsOf<{ n: number | string }>(
    tx,
    sql`
    select count(*) as n from usage_records
    where tenant_id = ${tenantId} and customer_id = ${customerId} and started_at >= ${range.from} and started_at < ${range.to}
      and ${billable} and not rated`,
  );
  return Number(row?.n ?? 0);
}

/** Rated outbound external usage of the range that no document bills yet. */
export async function countFree(tx: Db, tenantId: string, customerId: string, range: InstantRange): Promise<number> {
  const [row] = await rowsOf<{ n: number | string }>(
    tx,
    sql`
    select count(*) as n from usage_records u
    where u.tenant_id = ${tenantId} and u.customer_id = ${customerId} and u.started_at >= ${range.from} and u.started_at < ${range.to}
      and u.direction = 'outbound' and u.external and u.rated and u.document_id is null and ${unclaimed}`,
  );
  return Number(row?.n ?? 0);
}

/**
 * Frees what documents bill: drops their range claims; their per-record usage loses its
 * document_id, after the claims of other documents that would then cover those records are
 * materialized.
 */
export async function releaseUsage(tx: Db, tenantId: string, documentIds: readonly string[]): Promise<number> {
  if (!documentIds.length) return 0;
  // Before the claims go: a document between its snapshot and its claim must not see them go.
  await lockUsage(tx, tenantId, 'change');
  const ids = arrayParam(documentIds, 'text');
  const [claim] = await rowsOf<{ n: number | string }>(
    tx,
    sql`
    with dropped as (delete from usage_claims where tenant_id = ${tenantId} and document_id = any(${ids}) returning records)
    select coalesce(sum(records), 0) as n from dropped`,
  );
  await materializeCovering(tx, tenantId, sql`u.document_id = any(${ids})`);
  const [row] = await rowsOf<{ n: number | string }>(
    tx,
    sql`
    with released as (update usage_records set document_id = null
      where tenant_id = ${tenantId} and document_id = any(${arrayParam(documentIds, 'text')}) returning 1)
    select count(*) as n from released`,
  );
  return Number(claim?.n ?? 0) + Number(row?.n ?? 0);
}

/** The records a document bills now, or billed before it was cancelled. */
const ofDocument = (tenantId: string, documentId: string) => sql`(${billedBy(tenantId, documentId)} or exists (
  select 1 from cancelled_document_usage c where c.document_id = ${documentId} and c.usage_record_id = u.id))`;

/** Keeps, before a cancel releases them, which records the document billed. */
export async function rememberCancelledUsage(tx: Db, tenantId: string, documentId: string): Promise<void> {
  await tx.execute(sql`
    insert into cancelled_document_usage (tenant_id, document_id, usage_record_id)
    select u.tenant_id, ${documentId}, u.id from usage_records u where u.tenant_id = ${tenantId} and ${billedBy(tenantId, documentId)}
    on conflict do nothing`);
}

/**
 * Of the given documents, those holding usage taken off them by a credit note (a re-rate through
 * credit) that no document bills yet: their period is open again for that usage.
 */
export async function reopenedForUsage(tx: Db, tenantId: string, documentIds: readonly string[]): Promise<Set<string>> {
  if (!documentIds.length) return new Set();
  const rows = await rowsOf<{ id: string }>(
    tx,
    sql`
    select distinct d.id from documents d
    join cancelled_document_usage c on c.tenant_id = d.tenant_id and c.document_id = d.id
    join usage_records u on u.tenant_id = c.tenant_id and u.id = c.usage_record_id
    where d.tenant_id = ${tenantId} and d.id = any(${arrayParam(documentIds, 'text')}) and d.status = 'issued'
      and u.document_id is null and ${unclaimed}`,
  );
  return new Set(rows.map((r) => r.id));
}

/** Aggregation of many records belongs in SQL: one exact numeric sum per destination. */
export function usageGroups(tx: Db, tenantId: string, documentId: string): Promise<UsageGroup[]> {
  return groupsWhere(tx, sql`u.tenant_id = ${tenantId} and ${billedBy(tenantId, documentId)}`);
}

async function groupsWhere(tx: Db, where: SQL): Promise<UsageGroup[]> {
  const rows = await rowsOf<{
    prefix: string | null;
    destination: string;
    calls: string | number;
    duration: string | number;
    amount: string;
    rate: string | null;
  }>(
    tx,
    sql`
    select u.destination_prefix as prefix, coalesce(u.destination_name, u.destination_prefix, 'Other') as destination,
           count(*) as calls, sum(u.duration_seconds) as duration, sum(u.price)::text as amount, max(r.price_per_minute)::text as rate
    from usage_records u left join rates r on r.tenant_id = u.tenant_id and r.rate_plan_id = u.rate_plan_id and r.prefix = u.destination_prefix
    where ${where}
    group by 1, 2 order by 2, 1`,
  );
  return rows.map((r) => ({
    prefix: r.prefix,
    destination: r.destination,
    calls: Number(r.calls),
    durationSeconds: Number(r.duration),
    amount: r.amount,
    ratePerMinute: r.rate,
  }));
}

export async function destinationDetails(
  tx: Db,
  tenantId: string,
  documentId: string,
  prefixPattern?: string,
): Promise<DestinationDetail[]> {
  const filter = prefixPattern ? sql`and u.destination_prefix like ${likePattern(prefixPattern)} escape '\\'` : sql``;
  const rows = await rowsOf<{
    prefix: string | null;
    destination: string;
    rate: string | null;
    calls: string | number;
    duration: string | number;
    amount: string;
  }>(
    tx,
    sql`
    select u.destination_prefix as prefix, coalesce(u.destination_name, u.destination_prefix, 'Other') as destination, max(r.price_per_minute)::text as rate,
           count(*) as calls, sum(u.duration_seconds) as duration, sum(u.price)::text as amount
    from usage_records u left join rates r on r.tenant_id = u.tenant_id and r.rate_plan_id = u.rate_plan_id and r.prefix = u.destination_prefix
    where u.tenant_id = ${tenantId} and ${ofDocument(tenantId, documentId)} ${filter}
    group by 1, 2 order by 1`,
  );
  return rows.map((r) => ({
    prefix: r.prefix,
    destination: r.destination,
    ratePerMinute: r.rate,
    calls: Number(r.calls),
    durationSeconds: Number(r.duration),
    amount: r.amount,
  }));
}

/** `%` is the operator's wildcard; `_` and `\` are literal characters in a prefix search. */
export function likePattern(pattern: string): string {
  const escaped = pattern.replace(/[\\_]/g, (c) => `\\${c}`);
  return escaped;
}

export async function calls(
  tx: Db,
  tenantId: string,
  documentId: string,
  limit: number,
  after?: string,
): Promise<{ rows: CallRow[]; next: string | null }> {
  const [afterTime, afterId] = after ? after.split('|') : [];
  const cursor = afterTime && afterId ? sql`and (u.started_at, u.id) > (${afterTime}::timestamptz, ${afterId})` : sql``;
  const rows = await rowsOf<Record<string, unknown>>(
    tx,
    sql`
    select u.id, u.external_id, u.source, u.started_at, u.duration_seconds, u.billable_seconds, u.direction, u.external, u.caller, u.callee,
           u.destination_prefix, u.destination_name, u.price::text as price, u.currency, u.rated, ${billingDocument} as document_id
    from usage_records u where u.tenant_id = ${tenantId} and ${ofDocument(tenantId, documentId)} ${cursor}
    order by u.started_at, u.id limit ${limit + 1}`,
  );
  const mapped = rows.slice(0, limit).map(toCall);
  const last = mapped[mapped.length - 1];
  return { rows: mapped, next: rows.length > limit && last ? `${last.startedAt}|${last.id}` : null };
}

function toCall(r: Record<string, unknown>): CallRow {
  const startedAt = r.started_at instanceof Date ? r.started_at.toISOString() : isoTimestamp(String(r.started_at));
  return {
    id: String(r.id),
    externalId: String(r.external_id),
    source: String(r.source),
    startedAt,
    durationSeconds: Number(r.duration_seconds),
    billableSeconds: r.billable_seconds === null ? null : Number(r.billable_seconds),
    direction: String(r.direction),
    external: Boolean(r.external),
    caller: String(r.caller),
    callee: String(r.callee),
    destinationPrefix: (r.destination_prefix as string | null) ?? null,
    destination: (r.destination_name as string | null) ?? null,
    price: (r.price as string | null) ?? null,
    currency: (r.currency as string | null) ?? null,
    rated: Boolean(r.rated),
    documentId: (r.document_id as string | null) ?? null,
  };
}

/** One subject of a set-based usage query: a position in the caller's list, a customer, a range. */
export interface UsageSubject {
  key: number;
  customerId: string;
  range: InstantRange;
}

/**
 * One row per (id, customer, instant range): the key column is named and typed by the caller, and
 * an `extra` array (already built from the same rows, in order) adds a fifth column.
 */
const rangesTable = <T extends { customerId: string; range: InstantRange }>(
  rows: readonly T[],
  key: (row: T) => string | number,
  keyType: 'int' | 'text',
  extra?: SQL,
) =>
  sql`unnest(${arrayParam(rows.map(key), keyType)}, ${arrayParam(
    rows.map((x) => x.customerId),
    'text',
  )}, ${arrayParam(
    rows.map((x) => x.range.from),
    'timestamptz',
  )}, ${arrayParam(
    rows.map((x) => x.range.to),
    'timestamptz',
  )}${extra === undefined ? sql`` : sql`, ${extra}`})`;

const subjectsTable = (subjects: readonly UsageSubject[]) =>
  sql`${rangesTable(subjects, (x) => x.key, 'int')} as k(key, customer_id, from_at, to_at)`;

/**
 * The free usage groups of many customers and ranges in one aggregate: the same sums as
 * `freeUsageGroups`, keyed by the subject's position. With a `bound` (a snapshot that will be
 * claimed, under the claim lock), only records up to it: the ones the claim will cover.
 */
export async function freeUsageGroupsOf(
  tx: Db,
  tenantId: string,
  subjects: readonly UsageSubject[],
  bound?: string,
): Promise<Map<number, UsageGroup[]>> {
  const out = new Map<number, UsageGroup[]>();
  if (!subjects.length) return out;
  const rows = await rowsOf<{
    key: number;
    prefix: string | null;
    destination: string;
    calls: string | number;
    duration: string | number;
    amount: string;
    rate: string | null;
  }>(
    tx,
    // The records are summed per rate plan first and the rate looked up once per group, not once
    // per record (an eighth off the chunk's aggregate at 100 records a customer with no rates; more with them).
    sql`
    with g as (
      select k.key, u.destination_prefix as prefix, coalesce(u.destination_name, u.destination_prefix, 'Other') as destination,
             u.rate_plan_id, count(*) as calls, sum(u.duration_seconds) as duration, sum(u.price) as amount
      from ${subjectsTable(subjects)}
      join usage_records u on u.tenant_id = ${tenantId} and u.customer_id = k.customer_id
        and u.started_at >= k.from_at and u.started_at < k.to_at
      where u.direction = 'outbound' and u.external and u.rated and u.document_id is null and ${unclaimed}
        ${bound === undefined ? sql`` : sql`and u.seq <= ${bound}::bigint`}
      group by 1, 2, 3, 4)
    select g.key, g.prefix, g.destination, sum(g.calls) as calls, sum(g.duration) as duration,
           sum(g.amount)::text as amount, max(r.price_per_minute)::text as rate
    from g left join rates r on r.tenant_id = ${tenantId} and r.rate_plan_id = g.rate_plan_id and r.prefix = g.prefix
    group by 1, 2, 3 order by 1, 3, 2`,
  );
  for (const r of rows) {
    const key = Number(r.key);
    const list = out.get(key) ?? [];
    list.push({
      prefix: r.prefix,
      destination: r.destination,
      calls: Number(r.calls),
      durationSeconds: Number(r.duration),
      amount: r.amount,
      ratePerMinute: r.rate,
    });
    out.set(key, list);
  }
  return out;
}

/** Unrated billable usage per customer of the range (the UNRATED_USAGE rule of many customers at once). */
export async function unratedCountsOf(
  tx: Db,
  tenantId: string,
  customerIds: readonly string[],
  range: InstantRange,
): Promise<Map<string, number>> {
  if (!customerIds.length) return new Map();
  const rows = await rowsOf<{ customer_id: string; n: string | number }>(
    tx,
    sql`
    select customer_id, count(*) as n from usage_records
    where tenant_id = ${tenantId} and customer_id = any(${arrayParam(customerIds, 'text')})
      and started_at >= ${range.from} and started_at < ${range.to} and ${billable} and not rated
    group by customer_id`,
  );
  return new Map(rows.map((r) => [r.customer_id, Number(r.n)]));
}

/**
 * Gives each document that bills usage one range claim over its customer's free usage of its range
 * (no write per record, ADR 0016), as the document's snapshot read it: `records` is what the
 * snapshot counted and `bound` the usage bound it was read under. The caller holds the tenant's
 * claim lock since that snapshot and the rows of these customers, so nothing was ingested below the
 * bound, claimed, freed or changed in between, and the claim covers exactly what was counted (no
 * count again). The claims of these documents and any claim of the same customers overlapping the
 * ranges are materialized first (claims never overlap); their records were not free, so the count
 * stands.
 */
export async function attachUsageOf(
  tx: Db,
  tenantId: string,
  claims: ReadonlyArray<{ documentId: string; customerId: string; range: InstantRange; records: number }>,
  bound: string,
): Promise<void> {
  if (!claims.length) return;
  const k = sql`(select * from ${rangesTable(claims, (c) => c.documentId, 'text')} as k(document_id, customer_id, from_at, to_at))`;
  // The claims to drop, found from the chunk's side through the document key and the customer
  // index: a condition on each claim of the tenant (an OR over the chunk) would scan every claim
  // for every chunk, which grows with the tenant's history.
  // Only the claiming customers' claims, whose rows the caller has locked: the claim lock, shared, suffices.
  await materializeClaims(
    tx,
    tenantId,
    sql`c.document_id in (
      select k.document_id from ${k} k
      union all
      select o.document_id from ${k} k join usage_claims o on o.tenant_id = ${tenantId}
        and o.customer_id = k.customer_id and o.from_at < k.to_at and k.from_at < o.to_at)`,
    'claim',
  );
  const made = claims.filter((c) => c.records > 0);
  if (!made.length) return;
  await tx.execute(sql`
    insert into usage_claims (tenant_id, document_id, customer_id, from_at, to_at, max_seq, records)
    select ${tenantId}, k.document_id, k.customer_id, k.from_at, k.to_at, ${bound}::bigint, k.records
    from ${rangesTable(
      made,
      (c) => c.documentId,
      'text',
      arrayParam(
        made.map((c) => c.records),
        'int',
      ),
    )} as k(document_id, customer_id, from_at, to_at, records)`);
}
