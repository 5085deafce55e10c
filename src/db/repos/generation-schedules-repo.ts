import { and, eq, inArray, ne } from 'drizzle-orm';
import type { GenerationSchedulesRepo } from '../../app/ports/generation-schedules.ts';
import type { BillingPeriodKind } from '../../core/time/periods.ts';
import { customers, documents, generationScheduleRuns, tenants } from '../schema/index.ts';
import type { Db } from '../types.ts';

export function generationSchedulesRepo(tx: Db): GenerationSchedulesRepo {
  return {
    async tenantIds() {
      return (await tx.select({ id: tenants.id }).from(tenants).orderBy(tenants.id)).map((r) => r.id);
    },
    async billableCustomers(tenantId) {
      const rows = await tx
        .select({
          id: customers.id,
          billingPeriod: customers.billingPeriod,
          activationDate: customers.activationDate,
          createdAt: customers.createdAt,
        })
        .from(customers)
        .where(
          and(eq(customers.tenantId, tenantId), ne(customers.billingPeriod, 'none'), ne(customers.status, 'closed')),
        )
        .orderBy(customers.id);
      return rows.map((r) => ({
        ...r,
        billingPeriod: r.billingPeriod as BillingPeriodKind,
        createdAt: new Date(r.createdAt).toISOString(),
      }));
    },
    async coveredPeriods(tenantId, type) {
      return tx
        .select({ customerId: documents.customerId, start: documents.periodStart, end: documents.periodEnd })
        .from(documents)
        .where(
          and(
            eq(documents.tenantId, tenantId),
            eq(documents.type, type),
            inArray(documents.status, ['draft', 'issued']),
          ),
        );
    },
    async claimRun(tenantId, type, firedAt) {
      const rows = await tx
        .insert(generationScheduleRuns)
        .values({ tenantId, documentType: type, firedAt, sessionIds: [] })
        .onConflictDoNothing()
        .returning({ t: generationScheduleRuns.tenantId });
      return rows.length > 0;
    },
    async setRunSessions(tenantId, type, firedAt, sessionIds) {
      await tx
        .update(generationScheduleRuns)
        .set({ sessionIds })
        .where(
          and(
            eq(generationScheduleRuns.tenantId, tenantId),
            eq(generationScheduleRuns.documentType, type),
            eq(generationScheduleRuns.firedAt, firedAt),
          ),
        );
    },
  };
}
