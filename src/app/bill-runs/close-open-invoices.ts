import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { OpenInvoice } from '../ports/bill-runs.ts';
import type { BillGroup } from '../ports/bill-groups.ts';
import { issueDraft } from '../documents/issue-document.ts';
import { issueDrafts } from '../documents/issue-documents.ts';
import { refused } from '../errors.ts';
import { addDays } from '../../core/time/dates.ts';

export interface CloseRequest {
  runId: string;
  billDate: string;
  /** Payments received before this instant and not on an invoice yet are presented first. */
  paymentsReceivedBefore: string;
}

/**
 * Closes open invoices in the given order: presents the accounts' payments not yet shown on an
 * invoice (those received before the cutoff), then issues each draft through the one issue path
 * (number in this transaction, so numbers follow the run's order without gaps; open credit applied;
 * PDF and email queued), and forgets them as open. Returns the ids closed, in order.
 */
export async function closeOpenInvoices(
  deps: Deps,
  s: Session,
  ctx: CallContext,
  group: Pick<BillGroup, 'dueDateBasis' | 'paymentTermsDays' | 'deliverOnClose'>,
  opens: readonly OpenInvoice[],
  req: CloseRequest,
): Promise<string[]> {
  if (opens.length === 0) return [];
  await s.openInvoices.presentPayments(
    ctx.tenantId,
    opens.map((o) => ({ customerId: o.customerId, documentId: o.documentId })),
    req.paymentsReceivedBefore,
  );
  // Counted from the bill date when the group says so; otherwise from the issue (render) date.
  const dueDate = group.dueDateBasis === 'bill_date' ? addDays(req.billDate, group.paymentTermsDays) : undefined;
  // The group may keep its invoices from being emailed as they close (delivered otherwise later).
  const options = { ...(dueDate ? { dueDate } : {}), deliver: group.deliverOnClose };
  // The run billed these drafts itself: they are issued set-based (one range of numbers in the run's
  // order), without the single issue's checks for unbilled usage, exactly as one by one below.
  const outcomes = await issueDrafts(
    s,
    deps,
    ctx,
    opens.map((o, position) => ({ position, documentId: o.documentId })),
    { ...options, check: false },
  );
  const done = new Set(outcomes.recorded.filter((r) => r.outcome === 'done').map((r) => r.position));
  const failed = outcomes.recorded.find((r) => r.outcome === 'failed');
  if (failed) throw refused(failed.error!.code, failed.error!.message);
  // Drafts with a custom number (and documents no longer drafts, left open by nobody) go one by one.
  for (const { position } of outcomes.single) {
    const doc = await s.documents.getDocument(ctx.tenantId, opens[position]!.documentId, { forUpdate: true });
    if (doc?.status === 'draft') {
      await issueDraft(s, deps, ctx, doc, options);
      done.add(position);
    }
  }
  const closed = opens.flatMap((o, position) => (done.has(position) ? [o.documentId] : []));
  await s.openInvoices.remove(
    ctx.tenantId,
    opens.map((o) => o.documentId),
  );
  await s.billRuns.addClosedDocuments(ctx.tenantId, req.runId, closed);
  return closed;
}
