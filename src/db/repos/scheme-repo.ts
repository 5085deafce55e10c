import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { InvoicingScheme, SchemeRepo } from '../../app/ports/schemes.ts';
import { contracts, customers, invoicingSchemes, subscriptions } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { rowsOf } from '../sql-text.ts';
import { toPage } from './paging.ts';
import { withIsoTimestamps } from './rows.ts';
import { trimRate } from './product-repo.ts';

type Row = typeof invoicingSchemes.$inferSelect;

const toScheme = (row: Row): InvoicingScheme =>
  withIsoTimestamps({
    ...row,
    taxRate: trimRate(row.taxRate)!,
    callDiscountPercent: trimRate(row.callDiscountPercent)!,
    renderMode: row.renderMode as InvoicingScheme['renderMode'],
  });

export function schemeRepo(tx: Db): SchemeRepo {
  const byId = (tenantId: string, id: string) =>
    and(eq(invoicingSchemes.tenantId, tenantId), eq(invoicingSchemes.id, id));
  return {
    async insert(tenantId, id, input) {
      const [row] = await tx
        .insert(invoicingSchemes)
        .values({ ...input, tenantId, id })
        .returning();
      return toScheme(row!);
    },
    async update(tenantId, id, patch) {
      const [row] = await tx
        .update(invoicingSchemes)
        .set({ ...patch, updatedAt: sql`now()` as unknown as string })
        .where(byId(tenantId, id))
        .returning();
      return row ? toScheme(row) : null;
    },
    async get(tenantId, id) {
      const [row] = await tx.select().from(invoicingSchemes).where(byId(tenantId, id));
      return row ? toScheme(row) : null;
    },
    async getDefault(tenantId) {
      const [row] = await tx
        .select()
        .from(invoicingSchemes)
        .where(and(eq(invoicingSchemes.tenantId, tenantId), eq(invoicingSchemes.isDefault, true)));
      return row ? toScheme(row) : null;
    },
    async list(tenantId, page) {
      const where: SQL[] = [eq(invoicingSchemes.tenantId, tenantId)];
      if (page.after) where.push(gt(invoicingSchemes.id, page.after));
      const rows = await tx
        .select()
        .from(invoicingSchemes)
        .where(and(...where))
        .orderBy(asc(invoicingSchemes.id))
        .limit(page.limit + 1);
      return toPage(rows.map(toScheme), page.limit);
    },
    async delete(tenantId, id) {
      const deleted = await tx
        .delete(invoicingSchemes)
        .where(byId(tenantId, id))
        .returning({ id: invoicingSchemes.id });
      return deleted.length > 0;
    },
    async clearDefault(tenantId) {
      await tx
        .update(invoicingSchemes)
        .set({ isDefault: false })
        .where(and(eq(invoicingSchemes.tenantId, tenantId), eq(invoicingSchemes.isDefault, true)));
    },
    async isInUse(tenantId, id) {
      const [row] = await rowsOf<{ used: boolean }>(
        tx,
        sql`select exists (select 1 from ${customers} where ${customers.tenantId} = ${tenantId}
          and ${customers.invoicingSchemeId} = ${id})
        or exists (select 1 from ${contracts} where ${contracts.tenantId} = ${tenantId}
          and ${contracts.invoicingSchemeId} = ${id})
        or exists (select 1 from ${subscriptions} where ${subscriptions.tenantId} = ${tenantId}
          and ${subscriptions.invoicingSchemeId} = ${id}) as used`,
      );
      return Boolean(row?.used);
    },
  };
}
