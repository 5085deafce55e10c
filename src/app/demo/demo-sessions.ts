import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { startGenerationSession } from '../sessions/start-generation-session.ts';
import { getGenerationSession } from '../sessions/query-sessions.ts';
import { startSessionBulkAction } from '../bulk-actions/start-bulk-action.ts';
import { getBulkAction } from '../bulk-actions/query-bulk-actions.ts';
import { demoBillingMonth } from './demo-data.ts';

/**
 * The demo's generation session: last month's invoices for every customer at once, after the
 * demo billed most of them one by one. Those are skipped (never billed twice); a customer whose
 * data breaks a rule shows as that customer's error with its code. Then the session's drafts are
 * issued in one bulk action (POST /generation-sessions/{id}/issue), numbered in customer-name order.
 */
export function demoSessionsStep(deps: Deps, drainJobs: () => Promise<unknown>, progress: (line: string) => void) {
  return async (ctx: CallContext) => {
    const tenant = await deps.uow.run((s) => s.tenancy.getTenant(ctx.tenantId));
    const period = demoBillingMonth(deps.clock.now(), tenant!.timezone);
    const started = await startGenerationSession(deps, ctx, {
      documentType: 'invoice',
      periodStart: period.start,
      periodEnd: period.end,
      scope: {},
      startedBy: { kind: 'api_key', id: ctx.actor.id },
    });
    await drainJobs();
    const session = await getGenerationSession(deps, ctx, started.id);
    const c = session.counts;
    progress(
      `generation session ${session.id} (${period.start}..${period.end}): ${session.status}, ` +
        `${c.customersTotal} customers, ${c.documentsCreated} invoices made, ${c.customersSkipped} skipped, ` +
        `${c.customersFailed} failed${session.errors.map((e) => ` [${e.customerId}: ${e.code}]`).join('')}`,
    );
    if (c.documentsCreated === 0) return;
    const bulk = await startSessionBulkAction(deps, ctx, session.id, { action: 'issue' });
    await drainJobs();
    const issued = await getBulkAction(deps, ctx, bulk.id);
    const found = await deps.uow.run((s) => s.documents.getDocuments(ctx.tenantId, session.documentIds));
    const numberOf = new Map(found.map((d) => [d.id, d.number]));
    const numbers = session.documentIds.map((id) => numberOf.get(id));
    progress(
      `session bulk issue ${issued.id}: ${issued.status}, ${issued.counts.done} of ${issued.counts.total} issued ` +
        `(${numbers.filter(Boolean).sort().join(', ')})`,
    );
  };
}
