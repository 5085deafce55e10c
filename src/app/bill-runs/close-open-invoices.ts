import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { OpenInvoice } from '../ports/bill-runs.ts';
import type { BillGroup } from '../ports/bill-groups.ts';
import { issueDraft } from '../documents/issue-document.ts';
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
  const closed: string[] = [];
  // Counted from the bill date when the group says so; otherwise from the issue (render) date.
  const dueDate = group.dueDateBasis === 'bill_date' ? addDays(req.billDate, group.paymentTermsDays) : undefined;
  for (const open of opens) {
    const doc = await s.documents.getDocument(ctx.tenantId, open.documentId, { forUpdate: true });
    if (doc?.status === 'draft') {
      // The group may keep its invoices from being emailed as they close (delivered otherwise later).
      await issueDraft(s, deps, ctx, doc, { ...(dueDate ? { dueDate } : {}), deliver: group.deliverOnClose });
      closed.push(doc.id);
    }
  }
  await s.openInvoices.remove(
    ctx.tenantId,
    opens.map((o) => o.documentId),
  );
  await s.billRuns.addClosedDocuments(ctx.tenantId, req.runId, closed);
  return closed;
}
