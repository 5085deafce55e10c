import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import type { AuditRepo } from '../../app/ports/audit.ts';
import { auditEvents } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { toPage } from './paging.ts';
import { unnestInsert } from './unnest-insert.ts';
import { withIsoTimestamps } from './rows.ts';

export function auditRepo(tx: Db): AuditRepo {
  return {
    async append(event) {
      await tx.insert(auditEvents).values(event);
    },
    async appendMany(events) {
      // One statement whatever the number of events: a parameter per column.
      if (events.length) await tx.execute(unnestInsert(auditEvents, events));
    },
    async list(tenantId, filter, page) {
      const where: SQL[] = [eq(auditEvents.tenantId, tenantId)];
      if (filter.objectId) where.push(eq(auditEvents.objectId, filter.objectId));
      if (filter.objectType) where.push(eq(auditEvents.objectType, filter.objectType));
      if (page.after) where.push(gt(auditEvents.id, page.after));
      const rows = await tx
        .select()
        .from(auditEvents)
        .where(and(...where))
        .orderBy(asc(auditEvents.id))
        .limit(page.limit + 1);
      return toPage(rows.map(withIsoTimestamps), page.limit);
    },
  };
}
