import { and, asc, eq, gt, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type {
  DeliveriesRepo,
  DeliveryRecord,
  OperatorNoticeRecord,
  SmtpSettingsRecord,
} from '../../app/ports/deliveries.ts';
import { deliveries, operatorNotices, smtpSettings } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { toPage } from './paging.ts';
import { withIsoTimestamps } from './rows.ts';

const toDelivery = ({ channel, ...row }: typeof deliveries.$inferSelect): DeliveryRecord =>
  withIsoTimestamps({
    ...row,
    channel: channel as 'email',
    trigger: row.trigger as DeliveryRecord['trigger'],
    status: row.status as DeliveryRecord['status'],
    error: row.error as DeliveryRecord['error'],
    events: row.events as unknown as DeliveryRecord['events'],
  });

const toSmtp = ({ createdAt: _c, ...row }: typeof smtpSettings.$inferSelect): SmtpSettingsRecord =>
  withIsoTimestamps({ ...row, tls: row.tls as SmtpSettingsRecord['tls'] });

const toNotice = (row: typeof operatorNotices.$inferSelect): OperatorNoticeRecord =>
  withIsoTimestamps({
    ...row,
    subjectType: row.subjectType as OperatorNoticeRecord['subjectType'],
    event: row.event as OperatorNoticeRecord['event'],
    status: row.status as OperatorNoticeRecord['status'],
    error: row.error as OperatorNoticeRecord['error'],
  });

const appendEvents = (events: unknown[]) => sql`${deliveries.events} || ${JSON.stringify(events)}::jsonb`;

export function deliveriesRepo(tx: Db): DeliveriesRepo {
  return {
    async insert(d) {
      const [row] = await tx
        .insert(deliveries)
        .values({ ...d, channel: 'email', error: d.error as Record<string, unknown> | null, events: d.events as never })
        .returning();
      return toDelivery(row!);
    },
    async get(tenantId, id) {
      const [row] = await tx
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.id, id)));
      return row ? toDelivery(row) : null;
    },
    async listForDocument(tenantId, documentId, page) {
      const rows = await tx
        .select()
        .from(deliveries)
        .where(
          and(
            eq(deliveries.tenantId, tenantId),
            eq(deliveries.documentId, documentId),
            page.after ? gt(deliveries.id, page.after) : undefined,
          ),
        )
        .orderBy(asc(deliveries.id))
        .limit(page.limit + 1);
      return toPage(rows.map(toDelivery), page.limit);
    },
    async claimDue(tenantId, jobId, asOf, staleBefore, limit) {
      // Rows another worker holds are skipped, not waited for: each batch takes what is free.
      const picked = await tx
        .select({ id: deliveries.id, status: deliveries.status })
        .from(deliveries)
        .where(
          and(
            eq(deliveries.tenantId, tenantId),
            or(
              and(eq(deliveries.status, 'queued'), lte(deliveries.dueAt, asOf)),
              and(
                eq(deliveries.status, 'sending'),
                or(eq(deliveries.claimedBy, jobId), lt(deliveries.claimedAt, staleBefore)),
              ),
            ),
          ),
        )
        .orderBy(asc(deliveries.dueAt), asc(deliveries.id))
        .limit(limit)
        .for('update', { skipLocked: true });
      if (picked.length === 0) return [];
      const rows = await tx
        .update(deliveries)
        .set({
          status: 'sending',
          claimedBy: jobId,
          claimedAt: asOf,
          attempts: sql`${deliveries.attempts} + 1`,
          updatedAt: sql`now()`,
        })
        .where(
          and(
            eq(deliveries.tenantId, tenantId),
            inArray(
              deliveries.id,
              picked.map((p) => p.id),
            ),
          ),
        )
        .returning();
      const resumed = new Set(picked.filter((p) => p.status === 'sending').map((p) => p.id));
      return rows
        .map((r) => ({ ...toDelivery(r), resumed: resumed.has(r.id) }))
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
    },
    async update(tenantId, id, patch, events = []) {
      const [row] = await tx
        .update(deliveries)
        .set({
          ...patch,
          error: patch.error === undefined ? undefined : (patch.error as Record<string, unknown> | null),
          ...(events.length ? { events: appendEvents(events) as never } : {}),
          updatedAt: sql`now()`,
        })
        .where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.id, id)))
        .returning();
      return toDelivery(row!);
    },
    async tenantsWithDue(asOf, staleBefore) {
      const rows = await tx
        .selectDistinct({ tenantId: deliveries.tenantId })
        .from(deliveries)
        .where(
          or(
            and(eq(deliveries.status, 'queued'), lte(deliveries.dueAt, asOf)),
            and(eq(deliveries.status, 'sending'), lt(deliveries.claimedAt, staleBefore)),
          ),
        );
      return rows.map((r) => r.tenantId);
    },
    async getSmtp(tenantId) {
      const [row] = await tx.select().from(smtpSettings).where(eq(smtpSettings.tenantId, tenantId));
      return row ? toSmtp(row) : null;
    },
    async insertNotice(notice) {
      const [row] = await tx
        .insert(operatorNotices)
        .values({ ...notice, error: notice.error as Record<string, unknown> | null })
        .onConflictDoNothing()
        .returning();
      return row ? toNotice(row) : null;
    },
    async getNotice(tenantId, id) {
      const [row] = await tx
        .select()
        .from(operatorNotices)
        .where(and(eq(operatorNotices.tenantId, tenantId), eq(operatorNotices.id, id)));
      return row ? toNotice(row) : null;
    },
    async finishNotice(tenantId, id, outcome) {
      const rows = await tx
        .update(operatorNotices)
        .set({ ...outcome, error: outcome.error as Record<string, unknown> | null })
        .where(
          and(eq(operatorNotices.tenantId, tenantId), eq(operatorNotices.id, id), eq(operatorNotices.status, 'queued')),
        )
        .returning({ id: operatorNotices.id });
      return rows.length > 0;
    },
    async noticesOf(tenantId, subjectId) {
      const rows = await tx
        .select()
        .from(operatorNotices)
        .where(and(eq(operatorNotices.tenantId, tenantId), eq(operatorNotices.subjectId, subjectId)))
        .orderBy(asc(operatorNotices.createdAt), asc(operatorNotices.id));
      return rows.map(toNotice);
    },
    async putSmtp(settings) {
      const { tenantId: _t, ...rest } = settings;
      const [row] = await tx
        .insert(smtpSettings)
        .values(settings)
        .onConflictDoUpdate({ target: smtpSettings.tenantId, set: { ...rest, updatedAt: sql`now()` } })
        .returning();
      return toSmtp(row!);
    },
  };
}
