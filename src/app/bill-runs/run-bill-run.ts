import type { Deps } from '../deps.ts';
import type { Session } from '../ports/session.ts';
import type { BillRunRecord } from '../ports/bill-runs.ts';
import { systemActor } from '../context.ts';
import { killPoint } from '../reliability/kill-points.ts';
import { StaleSnapshot } from '../documents/commit-document.ts';
import { billChunk } from './bill-chunk.ts';
import { closeOpenInvoices } from './close-open-invoices.ts';
import { finishBillRun } from './run-notices.ts';
import { BILL_RUN_CLOSE_QUEUE } from './start-bill-run.ts';
import { closesAllAfterRun } from '../../core/bill-groups/close-plan.ts';

export interface BillRunChunkJob {
  tenantId: string;
  runId: string;
  chunk: number;
}

export interface BillRunCloseJob {
  tenantId: string;
  runId: string;
}

/**
 * One chunk of a run, in one transaction: its accounts billed, its invoices opened and closed
 * (numbers taken), its errors, the chunk marked finished and the run's counters moved commit
 * together, so a crash loses the chunk entirely (the retried job bills it again) or not at all (the
 * retry finds it finished). The chunk that finishes last ends the run or queues its final close.
 */
export async function runBillRunChunk(deps: Deps, job: BillRunChunkJob): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await deps.uow.run((s) => chunkOnce(deps, s, job));
      killPoint('bill-run.chunk.committed');
      return;
    } catch (error) {
      // Charges another document claimed between snapshot and claim: everything rolled back; again.
      if (!(error instanceof StaleSnapshot) || attempt >= 3) throw error;
    }
  }
}

async function chunkOnce(deps: Deps, s: Session, job: BillRunChunkJob): Promise<void> {
  const customerIds = await s.billRuns.claimChunk(job.tenantId, job.runId, job.chunk);
  if (!customerIds) return;
  const run = (await s.billRuns.get(job.tenantId, job.runId))!;
  if (run.status !== 'in_progress') return;
  const group = (await s.billGroups.get(job.tenantId, run.billGroupId))!;
  const outcome = await billChunk(deps, s, run, group, customerIds);
  await s.billRuns.addErrors(job.tenantId, run.id, outcome.errors);
  const after = await s.billRuns.finishChunk(job.tenantId, run.id, job.chunk, outcome);
  await endIfLast(s, after);
  killPoint('bill-run.chunk.written');
}

async function endIfLast(s: Session, run: BillRunRecord): Promise<void> {
  if (run.chunksDone < run.chunksTotal) return;
  if (closesAllAfterRun(run.invoiceCloseType) && !run.closedAll)
    await s.jobs.enqueue(BILL_RUN_CLOSE_QUEUE, { tenantId: run.tenantId, runId: run.id }, { singletonKey: run.id });
  else
    await finishBillRun(s, run.tenantId, run.id, run.counts.accountsFailed > 0 ? 'completed_with_errors' : 'completed');
}

/**
 * The close after the run (`after_each_bill_run`): every open invoice of the group, billed by this
 * run or not, gets the payments received up to now and is issued, in the run's order, in one
 * transaction with the run's end.
 */
export async function closeAfterBillRun(deps: Deps, job: BillRunCloseJob): Promise<void> {
  await deps.uow.run(async (s) => {
    const run = await s.billRuns.lock(job.tenantId, job.runId);
    if (!run || run.closedAll || run.status !== 'in_progress') return;
    const group = (await s.billGroups.get(job.tenantId, run.billGroupId))!;
    const order = await s.billRuns.accountsOf(job.tenantId, group.id, group.sortOrder, '9999-12-31');
    const rank = new Map(order.map((id, i) => [id, i]));
    const opens = (await s.openInvoices.ofGroup(job.tenantId, group.id)).sort(
      (a, b) => (rank.get(a.customerId) ?? order.length) - (rank.get(b.customerId) ?? order.length),
    );
    const ctx = { tenantId: job.tenantId, actor: systemActor, role: 'admin' as const };
    const closed = await closeOpenInvoices(deps, s, ctx, group, opens, {
      runId: run.id,
      billDate: run.billDate,
      paymentsReceivedBefore: deps.clock.now().toString(),
    });
    await s.billRuns.markClosedAll(job.tenantId, run.id, closed.length);
    await finishBillRun(s, job.tenantId, run.id, run.counts.accountsFailed > 0 ? 'completed_with_errors' : 'completed');
  });
  killPoint('bill-run.close.committed');
}

/** A chunk that failed every attempt: its accounts are recorded as failed so the run can end. */
export async function giveUpBillRunChunk(deps: Deps, job: BillRunChunkJob): Promise<void> {
  await deps.uow.run(async (s) => {
    const customerIds = await s.billRuns.claimChunk(job.tenantId, job.runId, job.chunk);
    if (!customerIds) return;
    await s.billRuns.addErrors(
      job.tenantId,
      job.runId,
      customerIds.map((customerId) => ({
        customerId,
        code: 'BILLING_FAILED',
        message: 'the chunk of accounts this one belongs to failed every attempt; run the group again',
        details: { chunk: job.chunk },
      })),
    );
    const after = await s.billRuns.finishChunk(job.tenantId, job.runId, job.chunk, {
      billed: 0,
      failed: customerIds.length,
      skipped: 0,
      opened: 0,
      closed: 0,
    });
    await endIfLast(s, after);
  });
}
