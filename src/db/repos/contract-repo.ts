import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Contract, ContractRepo } from '../../app/ports/contracts.ts';
import { contracts } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { toPage } from './paging.ts';
import { withIsoTimestamps } from './rows.ts';

type Row = typeof contracts.$inferSelect;

const toContract = (row: Row): Contract =>
  withIsoTimestamps({ ...row, kind: row.kind as Contract['kind'], status: row.status as Contract['status'] });

export function contractRepo(tx: Db): ContractRepo {
  const byId = (tenantId: string, id: string) => and(eq(contracts.tenantId, tenantId), eq(contracts.id, id));
  return {
    async insert(tenantId, id, input) {
      const [row] = await tx
        .insert(contracts)
        .values({ ...input, tenantId, id })
        .returning();
      return toContract(row!);
    },
    async update(tenantId, id, patch) {
      const [row] = await tx
        .update(contracts)
        .set({ ...patch, updatedAt: sql`now()` as unknown as string })
        .where(byId(tenantId, id))
        .returning();
      return row ? toContract(row) : null;
    },
    async get(tenantId, id) {
      const [row] = await tx.select().from(contracts).where(byId(tenantId, id));
      return row ? toContract(row) : null;
    },
    async findByNumber(tenantId, number) {
      const [row] = await tx
        .select()
        .from(contracts)
        .where(and(eq(contracts.tenantId, tenantId), eq(contracts.number, number)));
      return row ? toContract(row) : null;
    },
    async list(tenantId, filter, page) {
      const where: SQL[] = [eq(contracts.tenantId, tenantId)];
      if (filter.kind) where.push(eq(contracts.kind, filter.kind));
      if (filter.customerId) where.push(eq(contracts.customerId, filter.customerId));
      if (filter.status) where.push(eq(contracts.status, filter.status));
      if (page.after) where.push(gt(contracts.id, page.after));
      const rows = await tx
        .select()
        .from(contracts)
        .where(and(...where))
        .orderBy(asc(contracts.id))
        .limit(page.limit + 1);
      return toPage(rows.map(toContract), page.limit);
    },
  };
}
