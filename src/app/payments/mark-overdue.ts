import type { Temporal } from 'temporal-polyfill';
import type { Deps } from '../deps.ts';
import type { DueTask } from '../scheduling/run-due.ts';
import { graceDaysOf } from './allocate.ts';
import { paymentStatusOf } from '../../core/payments/index.ts';
import { todayInZone } from '../../core/time/zones.ts';
import { recordEvent } from '../webhooks/record-event.ts';
import { documentEventData } from '../webhooks/event-data.ts';

/**
 * Sets the payment status of every open payable document as of an instant: overdue once its due
 * date plus the tenant's grace days (setting `overdueGraceDays`, default 0) has passed unpaid.
 * Idempotent for an instant; one transaction per tenant.
 */
export async function markOverdue(deps: Deps, asOf: Temporal.Instant): Promise<{ tenants: number; changed: number }> {
  const tenantIds = await deps.uow.run((s) => s.payments.tenantsWithOpenDocuments());
  let changed = 0;
  for (const tenantId of tenantIds) {
    changed += await deps.uow.run(async (s) => {
      const tenant = await s.tenancy.getTenant(tenantId);
      if (!tenant) return 0;
      const today = todayInZone(asOf, tenant.timezone);
      let n = 0;
      for (const d of await s.payments.openPayableDocuments(tenantId)) {
        const status = paymentStatusOf(d, today, graceDaysOf(tenant));
        if (status === d.paymentStatus) continue;
        await s.payments.setDocumentPaid(tenantId, d.id, '0', status);
        if (status === 'overdue') {
          const doc = await s.documents.getDocument(tenantId, d.id);
          if (doc) await recordEvent(s, deps.clock, tenantId, 'document.overdue', documentEventData(doc));
        }
        n += 1;
      }
      return n;
    });
  }
  return { tenants: tenantIds.length, changed };
}

export const overdueTask = (deps: Deps): DueTask => ({
  name: 'payments.mark-overdue',
  run: (asOf) => markOverdue(deps, asOf),
});
