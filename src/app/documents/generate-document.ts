import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { DocumentRecord } from '../ports/documents.ts';
import type { DocumentLine } from '../ports/document-lines.ts';
import type { Session } from '../ports/session.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { enforceInvoiceRules, periodRange } from './invoice-rules.ts';
import { computeInvoice } from '../../core/invoice/computation.ts';
import type { InvoiceComputation } from '../../core/invoice/types.ts';
import { presentDocument, type DocumentOut } from './present.ts';

export const generateQueue = 'document.generate';

export async function loadDraft(s: Session, tenantId: string, id: string): Promise<DocumentRecord> {
  const doc = await s.documents.getDocument(tenantId, id, { forUpdate: true });
  if (!doc) throw notFound('Document', id);
  if (doc.status !== 'draft')
    throw conflict('DOCUMENT_NOT_DRAFT', `document ${id} is ${doc.status}; only drafts can change`);
  return doc;
}

/** Asks for (re)generation: the work runs in a job; the document shows `waiting` until it starts. */
export function requestGeneration(deps: Deps, ctx: CallContext, id: string): Promise<DocumentOut> {
  return deps.uow.run(async (s) => {
    const doc = await loadDraft(s, ctx.tenantId, id);
    const after = await s.documents.updateDocument(ctx.tenantId, id, { renderStatus: 'waiting', renderError: null });
    await s.jobs.enqueue(generateQueue, { tenantId: ctx.tenantId, documentId: id, revision: doc.revision });
    await recordChange(s, ctx, deps.clock, { objectType: 'document', objectId: id, action: 'generation_requested' });
    return presentDocument(after, await s.documentLines.lines(ctx.tenantId, id));
  });
}

/**
 * The generation job, step one: re-check the rules (data may have changed since creation), bill
 * the period's free outbound external usage to this draft (one record, one invoice), and compute
 * lines and totals with the pure `computeInvoice`. Returns false when the document is gone,
 * changed meanwhile, or broke a rule (then it is `failed` with the reason).
 */
export async function computeDraft(
  deps: Deps,
  job: { tenantId: string; documentId: string; revision: number },
): Promise<boolean> {
  const outcome = await deps.uow.run(async (s) => {
    const doc = await s.documents.getDocument(job.tenantId, job.documentId, { forUpdate: true });
    if (!doc || doc.status !== 'draft' || doc.revision !== job.revision) return 'stale' as const;
    await s.documents.updateDocument(job.tenantId, doc.id, { renderStatus: 'processing' });
    try {
      await enforceInvoiceRules(s, deps.clock.now(), {
        tenantId: doc.tenantId,
        tenantTimezone: doc.timezone,
        customerId: doc.customerId,
        type: doc.type,
        periodStart: doc.periodStart,
        periodEnd: doc.periodEnd,
        documentId: doc.id,
      });
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    await s.usageClaims.releaseUsage(doc.tenantId, doc.id);
    await s.usageClaims.attachUsage(
      doc.tenantId,
      doc.id,
      doc.customerId,
      periodRange(doc.periodStart, doc.periodEnd, doc.timezone),
    );
    const computation = await compute(s, doc);
    await s.documentLines.replaceLines(doc.tenantId, doc.id, toLines(computation));
    const t = computation.totals;
    await s.documents.updateDocument(doc.tenantId, doc.id, {
      totalUsage: t.usage,
      totalDiscount: t.discount,
      totalFixedCosts: t.fixedCosts,
      totalNet: t.net,
      totalTax: t.tax,
      total: t.total,
      needsRegeneration: false,
    });
    return 'computed' as const;
  });
  if (outcome instanceof AppError) {
    await markFailed(deps, job, `${outcome.code}: ${outcome.detail}`);
    return false;
  }
  return outcome === 'computed';
}

async function compute(s: Session, doc: DocumentRecord): Promise<InvoiceComputation> {
  const tenant = await s.tenancy.getTenant(doc.tenantId);
  const fixed = await s.documentLines.fixedCostLines(doc.tenantId, doc.id);
  return computeInvoice({
    currency: doc.currency,
    usage: await s.usageClaims.usageGroups(doc.tenantId, doc.id),
    fixedCosts: fixed.map((f) => ({
      fixedCostId: f.fixedCostId,
      description: f.description ? `${f.name} — ${f.description}` : f.name,
      quantity: f.quantity,
      unitPrice: f.unitPrice,
    })),
    callDiscountPercent: doc.callDiscountPercent,
    taxRate: doc.taxRate,
    rounding: tenant?.settings.roundingMode ?? 'half_up',
  });
}

function toLines(c: InvoiceComputation): DocumentLine[] {
  return c.lines.map((l) => ({
    kind: l.kind,
    description: l.description,
    destination: l.destination,
    prefix: l.prefix,
    quantity: l.quantity,
    unit: l.unit,
    durationSeconds: l.durationSeconds,
    unitPrice: l.unitPrice,
    net: l.net,
    taxRate: l.taxRate,
    tax: l.tax,
    gross: l.gross,
    fixedCostId: l.fixedCostId ?? null,
  }));
}

export async function markFailed(
  deps: Deps,
  job: { tenantId: string; documentId: string; revision: number },
  reason: string,
): Promise<void> {
  await deps.uow.run(async (s) => {
    const doc = await s.documents.getDocument(job.tenantId, job.documentId, { forUpdate: true });
    if (!doc || doc.revision !== job.revision) return;
    await s.documents.updateDocument(job.tenantId, doc.id, { renderStatus: 'failed', renderError: reason });
  });
}
