import type { Temporal } from 'temporal-polyfill';
import type { Deps } from '../deps.ts';
import type { DueTask } from '../scheduling/run-due.ts';
import { AppError } from '../errors.ts';
import { systemActor } from '../context.ts';
import { startBillRun } from './start-bill-run.ts';
import { billDateOnOrBefore } from '../../core/bill-groups/cycle.ts';
import { todayInZone } from '../../core/time/zones.ts';

/**
 * Starts the bill runs that are due as of an instant: a group whose latest bill date (in its
 * tenant's time zone) has no run yet gets one for that date. Once per cycle: a second call finds
 * the run; a group with a run going on is left to finish it.
 */
export async function startDueBillRuns(
  deps: Deps,
  asOf: Temporal.Instant,
): Promise<{ started: string[]; refused: Array<{ billGroupId: string; code: string }> }> {
  const groups = await deps.uow.run((s) => s.billRuns.scheduledGroups());
  const started: string[] = [];
  const refused: Array<{ billGroupId: string; code: string }> = [];
  for (const g of groups) {
    const billDate = await deps.uow.run(async (s) => {
      const tenant = await s.tenancy.getTenant(g.tenantId);
      if (!tenant) return null;
      const date = billDateOnOrBefore(g.billDay, todayInZone(asOf, tenant.timezone));
      const taken =
        (await s.billRuns.existsFor(g.tenantId, g.billGroupId, date)) ||
        (await s.billRuns.runningId(g.tenantId, g.billGroupId));
      return taken ? null : date;
    });
    if (!billDate) continue;
    try {
      const run = await startBillRun(
        deps,
        { tenantId: g.tenantId, actor: systemActor, role: 'admin' },
        { billGroupId: g.billGroupId, billDate, startedBy: { kind: 'schedule', id: 'bill-day' } },
      );
      started.push(run.id);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refused.push({ billGroupId: g.billGroupId, code: error.code });
    }
  }
  return { started, refused };
}

export const billRunsTask = (deps: Deps): DueTask => ({
  name: 'bill-runs.start-due',
  run: (asOf) => startDueBillRuns(deps, asOf),
});
