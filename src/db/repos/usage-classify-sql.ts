import { and, asc, eq, sql } from 'drizzle-orm';
import type { ReclassifyCandidate, ReclassifyFilter, ReclassifyUpdate, SourceSettings } from '../../app/ports/usage.ts';
import type { ClassifyRule, ClassifySettings } from '../../core/usage/index.ts';
import { usageSourceSettings } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { rowsOf } from '../sql-text.ts';
import { isoTimestamp, withIsoTimestamps } from './rows.ts';
import { arrayParam } from './usage-sql.ts';
import { materializeCovering, materializeOverlapping } from './usage-claim-coverage-sql.ts';

// Classification settings per source, and the reads and writes a reclassification needs. The
// rules are decided in core; this file only stores them and moves records.

const settingsColumns = {
  source: usageSourceSettings.source,
  format: usageSourceSettings.format,
  internalMaxDigits: usageSourceSettings.internalMaxDigits,
  rules: usageSourceSettings.rules,
  updatedAt: usageSourceSettings.updatedAt,
};

const toSettings = (r: Record<string, unknown>): SourceSettings =>
  withIsoTimestamps({ ...r, rules: (r.rules ?? []) as ClassifyRule[] } as unknown as SourceSettings);

export function classifySql(tx: Db) {
  return {
    async getSourceSettings(tenantId: string, source: string): Promise<SourceSettings | null> {
      const [row] = await tx
        .select(settingsColumns)
        .from(usageSourceSettings)
        .where(and(eq(usageSourceSettings.tenantId, tenantId), eq(usageSourceSettings.source, source)));
      return row ? toSettings(row) : null;
    },
    async listSourceSettings(tenantId: string): Promise<SourceSettings[]> {
      const rows = await tx
        .select(settingsColumns)
        .from(usageSourceSettings)
        .where(eq(usageSourceSettings.tenantId, tenantId))
        .orderBy(asc(usageSourceSettings.source));
      return rows.map(toSettings);
    },
    async putSourceSettings(tenantId: string, source: string, s: ClassifySettings): Promise<SourceSettings> {
      const values = {
        format: s.format,
        internalMaxDigits: s.internalMaxDigits,
        rules: s.rules,
        updatedAt: sql`now()`,
      };
      const [row] = await tx
        .insert(usageSourceSettings)
        .values({ tenantId, source, ...values })
        .onConflictDoUpdate({ target: [usageSourceSettings.tenantId, usageSourceSettings.source], set: values })
        .returning(settingsColumns);
      return toSettings(row);
    },

    async reclassifyCandidates(
      tenantId: string,
      f: ReclassifyFilter,
      afterId: string | null,
      limit: number,
    ): Promise<ReclassifyCandidate[]> {
      const after = afterId ? sql`and u.id > ${afterId}` : sql``;
      // Reclassifying changes single records: the range claims over the period become per-record first.
      if (afterId === null) await materializeOverlapping(tx, tenantId, { from: f.from, to: f.to });
      const rows = await rowsOf<Record<string, unknown>>(
        tx,
        sql`
        select u.id::text as id, u.customer_id, u.started_at::text as started_at, u.duration_seconds, u.callee, u.direction,
          u.external, u.classified_by, u.pre_rated, u.cdr_fields, u.document_id
        from usage_records u
        where u.tenant_id = ${tenantId} and u.source = ${f.source} and u.started_at >= ${f.from}::timestamptz
          and u.started_at < ${f.to}::timestamptz and u.classified_by in ('rule', 'default') ${after}
        order by u.id limit ${limit} for update`,
      );
      return rows.map((r) => ({
        id: String(r.id),
        customerId: String(r.customer_id),
        startedAt: isoTimestamp(String(r.started_at)),
        durationSeconds: Number(r.duration_seconds),
        callee: String(r.callee),
        direction: r.direction as 'outbound' | 'inbound',
        external: Boolean(r.external),
        classifiedBy: r.classified_by as 'rule' | 'default',
        preRated: Boolean(r.pre_rated),
        cdrFields: (r.cdr_fields as Record<string, unknown> | null) ?? {},
        documentId: (r.document_id as string | null) ?? null,
      }));
    },

    async applyReclassify(tenantId: string, updates: ReclassifyUpdate[]): Promise<void> {
      if (!updates.length) return;
      const col = <T extends string | number | boolean | null>(pick: (u: ReclassifyUpdate) => T) => updates.map(pick);
      const keep = (u: ReclassifyUpdate) => u.rating === null;
      await tx.execute(sql`
        update usage_records u set direction = v.direction, external = v.external, classified_by = v.by,
          price = case when v.keep then u.price else v.price end,
          currency = case when v.keep then u.currency else v.currency end,
          rated = case when v.keep then u.rated else v.rated end,
          unrated_reason = case when v.keep then u.unrated_reason else v.reason end,
          destination_prefix = case when v.keep then u.destination_prefix else v.dp end,
          destination_name = case when v.keep then u.destination_name else v.dn end,
          rate_plan_id = case when v.keep then u.rate_plan_id else v.rp end,
          billable_seconds = case when v.keep then u.billable_seconds else v.bs end
        from unnest(${arrayParam(
          col((u) => u.id),
          'text',
        )}, ${arrayParam(
          col((u) => u.direction),
          'text',
        )}, ${arrayParam(
          col((u) => u.external),
          'bool',
        )}, ${arrayParam(
          col((u) => u.classifiedBy),
          'text',
        )}, ${arrayParam(col(keep), 'bool')},
          ${arrayParam(
            col((u) => u.rating?.price ?? null),
            'numeric',
          )}, ${arrayParam(
            col((u) => u.rating?.currency ?? null),
            'text',
          )}, ${arrayParam(
            col((u) => u.rating?.rated ?? false),
            'bool',
          )}, ${arrayParam(
            col((u) => u.rating?.unratedReason ?? null),
            'text',
          )}, ${arrayParam(
            col((u) => u.rating?.destinationPrefix ?? null),
            'text',
          )}, ${arrayParam(
            col((u) => u.rating?.destinationName ?? null),
            'text',
          )}, ${arrayParam(
            col((u) => u.rating?.ratePlanId ?? null),
            'text',
          )}, ${arrayParam(
            col((u) => u.rating?.billableSeconds ?? null),
            'int',
          )})
          as v(id, direction, external, by, keep, price, currency, rated, reason, dp, dn, rp, bs)
        where u.tenant_id = ${tenantId} and u.id = v.id`);
    },

    async deleteRecords(tenantId: string, ids: string[]): Promise<string[]> {
      if (!ids.length) return [];
      await materializeCovering(tx, tenantId, sql`u.id = any(${arrayParam(ids, 'text')})`);
      const rows = await rowsOf<{ document_id: string | null }>(
        tx,
        sql`delete from usage_records where tenant_id = ${tenantId} and id = any(${arrayParam(ids, 'text')})
          returning document_id`,
      );
      return [...new Set(rows.map((r) => r.document_id).filter((d): d is string => d !== null))];
    },
  };
}
