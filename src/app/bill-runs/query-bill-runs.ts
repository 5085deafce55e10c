import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import type { BillRunFilter, BillRunRecord } from '../ports/bill-runs.ts';
import type { SessionError } from '../ports/generation-sessions.ts';
import type { OperatorNoticeRecord } from '../ports/deliveries.ts';
import { notFound } from '../errors.ts';

export type BillRunOut = Omit<BillRunRecord, 'tenantId' | 'chunksTotal' | 'chunksDone' | 'closedAll'> & {
  progress: { chunksDone: number; chunksTotal: number };
};

export interface BillRunDetailOut extends BillRunOut {
  errors: SessionError[];
  /** The invoices the run closed (issued), in the order it closed and numbered them. */
  closedDocumentIds: string[];
  /** The emails to the staff about the run's start and end, and how each went. */
  notices: Array<
    Pick<OperatorNoticeRecord, 'event' | 'status' | 'recipients' | 'subject' | 'sentAt'> & {
      error: { code: string; message: string } | null;
    }
  >;
}

export function presentBillRun(r: BillRunRecord): BillRunOut {
  return {
    id: r.id,
    billGroupId: r.billGroupId,
    billDate: r.billDate,
    invoiceCloseType: r.invoiceCloseType,
    status: r.status,
    startedBy: r.startedBy,
    counts: r.counts,
    progress: { chunksDone: r.chunksDone, chunksTotal: r.chunksTotal },
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}

/** A run as polled: status, counters, per-account errors and the invoices it closed. */
export function getBillRun(deps: Deps, ctx: CallContext, id: string): Promise<BillRunDetailOut> {
  return deps.uow.run(async (s) => {
    const run = await s.billRuns.get(ctx.tenantId, id);
    if (!run) throw notFound('Bill run', id);
    return {
      ...presentBillRun(run),
      errors: await s.billRuns.errors(ctx.tenantId, id),
      closedDocumentIds: await s.billRuns.closedDocumentIds(ctx.tenantId, id),
      notices: (await s.deliveries.noticesOf(ctx.tenantId, id)).map((n) => ({
        event: n.event,
        status: n.status,
        recipients: n.recipients,
        subject: n.subject,
        sentAt: n.sentAt,
        error: n.error ? { code: n.error.code, message: n.error.message } : null,
      })),
    };
  });
}

/** Run history, newest first. */
export function listBillRuns(
  deps: Deps,
  ctx: CallContext,
  filter: BillRunFilter,
  page: PageRequest,
): Promise<Page<BillRunOut>> {
  return deps.uow.run(async (s) => {
    const found = await s.billRuns.list(ctx.tenantId, filter, page);
    return { data: found.data.map(presentBillRun), next: found.next };
  });
}
