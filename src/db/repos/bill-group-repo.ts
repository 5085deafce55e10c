import { and, asc, count, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { BillGroup, BillGroupRepo } from '../../app/ports/bill-groups.ts';
import type { InvoiceCloseType, DueDateBasis, RunSortOrder } from '../../core/bill-groups/terms.ts';
import { billGroups, customers } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { toPage } from './paging.ts';
import { withIsoTimestamps } from './rows.ts';

type Row = typeof billGroups.$inferSelect;

const toBillGroup = (row: Row): BillGroup =>
  withIsoTimestamps({
    ...row,
    invoiceCloseType: row.invoiceCloseType as InvoiceCloseType,
    dueDateBasis: row.dueDateBasis as DueDateBasis,
    sortOrder: row.sortOrder as RunSortOrder,
  });

export function billGroupRepo(tx: Db): BillGroupRepo {
  const byId = (tenantId: string, id: string) => and(eq(billGroups.tenantId, tenantId), eq(billGroups.id, id));
  return {
    async insert(tenantId, id, terms) {
      const [row] = await tx
        .insert(billGroups)
        .values({ ...terms, tenantId, id })
        .returning();
      return toBillGroup(row!);
    },
    async update(tenantId, id, terms) {
      const [row] = await tx
        .update(billGroups)
        .set({ ...terms, updatedAt: sql`now()` as unknown as string })
        .where(byId(tenantId, id))
        .returning();
      return row ? toBillGroup(row) : null;
    },
    async get(tenantId, id) {
      const [row] = await tx.select().from(billGroups).where(byId(tenantId, id));
      return row ? toBillGroup(row) : null;
    },
    async list(tenantId, page) {
      const where: SQL[] = [eq(billGroups.tenantId, tenantId)];
      if (page.after) where.push(gt(billGroups.id, page.after));
      const rows = await tx
        .select()
        .from(billGroups)
        .where(and(...where))
        .orderBy(asc(billGroups.id))
        .limit(page.limit + 1);
      return toPage(rows.map(toBillGroup), page.limit);
    },
    async delete(tenantId, id) {
      const deleted = await tx.delete(billGroups).where(byId(tenantId, id)).returning({ id: billGroups.id });
      return deleted.length > 0;
    },
    async memberCount(tenantId, id) {
      const [row] = await tx
        .select({ n: count() })
        .from(customers)
        .where(and(eq(customers.tenantId, tenantId), eq(customers.billGroupId, id)));
      return Number(row?.n ?? 0);
    },
  };
}
