import { and, asc, eq, sql } from 'drizzle-orm';
import type { FixedCost, FixedCostsRepo } from '../../app/ports/fixed-costs.ts';
import { fixedCosts } from '../schema/index.ts';
import { trimDecimal, withIsoTimestamps } from './rows.ts';
import type { Db } from '../types.ts';

const toFixedCost = ({ updatedAt: _u, ...r }: typeof fixedCosts.$inferSelect): FixedCost =>
  withIsoTimestamps({ ...r, cost: trimDecimal(r.cost) });

export function fixedCostsRepo(tx: Db): FixedCostsRepo {
  return {
    async insertFixedCost(cost) {
      return toFixedCost((await tx.insert(fixedCosts).values(cost).returning())[0]!);
    },
    async updateFixedCost(tenantId, id, patch) {
      const [row] = await tx
        .update(fixedCosts)
        .set({ ...patch, updatedAt: sql`now()` as unknown as string })
        .where(and(eq(fixedCosts.tenantId, tenantId), eq(fixedCosts.id, id)))
        .returning();
      return row ? toFixedCost(row) : null;
    },
    async getFixedCost(tenantId, id) {
      const [row] = await tx
        .select()
        .from(fixedCosts)
        .where(and(eq(fixedCosts.tenantId, tenantId), eq(fixedCosts.id, id)));
      return row ? toFixedCost(row) : null;
    },
    async listFixedCosts(tenantId) {
      return (
        await tx.select().from(fixedCosts).where(eq(fixedCosts.tenantId, tenantId)).orderBy(asc(fixedCosts.id))
      ).map(toFixedCost);
    },
  };
}
