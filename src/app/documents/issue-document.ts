import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { DocumentRecord } from '../ports/documents.ts';
import { conflict, notFound, refused } from '../errors.ts';
import { assignNumber } from './assign-number.ts';
import { recordChange } from '../audit/record-change.ts';
import { loadDraft } from './generate-document.ts';
import { blankedRenderStatus, queueRender } from './render-document.ts';
import { periodRange } from './invoice-rules.ts';
import { presentDocument, type DocumentOut } from './present.ts';
import { addDays } from '../../core/time/dates.ts';
import { todayInZone } from '../../core/time/zones.ts';
import { killPoint } from '../reliability/kill-points.ts';
import { refusalFor } from '../../core/documents/lifecycle.ts';
import { policyOf } from '../../core/documents/policy.ts';
import { refuseIf } from './refuse.ts';
import { chargesMissedBy } from './due-charges.ts';
import { applyCreditOnIssue, returnPaymentsOnCancel } from '../payments/document-hooks.ts';
import { recordEvent } from '../webhooks/record-event.ts';
import { documentEventData } from '../webhooks/event-data.ts';
import { queueEmailOnIssue } from '../delivery/queue-email.ts';

/** Issues a generated draft: number, issue and due dates; from now on it never changes. */
export function issueDocument(deps: Deps, ctx: CallContext, id: string): Promise<DocumentOut> {
  return deps.uow.run(async (s) => {
    const doc = await loadDraft(s, ctx.tenantId, id, 'issue');
    // Calls that arrived after generation would otherwise never be billed: the period is this
    // invoice's, and no other invoice may overlap it.
    const late = !policyOf(doc).claimsUsage
      ? 0
      : await s.usageClaims.countFreeUsage(
          ctx.tenantId,
          doc.customerId,
          periodRange(doc.periodStart, doc.periodEnd, doc.timezone),
        );
    if (late > 0) throw unbilledUsage(id, late);
    const missed = await chargesMissedBy(s, doc, deps.clock.now());
    if (missed > 0) throw staleDraft(id, missed);
    return issueDraft(s, deps, ctx, doc);
  });
}

/** Calls of the draft's period that no document bills: the draft must be generated again first. */
export const unbilledUsage = (id: string, late: number) =>
  refused(
    'UNBILLED_USAGE',
    `${late} rated call(s) of the period arrived after document ${id} was generated; generate it again before issuing`,
    { unbilledCount: late },
  );

/** Charges of the draft's period it does not bill: the draft must be generated again first. */
export const staleDraft = (id: string, missed: number) =>
  conflict(
    'STALE_DRAFT',
    `${missed} charge(s) of the period arrived or became due after document ${id} was generated; generate it again before issuing`,
    { unbilledCharges: missed },
  );

/** Acts and VAT invoices restate an invoice, which is what is owed; a reconciliation is owed by nobody. */
export const restatesOwed = (doc: DocumentRecord): boolean =>
  policyOf(doc).references === 'accompanies_invoice' || doc.type === 'reconciliation';

/**
 * Issues a draft the caller has loaded, locked and checked: number, issue and due dates, the PDF
 * queued again, open customer credit applied, the webhook event and the email queued. Every way a
 * document gets issued (by hand, in bulk, a bill run closing open invoices) goes through here.
 */
export async function issueDraft(
  s: Session,
  deps: Deps,
  ctx: CallContext,
  doc: DocumentRecord,
  options: {
    dueDate?: string;
    /** false: no email on issue, whatever the tenant's settings. */ deliver?: boolean;
  } = {},
): Promise<DocumentOut> {
  const id = doc.id;
  // Acts and VAT invoices restate an invoice, which is what is owed, by its due date; a
  // reconciliation states the balance and is owed by nobody.
  const restates = restatesOwed(doc);
  const issueDate = todayInZone(deps.clock.now(), doc.timezone);
  const numbered = await assignNumber(s, doc, issueDate);
  killPoint('document.issue.numbered');
  const after = await s.documents.updateDocument(ctx.tenantId, id, {
    ...numbered,
    status: 'issued',
    paymentStatus: restates ? null : 'unpaid',
    issueDate,
    dueDate: restates ? null : (options.dueDate ?? addDays(issueDate, doc.paymentTermsDays)),
    issuedAt: deps.clock.now().toString(),
    renderStatus: blankedRenderStatus(doc),
    revision: doc.revision + 1,
  });
  // The PDF is rendered again so that it carries the number and the issue date.
  await queueRender(s, after);
  await recordChange(s, ctx, deps.clock, {
    objectType: 'document',
    objectId: id,
    action: 'issued',
    before: doc,
    after,
  });
  // Open customer credit (an earlier overpayment) pays the new document at once.
  const paid = await applyCreditOnIssue(s, deps, after);
  await recordEvent(s, deps.clock, ctx.tenantId, 'document.issued', documentEventData(paid));
  // The email (when the tenant sends this type on issue) is queued with the issue, or not at all.
  if (options.deliver !== false) await queueEmailOnIssue(s, deps, paid);
  return presentDocument(paid, await s.documentLines.lines(ctx.tenantId, id));
}

/**
 * Cancels an issued document. Its number stays used (the series keeps no holes and no reuse);
 * its usage is released so that it can be re-rated and billed again on a new invoice.
 */
export function cancelDocument(deps: Deps, ctx: CallContext, id: string, reason?: string): Promise<DocumentOut> {
  return deps.uow.run(async (s) => {
    const doc = await s.documents.getDocument(ctx.tenantId, id, { forUpdate: true });
    if (!doc) throw notFound('Document', id);
    refuseIf(refusalFor('cancel', doc));
    await s.usageClaims.rememberCancelledUsage(ctx.tenantId, id);
    const released = await s.usageClaims.releaseUsage(ctx.tenantId, id);
    // Its charges go back to the log, for the next document of their period.
    const releasedCharges = await s.charges.release(ctx.tenantId, id);
    await returnPaymentsOnCancel(s, deps, doc);
    const after = await s.documents.updateDocument(ctx.tenantId, id, {
      status: 'cancelled',
      cancelledAt: deps.clock.now().toString(),
      renderStatus: blankedRenderStatus(doc),
      revision: doc.revision + 1,
    });
    await queueRender(s, after);
    await recordChange(s, ctx, deps.clock, {
      objectType: 'document',
      objectId: id,
      action: 'cancelled',
      before: doc,
      after: { ...after, reason: reason ?? null, releasedUsageRecords: released, releasedCharges },
    });
    return presentDocument(after, await s.documentLines.lines(ctx.tenantId, id));
  });
}
