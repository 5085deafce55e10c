import type { Session } from '../ports/session.ts';
import type { BillRunRecord, BillRunStatus } from '../ports/bill-runs.ts';
import { queueOperatorNotice } from '../delivery/operator-notices.ts';
import { billRunNotice } from '../../core/bill-groups/run-notice.ts';

async function notice(s: Session, run: BillRunRecord, event: 'started' | 'finished'): Promise<void> {
  const group = await s.billGroups.get(run.tenantId, run.billGroupId);
  const errors = event === 'finished' ? await s.billRuns.errors(run.tenantId, run.id) : [];
  const text = billRunNotice(event, {
    runId: run.id,
    groupName: group?.name ?? run.billGroupId,
    billDate: run.billDate,
    closeType: run.invoiceCloseType,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    counts: run.counts,
    errors,
  });
  await queueOperatorNotice(s, {
    tenantId: run.tenantId,
    subjectType: 'bill_run',
    subjectId: run.id,
    event,
    ...text,
  });
}

/** Tells the staff a run started, in the transaction that started it. */
export function noticeBillRunStarted(s: Session, run: BillRunRecord): Promise<void> {
  return notice(s, run, 'started');
}

/** Ends a run and, in the same transaction, queues the email that tells the staff how it went. */
export async function finishBillRun(
  s: Session,
  tenantId: string,
  runId: string,
  status: BillRunStatus,
): Promise<BillRunRecord> {
  const done = await s.billRuns.finish(tenantId, runId, status);
  await notice(s, done, 'finished');
  return done;
}
