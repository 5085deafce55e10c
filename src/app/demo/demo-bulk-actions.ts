import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { DocumentRenderer } from '../ports/rendering.ts';
import { AppError } from '../errors.ts';
import { createInvoice } from '../documents/create-document.ts';
import { requestGeneration } from '../documents/generate-document.ts';
import { startBulkAction } from '../bulk-actions/start-bulk-action.ts';
import { getBulkAction } from '../bulk-actions/query-bulk-actions.ts';
import { getGenerationSettings, putGenerationSettings } from '../scheduling/generation-schedules.ts';
import { demoBillingMonth } from './demo-data.ts';

/**
 * The demo's bulk issue and schedules: drafts for an older month (three months back, clear of the
 * months the other demo steps bill) are generated and issued in one bulk action, numbered in
 * customer-name order; then the schedules periodic generation follows are shown (latest period only).
 */
export function demoBulkActionsStep(
  deps: Deps,
  renderer: DocumentRenderer,
  drainJobs: () => Promise<unknown>,
  progress: (line: string) => void,
) {
  return async (ctx: CallContext, customerIds: string[]) => {
    const tenant = (await deps.uow.run((s) => s.tenancy.getTenant(ctx.tenantId)))!;
    const period = demoBillingMonth(deps.clock.now().subtract({ hours: 24 * 92 }), tenant.timezone);
    const drafts: string[] = [];
    for (const customerId of customerIds.slice(0, 2)) {
      try {
        const doc = await createInvoice(deps, renderer, ctx, {
          customerId,
          periodStart: period.start,
          periodEnd: period.end,
          taxRate: '21',
        });
        await requestGeneration(deps, ctx, doc.id);
        drafts.push(doc.id);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        progress(`demo: no ${period.start} invoice for ${customerId}: ${error.code}`);
      }
    }
    await drainJobs();
    if (drafts.length > 0) {
      const started = await startBulkAction(deps, ctx, { action: 'issue', documentIds: drafts });
      await drainJobs();
      const done = await getBulkAction(deps, ctx, started.id);
      progress(
        `demo: bulk issue ${done.id} (${period.start}..${period.end}): ${done.counts.done} of ${done.counts.total} invoices numbered in customer-name order, ${done.counts.failed} refused`,
      );
    }
    // The demo's customers were activated long ago and never billed by a schedule: making up every
    // missed period since then would open hundreds of sessions on the server's first minute. The
    // schedules bill the latest closed period only.
    const settings = await putGenerationSettings(deps, ctx, {
      ...(await getGenerationSettings(deps, ctx)),
      skipMissingInvoices: true,
    });
    for (const s of settings.schedules.filter((x) => x.enabled)) {
      const when =
        s.frequency === 'monthly'
          ? `on day ${s.dayOfMonth}`
          : s.frequency === 'weekly'
            ? `on weekday ${s.dayOfWeek}`
            : 'daily';
      progress(`demo: schedule: ${s.documentType} generated ${s.frequency} ${when} at ${s.time} ${tenant.timezone}`);
    }
  };
}
