import { and, asc, desc, eq, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Page, PageRequest } from '../../app/ports/audit.ts';
import type {
  ImportOwner,
  ImportProgress,
  RejectionSummary,
  NewRejection,
  RejectionFilter,
  SourceWatermark,
  UsageImport,
  UsageRejection,
  UsageRepo,
} from '../../app/ports/usage.ts';
import { sourceWatermarks, usageImports, usageRejections } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { rowsOf } from '../sql-text.ts';
import { isoTimestamp, withIsoTimestamps } from './rows.ts';
import { arrayParam } from './usage-sql.ts';
import { newIds } from '../../app/ids.ts';

const importColumns = {
  id: usageImports.id,
  tenantId: usageImports.tenantId,
  source: usageImports.source,
  format: usageImports.format,
  fileName: usageImports.fileName,
  status: usageImports.status,
  mapping: usageImports.mapping,
  options: usageImports.options,
  totalRows: usageImports.totalRows,
  processedRows: usageImports.processedRows,
  accepted: usageImports.accepted,
  duplicates: usageImports.duplicates,
  rejected: usageImports.rejected,
  skipped: usageImports.skipped,
  outboundExternal: usageImports.outboundExternal,
  outboundInternal: usageImports.outboundInternal,
  inbound: usageImports.inbound,
  ignored: usageImports.ignored,
  ignoredReasons: usageImports.ignoredReasons,
  error: usageImports.error,
  createdAt: usageImports.createdAt,
  finishedAt: usageImports.finishedAt,
};

const toImport = (r: Record<string, unknown>): UsageImport =>
  withIsoTimestamps({
    ...r,
    options: r.options ?? {},
    ignoredReasons: r.ignoredReasons ?? {},
  } as unknown as UsageImport);

/** Adds a batch's per-reason counts to the stored ones: {"feature code": 3} + {"feature code": 2, "x": 1}. */
function mergeCounts(column: SQL, counts: Record<string, number>): SQL {
  if (!Object.keys(counts).length) return column;
  return sql`(select coalesce(jsonb_object_agg(k, n), '{}'::jsonb) from (
    select k, sum(n)::int as n from (
      select key as k, value::int as n from jsonb_each_text(coalesce(${column}, '{}'::jsonb))
      union all select key, value::int from jsonb_each_text(${JSON.stringify(counts)}::jsonb)) a group by k) b)`;
}

export function importsSql(tx: Db) {
  const byId = (tenantId: string, id: string) => and(eq(usageImports.tenantId, tenantId), eq(usageImports.id, id));
  return {
    async insertImport(imp: Parameters<UsageRepo['insertImport']>[0], content: string | null): Promise<UsageImport> {
      const [row] = await tx
        .insert(usageImports)
        .values({ ...imp, content })
        .returning(importColumns);
      return toImport(row);
    },
    async getImport(tenantId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<UsageImport | null> {
      const query = tx.select(importColumns).from(usageImports).where(byId(tenantId, id));
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row ? toImport(row) : null;
    },
    async importContent(tenantId: string, id: string): Promise<string | null> {
      const [row] = await tx.select({ content: usageImports.content }).from(usageImports).where(byId(tenantId, id));
      return row?.content ?? null;
    },
    async importHasContent(tenantId: string, id: string): Promise<boolean> {
      const [row] = await tx
        .select({ has: sql<boolean>`${usageImports.content} is not null` })
        .from(usageImports)
        .where(byId(tenantId, id));
      return Boolean(row?.has);
    },
    async listImports(tenantId: string, page: PageRequest): Promise<Page<UsageImport>> {
      const where: SQL[] = [eq(usageImports.tenantId, tenantId)];
      // Newest first: the import an operator just started is the one they look for.
      if (page.after) where.push(lt(usageImports.id, page.after));
      const rows = await tx
        .select(importColumns)
        .from(usageImports)
        .where(and(...where))
        .orderBy(desc(usageImports.id))
        .limit(page.limit + 1);
      const data = rows.slice(0, page.limit).map(toImport);
      return { data, next: rows.length > page.limit ? data[data.length - 1].id : null };
    },
    async advanceImport(tenantId: string, id: string, expected: number, p: ImportProgress): Promise<boolean> {
      const rows = await tx
        .update(usageImports)
        .set({
          processedRows: p.processedRows,
          accepted: sql`${usageImports.accepted} + ${p.accepted}`,
          duplicates: sql`${usageImports.duplicates} + ${p.duplicates}`,
          rejected: sql`${usageImports.rejected} + ${p.rejected}`,
          skipped: sql`${usageImports.skipped} + ${p.skipped}`,
          outboundExternal: sql`${usageImports.outboundExternal} + ${p.outboundExternal}`,
          outboundInternal: sql`${usageImports.outboundInternal} + ${p.outboundInternal}`,
          inbound: sql`${usageImports.inbound} + ${p.inbound}`,
          ignored: sql`${usageImports.ignored} + ${p.ignored}`,
          ignoredReasons: mergeCounts(sql`${usageImports.ignoredReasons}`, p.ignoredReasons),
          totalRows: sql`greatest(${usageImports.totalRows}, ${p.processedRows})`,
        })
        .where(and(byId(tenantId, id), eq(usageImports.processedRows, expected)))
        .returning({ id: usageImports.id });
      return rows.length > 0;
    },
    async updateImport(
      tenantId: string,
      id: string,
      patch: Partial<Pick<UsageImport, 'status' | 'totalRows' | 'error' | 'finishedAt'>> & { clearContent?: boolean },
    ): Promise<void> {
      const { clearContent, ...fields } = patch;
      await tx
        .update(usageImports)
        .set({ ...fields, ...(clearContent ? { content: null } : {}) })
        .where(byId(tenantId, id));
    },
    async setImportOwner(tenantId: string, id: string, owner: ImportOwner | null): Promise<void> {
      const options =
        owner === null
          ? sql`coalesce(${usageImports.options}, '{}'::jsonb) - 'owner'`
          : sql`jsonb_set(coalesce(${usageImports.options}, '{}'::jsonb), '{owner}', ${JSON.stringify(owner)}::jsonb)`;
      await tx.update(usageImports).set({ options }).where(byId(tenantId, id));
    },
    async rejectionSummary(tenantId: string, importId: string, firstLines: number): Promise<RejectionSummary[]> {
      const rows = await rowsOf<{ code: string; count: number; lines: number[] | null; example: string }>(
        tx,
        sql`
        select code, count(*)::int as count,
               (array_agg(line order by line) filter (where line is not null))[1:${firstLines}] as lines,
               min(detail) as example
        from usage_rejections where tenant_id = ${tenantId} and import_id = ${importId}
        group by code order by count(*) desc, code`,
      );
      return rows.map((r) => ({ code: r.code, count: r.count, firstLines: r.lines ?? [], example: r.example }));
    },

    async insertRejections(tenantId: string, rejections: NewRejection[]): Promise<void> {
      const col = <T extends string | number | null>(pick: (r: NewRejection) => T) => rejections.map(pick);
      await tx.execute(sql`
        insert into usage_rejections (tenant_id, id, import_id, source, line, raw, raw_hash, code, detail, errors)
        select ${tenantId}, v.* from unnest(${arrayParam(newIds('urj', rejections.length), 'text')}, ${arrayParam(
          col((r) => r.importId),
          'text',
        )}, ${arrayParam(
          col((r) => r.source),
          'text',
        )},
          ${arrayParam(
            col((r) => r.line),
            'int',
          )}, ${arrayParam(
            col((r) => JSON.stringify(r.raw)),
            'jsonb',
          )}, ${arrayParam(
            col((r) => r.rawHash),
            'text',
          )},
          ${arrayParam(
            col((r) => r.code),
            'text',
          )}, ${arrayParam(
            col((r) => r.detail),
            'text',
          )}, ${arrayParam(
            col((r) => JSON.stringify(r.errors)),
            'jsonb',
          )}) as v
        on conflict (tenant_id, raw_hash) where status = 'open' do nothing`);
    },
    async listRejections(tenantId: string, f: RejectionFilter, page: PageRequest): Promise<Page<UsageRejection>> {
      const where: SQL[] = [eq(usageRejections.tenantId, tenantId)];
      if (f.status) where.push(eq(usageRejections.status, f.status));
      if (f.importId) where.push(eq(usageRejections.importId, f.importId));
      if (f.source) where.push(eq(usageRejections.source, f.source));
      if (f.code) where.push(eq(usageRejections.code, f.code));
      if (f.ids) where.push(f.ids.length ? inArray(usageRejections.id, f.ids) : sql`false`);
      if (page.after) where.push(gt(usageRejections.id, page.after));
      const rows = await tx
        .select()
        .from(usageRejections)
        .where(and(...where))
        .orderBy(asc(usageRejections.id))
        .limit(page.limit + 1);
      const data = rows.slice(0, page.limit).map(({ rawHash: _h, tenantId: t, ...r }) =>
        withIsoTimestamps({
          ...r,
          id: String(r.id),
          tenantId: t,
          status: r.status as UsageRejection['status'],
          errors: (r.errors ?? []) as UsageRejection['errors'],
        }),
      );
      return { data, next: rows.length > page.limit ? data[data.length - 1].id : null };
    },
    async resolveRejections(
      tenantId: string,
      ids: string[],
      status: 'resolved' | 'discarded',
      at: string,
    ): Promise<number> {
      if (!ids.length) return 0;
      const rows = await tx
        .update(usageRejections)
        .set({ status, resolvedAt: at })
        .where(
          and(
            eq(usageRejections.tenantId, tenantId),
            inArray(usageRejections.id, ids),
            eq(usageRejections.status, 'open'),
          ),
        )
        .returning({ id: usageRejections.id });
      return rows.length;
    },
    async updateRejection(
      tenantId: string,
      id: string,
      patch: { code: string; detail: string; errors: NewRejection['errors'] },
    ): Promise<void> {
      await tx
        .update(usageRejections)
        .set(patch)
        .where(and(eq(usageRejections.tenantId, tenantId), eq(usageRejections.id, id)));
    },

    async setWatermark(tenantId: string, source: string, watermark: string): Promise<SourceWatermark> {
      const [row] = await tx
        .insert(sourceWatermarks)
        .values({ tenantId, source, watermark })
        .onConflictDoUpdate({
          target: [sourceWatermarks.tenantId, sourceWatermarks.source],
          set: { watermark, updatedAt: sql`now()` as unknown as string },
        })
        .returning();
      return { source: row.source, watermark: isoTimestamp(row.watermark), updatedAt: isoTimestamp(row.updatedAt) };
    },
    async getWatermark(tenantId: string, source: string): Promise<SourceWatermark | null> {
      const [row] = await tx
        .select()
        .from(sourceWatermarks)
        .where(and(eq(sourceWatermarks.tenantId, tenantId), eq(sourceWatermarks.source, source)));
      return row
        ? { source: row.source, watermark: isoTimestamp(row.watermark), updatedAt: isoTimestamp(row.updatedAt) }
        : null;
    },
    /** Sources seen in records (a skip scan over the unique index, cheap with millions of rows) or with a watermark. */
    async listSources(tenantId: string): Promise<SourceWatermark[]> {
      const rows = await rowsOf<{ source: string; watermark: string | null; updated_at: string | null }>(
        tx,
        sql`
        with recursive seen(source) as (
          (select source from usage_records where tenant_id = ${tenantId} order by source limit 1)
          union all
          select (select u.source from usage_records u where u.tenant_id = ${tenantId} and u.source > seen.source order by u.source limit 1)
          from seen where seen.source is not null)
        select s.source, w.watermark::text as watermark, w.updated_at::text as updated_at
        from (select source from seen where source is not null union select source from source_watermarks where tenant_id = ${tenantId}
          union select source from usage_source_settings where tenant_id = ${tenantId}) s
        left join source_watermarks w on w.tenant_id = ${tenantId} and w.source = s.source
        order by s.source`,
      );
      return rows.map((r) => ({
        source: r.source,
        watermark: r.watermark ? isoTimestamp(r.watermark) : null,
        updatedAt: r.updated_at ? isoTimestamp(r.updated_at) : null,
      }));
    },
    async lateSources(tenantId: string, until: string): Promise<Array<{ source: string; watermark: string }>> {
      const rows = await tx
        .select()
        .from(sourceWatermarks)
        .where(and(eq(sourceWatermarks.tenantId, tenantId), sql`${sourceWatermarks.watermark} < ${until}::timestamptz`))
        .orderBy(asc(sourceWatermarks.source));
      return rows.map((r) => ({ source: r.source, watermark: isoTimestamp(r.watermark) }));
    },
  };
}
