import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../app/context.ts';
import type { BulkActionRecord, BulkActionsRepo, BulkCandidate } from '../../app/ports/bulk-actions.ts';
import type { BulkAction, BulkActionStatus, BulkItemOutcome } from '../../core/sessions/bulk-actions.ts';
import type { IssueOrderKey } from '../../core/sessions/issue-order.ts';
import type { DocumentStatus } from '../../app/ports/documents.ts';
import { bulkActionItems, bulkActions, customers, documents } from '../schema/index.ts';
import { withIsoTimestamps } from './rows.ts';
import { toPage } from './paging.ts';
import { rowsOf } from '../sql-text.ts';
import { unnestUpdate } from './unnest-update.ts';
import type { Db } from '../types.ts';

const toRecord = (r: typeof bulkActions.$inferSelect): BulkActionRecord =>
  withIsoTimestamps({
    ...r,
    action: r.action as BulkAction,
    status: r.status as BulkActionStatus,
    issueOrder: r.issueOrder as IssueOrderKey,
    startedBy: r.startedBy as Actor,
  });

/** Items are written in slices: one multi-row insert per slice keeps a large selection within limits. */
const SLICE = 1000;

export function bulkActionsRepo(tx: Db): BulkActionsRepo {
  return {
    async insert(action, documentIds) {
      const [row] = await tx.insert(bulkActions).values(action).returning();
      for (let from = 0; from < documentIds.length; from += SLICE) {
        await tx
          .insert(bulkActionItems)
          .values(
            documentIds
              .slice(from, from + SLICE)
              .map((documentId, i) => ({ bulkActionId: action.id, position: from + i, documentId })),
          );
      }
      return toRecord(row!);
    },
    async get(tenantId, id, options = {}) {
      const query = tx
        .select()
        .from(bulkActions)
        .where(and(eq(bulkActions.tenantId, tenantId), eq(bulkActions.id, id)));
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row ? toRecord(row) : null;
    },
    async list(tenantId, page) {
      const rows = await tx
        .select()
        .from(bulkActions)
        .where(and(eq(bulkActions.tenantId, tenantId), page.after ? gt(bulkActions.id, page.after) : undefined))
        .orderBy(asc(bulkActions.id))
        .limit(page.limit + 1);
      return toPage(rows.map(toRecord), page.limit);
    },
    async update(tenantId, id, patch) {
      await tx
        .update(bulkActions)
        .set(patch)
        .where(and(eq(bulkActions.tenantId, tenantId), eq(bulkActions.id, id)));
    },
    async counts(id) {
      const rows = await tx
        .select({ outcome: bulkActionItems.outcome, n: sql<number>`count(*)::int` })
        .from(bulkActionItems)
        .where(eq(bulkActionItems.bulkActionId, id))
        .groupBy(bulkActionItems.outcome);
      const of = (o: BulkItemOutcome) => Number(rows.find((r) => r.outcome === o)?.n ?? 0);
      return { done: of('done'), failed: of('failed'), pending: of('pending') };
    },
    async items(id, options = {}) {
      const query = tx
        .select({
          position: bulkActionItems.position,
          documentId: bulkActionItems.documentId,
          outcome: bulkActionItems.outcome,
          errorCode: bulkActionItems.errorCode,
          errorMessage: bulkActionItems.errorMessage,
        })
        .from(bulkActionItems)
        .where(
          and(
            eq(bulkActionItems.bulkActionId, id),
            options.outcome ? eq(bulkActionItems.outcome, options.outcome) : undefined,
          ),
        )
        .orderBy(asc(bulkActionItems.position));
      const rows = options.limit ? await query.limit(options.limit) : await query;
      return rows.map((r) => ({ ...r, outcome: r.outcome as BulkItemOutcome }));
    },
    async finishItems(id, entries) {
      if (!entries.length) return 0;
      const v = unnestUpdate(sql`i.position`, [
        ['position', entries.map((e) => e.position), 'int'],
        ['outcome', entries.map((e) => e.outcome), 'text'],
        ['code', entries.map((e) => e.error?.code ?? null), 'text'],
        ['message', entries.map((e) => e.error?.message ?? null), 'text'],
      ]);
      const rows = await rowsOf<{ position: number }>(
        tx,
        sql`update bulk_action_items i set outcome = v.outcome, error_code = v.code, error_message = v.message, finished_at = now()
          from ${v.from}
          where i.bulk_action_id = ${id} and ${v.match} and i.outcome = 'pending'
          returning i.position`,
      );
      return rows.length;
    },
    async finishItem(id, position, outcome, error) {
      const rows = await tx
        .update(bulkActionItems)
        .set({
          outcome,
          errorCode: error?.code ?? null,
          errorMessage: error?.message ?? null,
          finishedAt: sql`now()` as unknown as string,
        })
        .where(
          and(
            eq(bulkActionItems.bulkActionId, id),
            eq(bulkActionItems.position, position),
            eq(bulkActionItems.outcome, 'pending'),
          ),
        )
        .returning({ position: bulkActionItems.position });
      return rows.length > 0;
    },
    async candidates(tenantId, ids) {
      const found: BulkCandidate[] = [];
      // In slices: a statement takes at most 65,535 parameters.
      for (let from = 0; from < ids.length; from += 5 * SLICE) {
        const rows = await tx
          .select({
            id: documents.id,
            status: documents.status,
            customerName: customers.name,
            accountCode: customers.accountCode,
            periodStart: documents.periodStart,
          })
          .from(documents)
          .innerJoin(customers, and(eq(customers.tenantId, documents.tenantId), eq(customers.id, documents.customerId)))
          .where(and(eq(documents.tenantId, tenantId), inArray(documents.id, ids.slice(from, from + 5 * SLICE))));
        for (const r of rows) found.push({ ...r, status: r.status as DocumentStatus });
      }
      return found;
    },
  };
}
