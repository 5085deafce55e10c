import type { Metadata } from '../../core/validation/metadata.ts';
import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { DocumentRecord } from '../ports/documents.ts';
import type { DocumentRenderer } from '../ports/rendering.ts';
import type { Session } from '../ports/session.ts';
import { invalid, notFound, unknownReference } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { enforceInvoiceRules } from './invoice-rules.ts';
import { assertReferences } from './create-document.ts';
import { loadDraft } from './generate-document.ts';
import { releaseClaims } from './commit-document.ts';
import { presentDocument, type DocumentOut } from './present.ts';
import { validateInvoiceParameters } from '../../core/invoice/parameters.ts';

export interface DraftPatch {
  periodStart?: string | undefined;
  periodEnd?: string | undefined;
  taxRate?: string | undefined;
  callDiscountPercent?: string | undefined;
  templateId?: string | undefined;
  numberSequenceId?: string | null | undefined;
  number?: string | null | undefined;
  paymentTermsDays?: number | undefined;
  metadata?: Metadata | undefined;
}

/**
 * Any change to a draft blanks its render and releases the usage and charges it billed: what the document
 * shows must always be what generation computed from the current parameters.
 */
async function blank(s: Session, doc: DocumentRecord, patch: Partial<DocumentRecord>): Promise<DocumentRecord> {
  await releaseClaims(s, doc);
  return s.documents.updateDocument(doc.tenantId, doc.id, {
    ...patch,
    renderStatus: null,
    renderError: null,
    needsRegeneration: true,
    revision: doc.revision + 1,
  });
}

export function updateDraft(
  deps: Deps,
  renderer: DocumentRenderer,
  ctx: CallContext,
  id: string,
  patch: DraftPatch,
): Promise<DocumentOut> {
  const errors = validateInvoiceParameters({
    taxRate: patch.taxRate ?? '0',
    callDiscountPercent: patch.callDiscountPercent ?? '0',
  });
  if (errors.length) throw invalid(errors);
  return deps.uow.run(async (s) => {
    const before = await loadDraft(s, ctx.tenantId, id);
    const periodStart = patch.periodStart ?? before.periodStart;
    const periodEnd = patch.periodEnd ?? before.periodEnd;
    if (periodStart !== before.periodStart || periodEnd !== before.periodEnd) {
      await enforceInvoiceRules(s, deps.clock.now(), {
        tenantId: ctx.tenantId,
        tenantTimezone: before.timezone,
        customerId: before.customerId,
        type: before.type,
        periodStart,
        periodEnd,
        documentId: id,
      });
    }
    await assertReferences(
      s,
      renderer,
      ctx.tenantId,
      {
        type: before.type,
        numberSequenceId: patch.numberSequenceId ?? undefined,
        templateId: patch.templateId,
        number: patch.number ?? undefined,
      },
      id,
    );
    const { number, ...rest } = patch;
    const changes: Partial<DocumentRecord> = Object.fromEntries(
      Object.entries(rest).filter(([, v]) => v !== undefined),
    );
    if (number !== undefined) changes.customNumber = number;
    if (number) changes.numberSequenceId = null;
    if (patch.numberSequenceId) changes.customNumber = null;
    const after = await blank(s, before, changes);
    await recordChange(s, ctx, deps.clock, { objectType: 'document', objectId: id, action: 'updated', before, after });
    return presentDocument(after, await s.documentLines.lines(ctx.tenantId, id));
  });
}

export function addFixedCost(
  deps: Deps,
  ctx: CallContext,
  id: string,
  input: { fixedCostId: string; quantity: string },
): Promise<DocumentOut & { fixedCostLineId: string }> {
  return deps.uow.run(async (s) => {
    const doc = await loadDraft(s, ctx.tenantId, id);
    const cost = await s.fixedCosts.getFixedCost(ctx.tenantId, input.fixedCostId);
    if (!cost)
      throw unknownReference('UNKNOWN_FIXED_COST', 'fixedCostId', 'fixed cost', input.fixedCostId, 'NOT_FOUND');
    const lineId = newId('dfc');
    await s.documentLines.addFixedCostLine(ctx.tenantId, id, {
      id: lineId,
      fixedCostId: cost.id,
      quantity: input.quantity,
    });
    const after = await blank(s, doc, {});
    await recordChange(s, ctx, deps.clock, {
      objectType: 'document',
      objectId: id,
      action: 'fixed_cost_added',
      after: { fixedCostId: cost.id, quantity: input.quantity },
    });
    return { ...presentDocument(after, await s.documentLines.lines(ctx.tenantId, id)), fixedCostLineId: lineId };
  });
}

export function removeFixedCost(deps: Deps, ctx: CallContext, id: string, lineId: string): Promise<DocumentOut> {
  return deps.uow.run(async (s) => {
    const doc = await loadDraft(s, ctx.tenantId, id);
    if (!(await s.documentLines.removeFixedCostLine(ctx.tenantId, id, lineId)))
      throw notFound('Fixed cost line', lineId);
    const after = await blank(s, doc, {});
    await recordChange(s, ctx, deps.clock, {
      objectType: 'document',
      objectId: id,
      action: 'fixed_cost_removed',
      before: { lineId },
    });
    return presentDocument(after, await s.documentLines.lines(ctx.tenantId, id));
  });
}

export function listFixedCostLines(deps: Deps, ctx: CallContext, id: string) {
  return deps.uow.run(async (s) => {
    if (!(await s.documents.getDocument(ctx.tenantId, id))) throw notFound('Document', id);
    return s.documentLines.fixedCostLines(ctx.tenantId, id);
  });
}

/**
 * Deleting a draft releases its usage and charges so that another document can bill them; a draft
 * invoice converted from a proforma also gives the proforma back, which can then be converted again.
 */
export function deleteDraft(deps: Deps, ctx: CallContext, id: string): Promise<void> {
  return deps.uow.run(async (s) => {
    const doc = await loadDraft(s, ctx.tenantId, id, 'delete');
    await releaseClaims(s, doc);
    await s.documents.deleteDocument(ctx.tenantId, id);
    await recordChange(s, ctx, deps.clock, { objectType: 'document', objectId: id, action: 'deleted', before: doc });
    const proforma = doc.convertedFromDocumentId
      ? await s.documents.getDocument(ctx.tenantId, doc.convertedFromDocumentId, { forUpdate: true })
      : null;
    if (proforma?.convertedToDocumentId === id) {
      const after = await s.documents.updateDocument(ctx.tenantId, proforma.id, { convertedToDocumentId: null });
      await recordChange(s, ctx, deps.clock, {
        objectType: 'document',
        objectId: proforma.id,
        action: 'conversion_undone',
        before: proforma,
        after,
      });
    }
  });
}
