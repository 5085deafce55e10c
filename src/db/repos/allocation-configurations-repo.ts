import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { AllocationConfigurationRecord, AllocationConfigurationsRepo } from '../../app/ports/payments.ts';
import type { AllocationCriterion } from '../../core/payments/index.ts';
import { allocationConfigurations, contracts } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { withIsoTimestamps } from './rows.ts';
import { arrayParam } from './usage-sql.ts';

const toConfiguration = (row: typeof allocationConfigurations.$inferSelect): AllocationConfigurationRecord =>
  withIsoTimestamps({ ...row, criteria: row.criteria as AllocationCriterion[] });

export function allocationConfigurationsRepo(tx: Db): AllocationConfigurationsRepo {
  return {
    async insertConfiguration(c) {
      const [row] = await tx.insert(allocationConfigurations).values(c).returning();
      return toConfiguration(row!);
    },
    async updateConfiguration(tenantId, id, patch) {
      const [row] = await tx
        .update(allocationConfigurations)
        .set({ ...patch, updatedAt: sql`now()` as unknown as string })
        .where(and(eq(allocationConfigurations.tenantId, tenantId), eq(allocationConfigurations.id, id)))
        .returning();
      return row ? toConfiguration(row) : null;
    },
    async getConfiguration(tenantId, id) {
      const [row] = await tx
        .select()
        .from(allocationConfigurations)
        .where(and(eq(allocationConfigurations.tenantId, tenantId), eq(allocationConfigurations.id, id)));
      return row ? toConfiguration(row) : null;
    },
    async defaultConfiguration(tenantId) {
      const [row] = await tx
        .select()
        .from(allocationConfigurations)
        .where(and(eq(allocationConfigurations.tenantId, tenantId), eq(allocationConfigurations.isDefault, true)));
      return row ? toConfiguration(row) : null;
    },
    async clearDefaultConfiguration(tenantId) {
      await tx
        .update(allocationConfigurations)
        .set({ isDefault: false })
        .where(and(eq(allocationConfigurations.tenantId, tenantId), eq(allocationConfigurations.isDefault, true)));
    },
    async listConfigurations(tenantId) {
      const rows = await tx
        .select()
        .from(allocationConfigurations)
        .where(eq(allocationConfigurations.tenantId, tenantId))
        .orderBy(asc(allocationConfigurations.id));
      return rows.map(toConfiguration);
    },
    async getConfigurations(tenantId, ids) {
      if (!ids.length) return [];
      const rows = await tx
        .select()
        .from(allocationConfigurations)
        .where(
          and(
            eq(allocationConfigurations.tenantId, tenantId),
            sql`${allocationConfigurations.id} = any(${arrayParam(ids, 'text')})`,
          ),
        );
      return rows.map(toConfiguration);
    },
    async contractConfigurationIds(tenantId, customerIds) {
      if (!customerIds.length) return new Map();
      // The newest active contract naming a configuration, per customer (as contractConfigurationId).
      const rows = await tx
        .selectDistinctOn([contracts.customerId], {
          customerId: contracts.customerId,
          id: contracts.allocationConfigurationId,
        })
        .from(contracts)
        .where(
          and(
            eq(contracts.tenantId, tenantId),
            sql`${contracts.customerId} = any(${arrayParam(customerIds, 'text')})`,
            eq(contracts.status, 'active'),
            sql`${contracts.allocationConfigurationId} is not null`,
          ),
        )
        .orderBy(asc(contracts.customerId), desc(contracts.id));
      return new Map(rows.map((r) => [r.customerId, r.id!]));
    },
    async contractConfigurationId(tenantId, customerId) {
      const [row] = await tx
        .select({ id: contracts.allocationConfigurationId })
        .from(contracts)
        .where(
          and(
            eq(contracts.tenantId, tenantId),
            eq(contracts.customerId, customerId),
            eq(contracts.status, 'active'),
            sql`${contracts.allocationConfigurationId} is not null`,
          ),
        )
        .orderBy(desc(contracts.id))
        .limit(1);
      return row?.id ?? null;
    },
  };
}
