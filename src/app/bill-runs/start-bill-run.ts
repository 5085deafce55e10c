import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { BillRunRecord } from '../ports/bill-runs.ts';
import type { StartedBy } from '../ports/generation-sessions.ts';
import { conflict, invalid, refusedField, unknownReference } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { finishBillRun, noticeBillRunStarted } from './run-notices.ts';
import { billDateOnOrBefore } from '../../core/bill-groups/cycle.ts';
import { closesAllAfterRun } from '../../core/bill-groups/close-plan.ts';
import { isValidDate } from '../../core/time/dates.ts';
import { todayInZone } from '../../core/time/zones.ts';

export const BILL_RUN_CHUNK_QUEUE = 'bill-run.chunk';
export const BILL_RUN_CLOSE_QUEUE = 'bill-run.close';
/** Accounts per chunk: one transaction, one usage aggregate, one claim and one close pass each. */
export const BILL_RUN_CHUNK_SIZE = Number(process.env.TOLLBOOK_BILL_RUN_CHUNK_SIZE) || 500;

export interface StartBillRunRequest {
  billGroupId: string;
  /** The bill date the run bills up to (exclusive); the group's latest bill date when absent. */
  billDate?: string | undefined;
  startedBy: StartedBy;
}

/**
 * Starts a run of a bill group: checks the date (never after today in the tenant zone), takes the
 * group's accounts in its sort order, splits them into chunks and queues one job per chunk, all
 * in one transaction. A group whose close type closes everything at the end gets that close as
 * a job once the last chunk commits. Refused with 409 BILL_RUN_RUNNING (and the running run's id)
 * while a run of the group is going on. Used by the API and by `run-due` alike.
 */
export async function startBillRun(deps: Deps, ctx: CallContext, req: StartBillRunRequest): Promise<BillRunRecord> {
  if (req.billDate !== undefined && !isValidDate(req.billDate))
    throw invalid([{ field: 'billDate', code: 'INVALID_DATE', message: 'YYYY-MM-DD' }]);
  return deps.uow.run(async (s) => {
    const group = await s.billGroups.get(ctx.tenantId, req.billGroupId);
    if (!group) throw unknownReference('UNKNOWN_BILL_GROUP', 'billGroupId', 'bill group', req.billGroupId, 'NOT_FOUND');
    const tenant = (await s.tenancy.getTenant(ctx.tenantId))!;
    const today = todayInZone(deps.clock.now(), tenant.timezone);
    const billDate = req.billDate ?? billDateOnOrBefore(group.billDay, today);
    if (billDate > today)
      throw refusedField(
        'BILL_DATE_IN_FUTURE',
        'billDate',
        `a run bills up to a day that has come; ${billDate} is after today (${today}) in the tenant's time zone`,
        'the bill date is after today',
      );
    const run = await s.billRuns.insert({
      id: newId('br'),
      tenantId: ctx.tenantId,
      billGroupId: group.id,
      billDate,
      invoiceCloseType: group.invoiceCloseType,
      status: 'in_progress',
      startedBy: req.startedBy,
      startedAt: deps.clock.now().toString(),
    });
    if (!run) {
      const running = await s.billRuns.runningId(ctx.tenantId, group.id);
      throw conflict('BILL_RUN_RUNNING', `a run of bill group ${group.id} is going on (${running})`, {
        billRunId: running,
      });
    }
    const accounts = await s.billRuns.accountsOf(ctx.tenantId, group.id, group.sortOrder, billDate);
    const chunks: string[][] = [];
    for (let i = 0; i < accounts.length; i += BILL_RUN_CHUNK_SIZE)
      chunks.push(accounts.slice(i, i + BILL_RUN_CHUNK_SIZE));
    await s.billRuns.addChunks(ctx.tenantId, run.id, chunks);
    for (const [chunk] of chunks.entries())
      await s.jobs.enqueue(
        BILL_RUN_CHUNK_QUEUE,
        { tenantId: ctx.tenantId, runId: run.id, chunk },
        { singletonKey: `${run.id}:${chunk}` },
      );
    await recordChange(s, ctx, deps.clock, {
      objectType: 'bill_run',
      objectId: run.id,
      action: 'started',
      after: { billGroupId: group.id, billDate, invoiceCloseType: group.invoiceCloseType, accounts: accounts.length },
    });
    if (chunks.length === 0) {
      // No account to bill, but open invoices of the group may still be due to close.
      if (closesAllAfterRun(group.invoiceCloseType))
        await s.jobs.enqueue(BILL_RUN_CLOSE_QUEUE, { tenantId: ctx.tenantId, runId: run.id }, { singletonKey: run.id });
      else {
        await noticeBillRunStarted(s, run);
        return finishBillRun(s, ctx.tenantId, run.id, 'completed');
      }
    }
    const started = (await s.billRuns.get(ctx.tenantId, run.id))!;
    await noticeBillRunStarted(s, started);
    return started;
  });
}
