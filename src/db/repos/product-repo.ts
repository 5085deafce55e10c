import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { ProductInput, ProductRecord, ProductRepo } from '../../app/ports/products.ts';
import { products } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { toPage } from './paging.ts';
import { withIsoTimestamps } from './rows.ts';
import { Dec } from '../../core/money/decimal.ts';
import { inIds } from './usage-sql.ts';

/** A numeric column's text without the padding zeros of its scale ("21.0000" → "21"). */
export const trimRate = (value: string | null): string | null => (value === null ? null : new Dec(value).toFixed());

type Row = typeof products.$inferSelect;

const toProduct = (row: Row): ProductRecord =>
  withIsoTimestamps({
    ...row,
    kind: row.kind as ProductRecord['kind'],
    period: row.period as ProductRecord['period'],
    taxRate: trimRate(row.taxRate),
  });

export function productRepo(tx: Db): ProductRepo {
  const byId = (tenantId: string, id: string) => and(eq(products.tenantId, tenantId), eq(products.id, id));
  return {
    async insert(tenantId, id, input: ProductInput) {
      const [row] = await tx
        .insert(products)
        .values({ ...input, tenantId, id })
        .returning();
      return toProduct(row!);
    },
    async update(tenantId, id, patch) {
      const [row] = await tx
        .update(products)
        .set({ ...patch, updatedAt: sql`now()` as unknown as string })
        .where(byId(tenantId, id))
        .returning();
      return row ? toProduct(row) : null;
    },
    async get(tenantId, id) {
      const [row] = await tx.select().from(products).where(byId(tenantId, id));
      return row ? toProduct(row) : null;
    },
    async getMany(tenantId, ids) {
      const found = new Map<string, ProductRecord>();
      if (ids.length === 0) return found;
      const rows = await tx
        .select()
        .from(products)
        .where(and(eq(products.tenantId, tenantId), inIds(products.id, [...ids])));
      for (const row of rows) found.set(row.id, toProduct(row));
      return found;
    },
    async findByCode(tenantId, code) {
      const [row] = await tx
        .select()
        .from(products)
        .where(and(eq(products.tenantId, tenantId), eq(products.code, code)));
      return row ? toProduct(row) : null;
    },
    async list(tenantId, filter, page) {
      const where: SQL[] = [eq(products.tenantId, tenantId)];
      if (filter.kind) where.push(eq(products.kind, filter.kind));
      if (filter.code) where.push(eq(products.code, filter.code));
      if (page.after) where.push(gt(products.id, page.after));
      const rows = await tx
        .select()
        .from(products)
        .where(and(...where))
        .orderBy(asc(products.id))
        .limit(page.limit + 1);
      return toPage(rows.map(toProduct), page.limit);
    },
    async delete(tenantId, id) {
      const deleted = await tx.delete(products).where(byId(tenantId, id)).returning({ id: products.id });
      return deleted.length > 0;
    },
  };
}
