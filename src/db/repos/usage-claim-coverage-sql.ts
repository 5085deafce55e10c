import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../types.ts';
import { rowsOf } from '../sql-text.ts';

// A document bills its usage through a range claim (ADR 0016): a row of usage_claims naming the
// customer, an instant range and the highest usage_records.seq of the tenant when it was made. The
// record u is covered by the claim c when it is the customer's, of the range, not later than the claim,
// billable, rated and on no document of its own (a per-record document_id, left by a materialized
// claim, always wins). Whatever can change one of these facts of a record first materializes the
// claims that may cover it (see materialize* below), so a claim covers the same records all its life.
const coveredBy = (c: string) =>
  sql`${sql.raw(c)}.tenant_id = u.tenant_id and ${sql.raw(c)}.customer_id = u.customer_id
    and u.started_at >= ${sql.raw(c)}.from_at and u.started_at < ${sql.raw(c)}.to_at and u.seq <= ${sql.raw(c)}.max_seq
    and u.document_id is null and u.direction = 'outbound' and u.external and u.rated`;

/** Record u (rated, outbound external, on no document) is covered by no range claim. */
export const unclaimed = sql`not exists (select 1 from usage_claims uc where ${coveredBy('uc')})`;

/** Record u is billed by the document: per record, or through the document's range claim. */
export function billedBy(tenantId: string, documentId: string): SQL {
  // Scalar subqueries of the one claim a document has: the planner probes the customer-time index
  // with them (and the document index for the per-record branch) instead of scanning the tenant.
  const of = (column: string) =>
    sql`(select c.${sql.raw(column)} from usage_claims c where c.tenant_id = ${tenantId} and c.document_id = ${documentId})`;
  return sql`(u.document_id = ${documentId} or (u.document_id is null and u.direction = 'outbound' and u.external and u.rated
    and u.customer_id = ${of('customer_id')} and u.started_at >= ${of('from_at')} and u.started_at < ${of('to_at')}
    and u.seq <= ${of('max_seq')}))`;
}

/** The document that bills record u, per record or through a range claim; null when none does. */
export const billingDocument = sql`coalesce(u.document_id, (select uc.document_id from usage_claims uc where ${coveredBy('uc')} limit 1))`;

/**
 * Turns the selected range claims into per-record document_id and drops them: for the rare
 * operations that change single records (re-rate, reclassification, release of some records).
 * `where` is on the claim, alias c. Returns how many records got a document_id.
 *
 * Under the tenant's usage locks, taken first (`change`; a claim materializing its own customers'
 * claims takes `claim`): whatever changes records materializes before it changes them, so it waits
 * for every document that took its snapshot of the free usage and has not committed its claim
 * yet, and then finds those claims (ADR 0016).
 */
export async function materializeClaims(
  tx: Db,
  tenantId: string,
  where: SQL,
  mode: UsageLockMode = 'change',
): Promise<number> {
  await lockUsage(tx, tenantId, mode);
  const [row] = await rowsOf<{ n: number | string }>(
    tx,
    sql`
    with m as (delete from usage_claims c where c.tenant_id = ${tenantId} and ${where} returning c.*),
    marked as (
      update usage_records u set document_id = m.document_id from m where ${coveredBy('m')} returning 1)
    select count(*) as n from marked`,
  );
  return Number(row?.n ?? 0);
}

/** Materializes the claims of a customer (or of all) that overlap a period (open ends: unbounded). */
export function materializeOverlapping(
  tx: Db,
  tenantId: string,
  f: { customerId?: string | undefined; from?: string | undefined; to?: string | undefined },
): Promise<number> {
  const parts: SQL[] = [sql`true`];
  if (f.customerId !== undefined) parts.push(sql`c.customer_id = ${f.customerId}`);
  if (f.from !== undefined) parts.push(sql`c.to_at > ${f.from}::timestamptz`);
  if (f.to !== undefined) parts.push(sql`c.from_at < ${f.to}::timestamptz`);
  return materializeClaims(tx, tenantId, sql.join(parts, sql` and `));
}

/**
 * Materializes the claims that would cover the selected records (alias u) once their per-record
 * document_id is taken off or once they change: called before a record is released or deleted.
 */
export function materializeCovering(tx: Db, tenantId: string, records: SQL): Promise<number> {
  return materializeClaims(
    tx,
    tenantId,
    sql`exists (select 1 from usage_records u where u.tenant_id = ${tenantId} and ${records}
      and u.customer_id = c.customer_id and u.started_at >= c.from_at and u.started_at < c.to_at and u.seq <= c.max_seq)`,
  );
}

/**
 * How a transaction holds the tenant's usage (ADR 0016, amended): `claim` for a document between
 * its snapshot of the free usage and its claim, `change` for whatever frees or changes records.
 * Claims of one tenant run side by side (their customers' rows are locked, so they never share a
 * record); a change waits for every open claim and excludes everything else, ingestion included.
 */
export type UsageLockMode = 'claim' | 'change';

/**
 * Takes the tenant's usage locks in `mode` until the caller's transaction ends: the claim lock,
 * shared by claims and exclusive for a change, then for a change the ingestion gate too, which
 * ingestion holds shared while it inserts. Always in that order, so nothing waits crosswise; taking
 * them again in the same transaction is free.
 */
export async function lockUsage(tx: Db, tenantId: string, mode: UsageLockMode): Promise<void> {
  if (mode === 'claim') {
    await tx.execute(sql`select pg_advisory_xact_lock_shared(${CLAIM_LOCK_CLASS}, hashtext(${tenantId}))`);
    return;
  }
  await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK_CLASS}, hashtext(${tenantId}))`);
  await tx.execute(sql`select pg_advisory_xact_lock(${USAGE_LOCK_CLASS}, hashtext(${tenantId}))`);
}

/**
 * The tenant's usage bound, for a document about to read the free usage it will claim: takes the
 * claim lock shared until the transaction ends (nothing frees or changes the tenant's records until
 * the claim is committed), then the ingestion gate exclusively just while it reads the last seq
 * handed out (no record of the tenant is in flight then, so every record up to the bound is
 * committed and every later one gets a greater seq). The gate is taken inside a savepoint and let go
 * by rolling back to it, so ingestion waits for that one read, not for the whole claiming transaction,
 * and a failure anywhere still ends with the transaction.
 */
export async function usageBound(tx: Db, tenantId: string): Promise<string> {
  await lockUsage(tx, tenantId, 'claim');
  await tx.execute(sql`savepoint usage_bound`);
  await tx.execute(sql`select pg_advisory_xact_lock(${USAGE_LOCK_CLASS}, hashtext(${tenantId}))`);
  const [row] = await rowsOf<{ bound: string | number }>(
    tx,
    sql`select (case when is_called then last_value else 0 end)::text as bound from usage_records_seq_seq`,
  );
  await tx.execute(sql`rollback to savepoint usage_bound`);
  await tx.execute(sql`release savepoint usage_bound`);
  return String(row!.bound);
}

/** First keys of the tenant's usage locks (the second is the tenant id's hash): the ingestion gate and the claim lock. */
export const USAGE_LOCK_CLASS = 7301;
export const CLAIM_LOCK_CLASS = 7302;
