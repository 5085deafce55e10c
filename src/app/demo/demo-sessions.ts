import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { startGenerationSession } from '../sessions/start-generation-session.ts';
import { getGenerationSession } from '../sessions/query-sessions.ts';
import { demoBillingMonth } from './demo-data.ts';

/**
 * The demo's generation session: last month's invoices for every customer at once, after the
 * demo billed most of them one by one. Those are skipped (never billed twice); a customer whose
 * data breaks a rule shows as that customer's error with its code.
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
  };
}
