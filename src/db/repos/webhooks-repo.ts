import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type {
  DeliveryAttempt,
  WebhookDeliveryRecord,
  WebhookEndpointRecord,
  WebhookEventRecord,
  WebhooksRepo,
} from '../../app/ports/webhooks.ts';
import type { DeliveryStatus, WebhookEventType } from '../../core/webhooks/index.ts';
import { webhookDeliveries, webhookEndpoints, webhookEvents } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { toPage } from './paging.ts';
import { unnestInsert } from './unnest-insert.ts';
import { withIsoTimestamps } from './rows.ts';

const toEndpoint = (row: typeof webhookEndpoints.$inferSelect): WebhookEndpointRecord =>
  withIsoTimestamps({ ...row, events: row.events as WebhookEventType[] });
const toEvent = ({ createdAt: _c, ...row }: typeof webhookEvents.$inferSelect): WebhookEventRecord =>
  withIsoTimestamps({ ...row, type: row.type as WebhookEventType });
const toDelivery = ({ updatedAt: _u, ...row }: typeof webhookDeliveries.$inferSelect): WebhookDeliveryRecord =>
  withIsoTimestamps({
    ...row,
    status: row.status as DeliveryStatus,
    attemptLog: row.attemptLog as DeliveryAttempt[],
  });

export function webhooksRepo(tx: Db): WebhooksRepo {
  const endpointById = (tenantId: string, id: string) =>
    and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.id, id));
  return {
    async insertEndpoint(row) {
      const [out] = await tx.insert(webhookEndpoints).values(row).returning();
      return toEndpoint(out!);
    },
    async getEndpoint(tenantId, id) {
      const [row] = await tx.select().from(webhookEndpoints).where(endpointById(tenantId, id));
      return row ? toEndpoint(row) : null;
    },
    async listEndpoints(tenantId, page) {
      const where: SQL[] = [eq(webhookEndpoints.tenantId, tenantId)];
      if (page.after) where.push(gt(webhookEndpoints.id, page.after));
      const rows = await tx
        .select()
        .from(webhookEndpoints)
        .where(and(...where))
        .orderBy(asc(webhookEndpoints.id))
        .limit(page.limit + 1);
      return toPage(rows.map(toEndpoint), page.limit);
    },
    async subscribers(tenantId, type) {
      const rows = await tx
        .select()
        .from(webhookEndpoints)
        .where(
          and(
            eq(webhookEndpoints.tenantId, tenantId),
            eq(webhookEndpoints.enabled, true),
            sql`${webhookEndpoints.events} @> ${JSON.stringify([type])}::jsonb`,
          ),
        )
        .orderBy(asc(webhookEndpoints.id));
      return rows.map(toEndpoint);
    },
    async updateEndpoint(tenantId, id, patch) {
      const [row] = await tx
        .update(webhookEndpoints)
        .set({ ...patch, updatedAt: sql`now()` as unknown as string })
        .where(endpointById(tenantId, id))
        .returning();
      return row ? toEndpoint(row) : null;
    },
    async deleteEndpoint(tenantId, id) {
      const rows = await tx
        .delete(webhookEndpoints)
        .where(endpointById(tenantId, id))
        .returning({ id: webhookEndpoints.id });
      return rows.length > 0;
    },

    async insertEvent(row) {
      await tx.insert(webhookEvents).values(row);
    },
    async insertEvents(rows) {
      if (rows.length) await tx.execute(unnestInsert(webhookEvents, rows));
    },
    async getEvent(tenantId, id) {
      const [row] = await tx
        .select()
        .from(webhookEvents)
        .where(and(eq(webhookEvents.tenantId, tenantId), eq(webhookEvents.id, id)));
      return row ? toEvent(row) : null;
    },
    async listEvents(tenantId, filter, page) {
      const where: SQL[] = [eq(webhookEvents.tenantId, tenantId)];
      if (filter.type) where.push(eq(webhookEvents.type, filter.type));
      if (page.after) where.push(gt(webhookEvents.id, page.after));
      const rows = await tx
        .select()
        .from(webhookEvents)
        .where(and(...where))
        .orderBy(asc(webhookEvents.id))
        .limit(page.limit + 1);
      return toPage(rows.map(toEvent), page.limit);
    },

    async insertDeliveries(rows) {
      if (rows.length) await tx.insert(webhookDeliveries).values(rows);
    },
    async getDelivery(tenantId, id, options) {
      const q = tx
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.id, id)));
      const [row] = options?.forUpdate ? await q.for('update') : await q;
      return row ? toDelivery(row) : null;
    },
    async updateDelivery(tenantId, id, patch) {
      await tx
        .update(webhookDeliveries)
        .set({ ...patch, updatedAt: sql`now()` as unknown as string })
        .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.id, id)));
    },
    async listDeliveries(tenantId, filter, page) {
      const where: SQL[] = [eq(webhookDeliveries.tenantId, tenantId)];
      if (filter.endpointId) where.push(eq(webhookDeliveries.endpointId, filter.endpointId));
      if (filter.eventId) where.push(eq(webhookDeliveries.eventId, filter.eventId));
      if (filter.status) where.push(eq(webhookDeliveries.status, filter.status));
      if (page.after) where.push(gt(webhookDeliveries.id, page.after));
      const rows = await tx
        .select()
        .from(webhookDeliveries)
        .where(and(...where))
        .orderBy(asc(webhookDeliveries.id))
        .limit(page.limit + 1);
      return toPage(rows.map(toDelivery), page.limit);
    },
  };
}
