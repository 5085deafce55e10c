import { and, asc, eq, gt, gte, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type {
  Subscription,
  SubscriptionFilter,
  SubscriptionInput,
  SubscriptionRepo,
  Suspension,
} from '../../app/ports/subscriptions.ts';
import { subscriptions, subscriptionSuspensions } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { toPage } from './paging.ts';
import { withIsoTimestamps } from './rows.ts';
import { trimRate } from './product-repo.ts';
import { inIds } from './usage-sql.ts';

type Row = typeof subscriptions.$inferSelect;

const toSubscription = (row: Row, suspensions: Suspension[]): Subscription =>
  withIsoTimestamps({
    ...row,
    billing: row.billing as Subscription['billing'],
    quantity: trimRate(row.quantity)!,
    unitPrice: trimRate(row.unitPrice),
    suspensions,
  });

export function subscriptionRepo(tx: Db): SubscriptionRepo {
  const byId = (tenantId: string, id: string) => and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.id, id));

  // Suspensions are part of the subscription: fetched for a page of them at once, in date order.
  async function withSuspensions(tenantId: string, rows: Row[]): Promise<Subscription[]> {
    if (rows.length === 0) return [];
    const found = await tx
      .select()
      .from(subscriptionSuspensions)
      .where(
        and(
          eq(subscriptionSuspensions.tenantId, tenantId),
          inIds(
            subscriptionSuspensions.subscriptionId,
            rows.map((row) => row.id),
          ),
        ),
      )
      .orderBy(asc(subscriptionSuspensions.fromDate), asc(subscriptionSuspensions.id));
    const bySubscription = new Map<string, Suspension[]>();
    for (const s of found) {
      const list = bySubscription.get(s.subscriptionId) ?? [];
      list.push({ id: s.id, from: s.fromDate, to: s.toDate });
      bySubscription.set(s.subscriptionId, list);
    }
    return rows.map((row) => toSubscription(row, bySubscription.get(row.id) ?? []));
  }
  const one = async (tenantId: string, row: Row | undefined) =>
    row ? (await withSuspensions(tenantId, [row]))[0]! : null;

  return {
    async insert(tenantId, id, input: SubscriptionInput) {
      const [row] = await tx
        .insert(subscriptions)
        .values({ ...input, tenantId, id })
        .returning();
      return toSubscription(row!, []);
    },
    async update(tenantId, id, patch) {
      const [row] = await tx
        .update(subscriptions)
        .set({ ...patch, updatedAt: sql`now()` as unknown as string })
        .where(byId(tenantId, id))
        .returning();
      return one(tenantId, row);
    },
    async get(tenantId, id) {
      const [row] = await tx.select().from(subscriptions).where(byId(tenantId, id));
      return one(tenantId, row);
    },
    async lockForProduct(tenantId, contractId, productId) {
      const rows = await tx
        .select()
        .from(subscriptions)
        .where(
          and(
            eq(subscriptions.tenantId, tenantId),
            eq(subscriptions.contractId, contractId),
            eq(subscriptions.productId, productId),
          ),
        )
        .orderBy(asc(subscriptions.id))
        .for('update');
      return withSuspensions(tenantId, rows);
    },
    async list(tenantId, filter: SubscriptionFilter, page) {
      const where: SQL[] = [eq(subscriptions.tenantId, tenantId)];
      if (filter.customerId) where.push(eq(subscriptions.customerId, filter.customerId));
      if (filter.contractId) where.push(eq(subscriptions.contractId, filter.contractId));
      if (filter.productId) where.push(eq(subscriptions.productId, filter.productId));
      if (filter.activeTo) where.push(lte(subscriptions.startDate, filter.activeTo));
      if (filter.activeFrom) {
        where.push(or(isNull(subscriptions.endDate), gte(subscriptions.endDate, filter.activeFrom))!);
      }
      if (page.after) where.push(gt(subscriptions.id, page.after));
      const rows = await tx
        .select()
        .from(subscriptions)
        .where(and(...where))
        .orderBy(asc(subscriptions.id))
        .limit(page.limit + 1);
      return toPage(await withSuspensions(tenantId, rows), page.limit);
    },
    async ofCustomers(tenantId, customerIds, startedBy) {
      if (customerIds.length === 0) return [];
      const rows = await tx
        .select()
        .from(subscriptions)
        .where(
          and(
            eq(subscriptions.tenantId, tenantId),
            inIds(subscriptions.customerId, customerIds),
            lte(subscriptions.startDate, startedBy),
          ),
        )
        .orderBy(asc(subscriptions.id));
      return withSuspensions(tenantId, rows);
    },
    async delete(tenantId, id) {
      const rows = await tx.delete(subscriptions).where(byId(tenantId, id)).returning({ id: subscriptions.id });
      return rows.length > 0;
    },
    async addSuspension(tenantId, subscriptionId, suspension) {
      await tx
        .insert(subscriptionSuspensions)
        .values({ id: suspension.id, tenantId, subscriptionId, fromDate: suspension.from, toDate: suspension.to });
    },
    async endSuspension(tenantId, suspensionId, to) {
      await tx
        .update(subscriptionSuspensions)
        .set({ toDate: to })
        .where(and(eq(subscriptionSuspensions.tenantId, tenantId), eq(subscriptionSuspensions.id, suspensionId)));
    },
  };
}
