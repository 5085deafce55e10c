import { sql } from 'drizzle-orm';
import type { RerateCandidate, RerateUpdate, UsageFilter } from '../../app/ports/usage.ts';
import type { Db } from '../types.ts';
import { rowsOf } from '../sql-text.ts';
import { isoTimestamp } from './rows.ts';
import { arrayParam } from './usage-sql.ts';
import { unnestUpdate } from './unnest-update.ts';
import { usageWhere } from './usage-records-sql.ts';
import {
  billingDocument,
  materializeClaims,
  materializeCovering,
  materializeOverlapping,
} from './usage-claim-coverage-sql.ts';

// What changes records already stored: re-rating, a credit note releasing billed records, and the
// drafts those changes make stale. Each first turns the range claims it touches into per-record ones.

/**
 * Documents holding records of the selection; with lock, FOR SHARE, so that none of them can be
 * issued while a re-rate that checked it runs. Documents before usage rows, as generation does.
 */
export async function documentsOf(
  tx: Db,
  tenantId: string,
  filter: UsageFilter & { preRated?: false; reclassifiable?: true },
  lock: boolean,
): Promise<Array<{ id: string; status: string }>> {
  return rowsOf<{ id: string; status: string }>(
    tx,
    sql`
    select d.id, d.status from documents d
    where d.tenant_id = ${tenantId} and d.id in (select ${billingDocument} from usage_records u where ${usageWhere(tenantId, filter)})
    order by d.id ${lock ? sql`for share of d` : sql``}`,
  );
}

export async function rerateCandidates(
  tx: Db,
  tenantId: string,
  filter: UsageFilter & { preRated: false },
  afterId: string | null,
  limit: number,
): Promise<RerateCandidate[]> {
  const after = afterId ? sql`and u.id > ${afterId}` : sql``;
  // Re-rating changes single records: the range claims over the selection become per-record first.
  if (afterId === null) await materializeOverlapping(tx, tenantId, filter);
  const rows = await rowsOf<{
    id: string;
    customer_id: string;
    started_at: string;
    duration_seconds: number;
    callee: string;
    document_id: string | null;
    destination_prefix: string | null;
    destination_name: string | null;
  }>(
    tx,
    sql`
    select u.id::text as id, u.customer_id, u.started_at::text as started_at, u.duration_seconds, u.callee, u.document_id,
      u.destination_prefix, u.destination_name
    from usage_records u where ${usageWhere(tenantId, filter)} ${after} order by u.id limit ${limit} for update`,
  );
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    startedAt: isoTimestamp(r.started_at),
    durationSeconds: Number(r.duration_seconds),
    callee: r.callee,
    documentId: r.document_id,
    destinationPrefix: r.destination_prefix,
    destinationName: r.destination_name,
  }));
}

/** Updates only the records whose rating changed, and says which (and on which document). */
export async function applyRerate(
  tx: Db,
  tenantId: string,
  updates: readonly RerateUpdate[],
): Promise<Array<{ id: string; documentId: string | null }>> {
  if (!updates.length) return [];
  const col = <T extends string | number | boolean | null>(pick: (r: RerateUpdate) => T) => updates.map(pick);
  const v = unnestUpdate(sql`u.id`, [
    ['id', col((r) => r.id), 'text'],
    ['price', col((r) => r.price), 'numeric'],
    ['currency', col((r) => r.currency), 'text'],
    ['rated', col((r) => r.rated), 'bool'],
    ['reason', col((r) => r.unratedReason), 'text'],
    ['dp', col((r) => r.destinationPrefix), 'text'],
    ['dn', col((r) => r.destinationName), 'text'],
    ['rp', col((r) => r.ratePlanId), 'text'],
    ['bs', col((r) => r.billableSeconds), 'int'],
  ]);
  const rows = await rowsOf<{ id: string; document_id: string | null }>(
    tx,
    sql`
    update usage_records u set price = v.price, currency = v.currency, rated = v.rated, unrated_reason = v.reason, destination_prefix = v.dp,
      destination_name = v.dn, rate_plan_id = v.rp, billable_seconds = v.bs
    from ${v.from}
    where u.tenant_id = ${tenantId} and ${v.match}
      and (u.price, u.currency, u.rated, u.unrated_reason, u.destination_prefix, u.destination_name, u.rate_plan_id, u.billable_seconds)
        is distinct from (v.price, v.currency, v.rated, v.reason, v.dp, v.dn, v.rp, v.bs)
    returning u.id::text as id, u.document_id`,
  );
  return rows.map((r) => ({ id: r.id, documentId: r.document_id }));
}

/**
 * Takes records off an issued document whose lines a credit note corrects: the records the document
 * bills in the given usage groups (prefix and destination as its usage lines name them), plus the
 * given ids. Which records the document billed is kept first (its call list keeps showing them, as
 * for a cancelled document); the records become free, so the next invoice of the period bills them.
 */
export async function releaseFromDocument(
  tx: Db,
  tenantId: string,
  documentId: string,
  groups: ReadonlyArray<{ prefix: string | null; destination: string }>,
  ids: readonly string[],
): Promise<string[]> {
  if (!groups.length && !ids.length) return [];
  const picked = sql`u.tenant_id = ${tenantId} and u.document_id = ${documentId} and (
      u.id = any(${arrayParam([...ids], 'text')})
      or exists (select 1 from unnest(${arrayParam(
        groups.map((g) => g.prefix ?? ''),
        'text',
      )}, ${arrayParam(
        groups.map((g) => g.destination),
        'text',
      )}) as g(prefix, destination)
        where coalesce(u.destination_prefix, '') = g.prefix
          and coalesce(u.destination_name, u.destination_prefix, 'Other') = g.destination))`;
  // The document's range claim becomes per-record, then the claims that would cover its released records.
  await materializeClaims(tx, tenantId, sql`c.document_id = ${documentId}`);
  await materializeCovering(tx, tenantId, sql`u.document_id = ${documentId}`);
  await tx.execute(sql`
    insert into cancelled_document_usage (tenant_id, document_id, usage_record_id)
    select u.tenant_id, u.document_id, u.id from usage_records u where ${picked}
    on conflict do nothing`);
  const rows = await rowsOf<{ id: string }>(
    tx,
    sql`update usage_records u set document_id = null where ${picked} returning u.id::text as id`,
  );
  return rows.map((r) => r.id).sort();
}

/** A draft whose usage changed must be generated again; its stale render is dropped. */
export async function markDraftsForRegeneration(tx: Db, tenantId: string, documentIds: string[]): Promise<string[]> {
  if (!documentIds.length) return [];
  const rows = await rowsOf<{ id: string }>(
    tx,
    sql`
    update documents set needs_regeneration = true, render_status = null, revision = revision + 1, updated_at = now()
    where tenant_id = ${tenantId} and id = any(${arrayParam(documentIds, 'text')}) and status = 'draft'
    returning id`,
  );
  return rows.map((r) => r.id).sort();
}
