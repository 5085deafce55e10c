import { and, asc, desc, eq, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { BillRunRecord, BillRunsRepo } from '../../app/ports/bill-runs.ts';
import type { InvoiceCloseType } from '../../core/bill-groups/terms.ts';
import { billCycleAccounts, billRunChunks, billRunDocuments, billRunErrors, billRuns } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { rowsOf } from '../sql-text.ts';
import { withIsoTimestamps } from './rows.ts';
import { arrayParam } from './usage-sql.ts';

type Row = typeof billRuns.$inferSelect;

const toRun = (r: Row): BillRunRecord =>
  withIsoTimestamps({
    id: r.id,
    tenantId: r.tenantId,
    billGroupId: r.billGroupId,
    billDate: r.billDate,
    invoiceCloseType: r.invoiceCloseType as InvoiceCloseType,
    status: r.status as BillRunRecord['status'],
    startedBy: { kind: r.startedByKind as BillRunRecord['startedBy']['kind'], id: r.startedById },
    counts: {
      accountsTotal: r.accountsTotal,
      accountsBilled: r.accountsBilled,
      accountsFailed: r.accountsFailed,
      accountsSkipped: r.accountsSkipped,
      invoicesOpened: r.invoicesOpened,
      invoicesClosed: r.invoicesClosed,
    },
    chunksTotal: r.chunksTotal,
    chunksDone: r.chunksDone,
    closedAll: r.closedAll,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  });

export function billRunsRepo(tx: Db): BillRunsRepo {
  const byId = (tenantId: string, id: string) => and(eq(billRuns.tenantId, tenantId), eq(billRuns.id, id));
  return {
    async insert(r) {
      const rows = await tx
        .insert(billRuns)
        .values({
          id: r.id,
          tenantId: r.tenantId,
          billGroupId: r.billGroupId,
          billDate: r.billDate,
          invoiceCloseType: r.invoiceCloseType,
          status: r.status,
          startedByKind: r.startedBy.kind,
          startedById: r.startedBy.id,
          startedAt: r.startedAt,
        })
        // The partial unique index on running runs: a second start of the group inserts nothing.
        .onConflictDoNothing()
        .returning();
      return rows[0] ? toRun(rows[0]) : null;
    },
    async runningId(tenantId, billGroupId) {
      const [row] = await tx
        .select({ id: billRuns.id })
        .from(billRuns)
        .where(
          and(
            eq(billRuns.tenantId, tenantId),
            eq(billRuns.billGroupId, billGroupId),
            eq(billRuns.status, 'in_progress'),
          ),
        );
      return row?.id ?? null;
    },
    async existsFor(tenantId, billGroupId, billDate) {
      const [row] = await tx
        .select({ id: billRuns.id })
        .from(billRuns)
        .where(
          and(eq(billRuns.tenantId, tenantId), eq(billRuns.billGroupId, billGroupId), eq(billRuns.billDate, billDate)),
        )
        .limit(1);
      return row !== undefined;
    },
    async get(tenantId, id) {
      const [row] = await tx.select().from(billRuns).where(byId(tenantId, id));
      return row ? toRun(row) : null;
    },
    async lock(tenantId, id) {
      const [row] = await tx.select().from(billRuns).where(byId(tenantId, id)).for('update');
      return row ? toRun(row) : null;
    },
    async list(tenantId, filter, page) {
      const where: SQL[] = [eq(billRuns.tenantId, tenantId)];
      if (filter.status) where.push(eq(billRuns.status, filter.status));
      if (filter.billGroupId) where.push(eq(billRuns.billGroupId, filter.billGroupId));
      // Newest first: ids are time-ordered.
      if (page.after) where.push(lt(billRuns.id, page.after));
      const rows = await tx
        .select()
        .from(billRuns)
        .where(and(...where))
        .orderBy(desc(billRuns.id))
        .limit(page.limit + 1);
      const data = rows.slice(0, page.limit).map(toRun);
      return { data, next: rows.length > page.limit ? data[data.length - 1]!.id : null };
    },
    async accountsOf(tenantId, billGroupId, sortOrder, billDate) {
      const order = sortOrder === 'account_code' ? sql`c.account_code nulls last, c.name, c.id` : sql`c.name, c.id`;
      const rows = await rowsOf<{ id: string }>(
        tx,
        sql`select c.id from customers c
            where c.tenant_id = ${tenantId} and c.bill_group_id = ${billGroupId}
              and coalesce(c.activation_date, to_char(c.created_at, 'YYYY-MM-DD')) < ${billDate}
            order by ${order}`,
      );
      return rows.map((r) => r.id);
    },
    async addChunks(tenantId, runId, chunks) {
      for (let i = 0; i < chunks.length; i += 200) {
        await tx
          .insert(billRunChunks)
          .values(chunks.slice(i, i + 200).map((customerIds, j) => ({ runId, chunk: i + j, tenantId, customerIds })));
      }
      await tx
        .update(billRuns)
        .set({ chunksTotal: chunks.length, accountsTotal: chunks.reduce((n, c) => n + c.length, 0) })
        .where(byId(tenantId, runId));
    },
    async claimChunk(tenantId, runId, chunk) {
      const [row] = await tx
        .select({ customerIds: billRunChunks.customerIds })
        .from(billRunChunks)
        .where(
          and(
            eq(billRunChunks.tenantId, tenantId),
            eq(billRunChunks.runId, runId),
            eq(billRunChunks.chunk, chunk),
            isNull(billRunChunks.finishedAt),
          ),
        )
        // Another worker on the same chunk (a retried job whose first run still lives) waits for it.
        .for('update');
      return row?.customerIds ?? null;
    },
    async finishChunk(tenantId, runId, chunk, o) {
      await tx
        .update(billRunChunks)
        .set({ finishedAt: sql`now()` as unknown as string })
        .where(and(eq(billRunChunks.runId, runId), eq(billRunChunks.chunk, chunk)));
      const [row] = await tx
        .update(billRuns)
        .set({
          accountsBilled: sql`${billRuns.accountsBilled} + ${o.billed}`,
          accountsFailed: sql`${billRuns.accountsFailed} + ${o.failed}`,
          accountsSkipped: sql`${billRuns.accountsSkipped} + ${o.skipped}`,
          invoicesOpened: sql`${billRuns.invoicesOpened} + ${o.opened}`,
          invoicesClosed: sql`${billRuns.invoicesClosed} + ${o.closed}`,
          chunksDone: sql`${billRuns.chunksDone} + 1`,
        })
        .where(byId(tenantId, runId))
        .returning();
      return toRun(row!);
    },
    async markClosedAll(tenantId, id, closed) {
      await tx
        .update(billRuns)
        .set({ closedAll: true, invoicesClosed: sql`${billRuns.invoicesClosed} + ${closed}` })
        .where(byId(tenantId, id));
    },
    async finish(tenantId, id, status) {
      const [row] = await tx
        .update(billRuns)
        .set({ status, finishedAt: sql`now()` as unknown as string })
        .where(byId(tenantId, id))
        .returning();
      return toRun(row!);
    },
    async addErrors(tenantId, runId, errors) {
      if (!errors.length) return;
      await tx
        .insert(billRunErrors)
        .values(errors.map((e) => ({ ...e, tenantId, runId })))
        .onConflictDoNothing();
    },
    async errors(tenantId, runId) {
      const rows = await tx
        .select()
        .from(billRunErrors)
        .where(and(eq(billRunErrors.tenantId, tenantId), eq(billRunErrors.runId, runId)))
        .orderBy(asc(billRunErrors.customerId));
      return rows.map((r) => ({
        customerId: r.customerId,
        code: r.code,
        message: r.message,
        details: r.details as Record<string, unknown>,
      }));
    },
    async addClosedDocuments(tenantId, runId, documentIds) {
      if (!documentIds.length) return;
      const [row] = await rowsOf<{ n: number }>(
        tx,
        sql`select count(*)::int as n from bill_run_documents where tenant_id = ${tenantId} and run_id = ${runId}`,
      );
      const start = row?.n ?? 0;
      await tx
        .insert(billRunDocuments)
        .values(documentIds.map((documentId, i) => ({ runId, documentId, tenantId, position: start + i })))
        .onConflictDoNothing();
    },
    async closedDocumentIds(tenantId, runId) {
      const rows = await tx
        .select({ id: billRunDocuments.documentId })
        .from(billRunDocuments)
        .where(and(eq(billRunDocuments.tenantId, tenantId), eq(billRunDocuments.runId, runId)))
        .orderBy(asc(billRunDocuments.position));
      return rows.map((r) => r.id);
    },
    async billedThroughOf(tenantId, customerIds) {
      if (!customerIds.length) return new Map();
      const rows = await rowsOf<{ customer_id: string; billed_through: string }>(
        tx,
        sql`select customer_id, billed_through::text as billed_through from bill_cycle_accounts
            where tenant_id = ${tenantId} and customer_id = any(${arrayParam(customerIds, 'text')})`,
      );
      return new Map(rows.map((r) => [r.customer_id, r.billed_through]));
    },
    async setBilledThrough(tenantId, rows) {
      if (!rows.length) return;
      await tx
        .insert(billCycleAccounts)
        .values(rows.map((r) => ({ tenantId, customerId: r.customerId, billedThrough: r.billedThrough })))
        .onConflictDoUpdate({
          target: [billCycleAccounts.tenantId, billCycleAccounts.customerId],
          set: { billedThrough: sql`excluded.billed_through` },
        });
    },
    async runningFor(tenantId, customerId) {
      const rows = await rowsOf<{ id: string }>(
        tx,
        sql`select r.id from bill_runs r join bill_run_chunks k on k.run_id = r.id
            where r.tenant_id = ${tenantId} and r.status = 'in_progress' and ${customerId} = any(k.customer_ids)
            limit 1`,
      );
      return rows[0]?.id ?? null;
    },
    async scheduledGroups() {
      const rows = await rowsOf<{ tenant_id: string; id: string; bill_day: number }>(
        tx,
        sql`select tenant_id, id, bill_day from bill_groups order by tenant_id, id`,
      );
      return rows.map((r) => ({ tenantId: r.tenant_id, billGroupId: r.id, billDay: Number(r.bill_day) }));
    },
  };
}
