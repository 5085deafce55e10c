import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { DocumentRecord } from '../ports/documents.ts';
import type { Session } from '../ports/session.ts';
import { AppError, notFound } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { enforceInvoiceRules } from './invoice-rules.ts';
import { computeDocument } from '../../core/invoice/compute-document.ts';
import { refusalFor, type DocumentAction } from '../../core/documents/lifecycle.ts';
import { takeSnapshot } from './document-snapshot.ts';
import { commitDocument, releaseClaims, StaleSnapshot } from './commit-document.ts';
import { refuseIf } from './refuse.ts';
import { produceDueCharges } from './due-charges.ts';
import { restateInvoice } from './accompany.ts';
import { presentDocument, type DocumentOut } from './present.ts';

export const generateQueue = 'document.generate';

/** The draft, locked, for an action only drafts allow (edit, generate, delete, issue). */
export async function loadDraft(
  s: Session,
  tenantId: string,
  id: string,
  action: DocumentAction = 'edit',
): Promise<DocumentRecord> {
  const doc = await s.documents.getDocument(tenantId, id, { forUpdate: true });
  if (!doc) throw notFound('Document', id);
  refuseIf(refusalFor(action, doc));
  return doc;
}

/** Asks for (re)generation: the work runs in a job; the document shows `waiting` until it starts. */
export function requestGeneration(deps: Deps, ctx: CallContext, id: string): Promise<DocumentOut> {
  return deps.uow.run(async (s) => {
    const doc = await loadDraft(s, ctx.tenantId, id, 'generate');
    const after = await s.documents.updateDocument(ctx.tenantId, id, { renderStatus: 'waiting', renderError: null });
    await s.jobs.enqueue(generateQueue, { tenantId: ctx.tenantId, documentId: id, revision: doc.revision });
    await recordChange(s, ctx, deps.clock, { objectType: 'document', objectId: id, action: 'generation_requested' });
    return presentDocument(after, await s.documentLines.lines(ctx.tenantId, id));
  });
}

/**
 * The generation job, step one: re-check the rules (data may have changed since creation), then
 * snapshot → `computeDocument` → commit in one transaction: the customer's scheduled charges due
 * for the period are produced, the draft lets go of what it held, the snapshot reads the period's
 * free usage and charges, and the commit claims exactly those (one record, one charge, one
 * document) and stores lines and totals. Returns false when the document is
 * gone, changed meanwhile, or broke a rule (then it is `failed` with the reason).
 */
export async function computeDraft(
  deps: Deps,
  job: { tenantId: string; documentId: string; revision: number },
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await computeOnce(deps, job);
    } catch (error) {
      // Charges another document claimed between snapshot and claim: everything rolled back; again.
      if (!(error instanceof StaleSnapshot) || attempt >= 3) throw error;
    }
  }
}

async function computeOnce(deps: Deps, job: { tenantId: string; documentId: string; revision: number }) {
  const outcome = await deps.uow.run(async (s) => {
    const doc = await s.documents.getDocument(job.tenantId, job.documentId, { forUpdate: true });
    if (!doc || refusalFor('generate', doc) || doc.revision !== job.revision) return 'stale' as const;
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
        convertedFromDocumentId: doc.convertedFromDocumentId,
      });
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    if (doc.accompaniesDocumentId) {
      await releaseClaims(s, doc);
      await restateInvoice(s, doc);
      return 'computed' as const;
    }
    // The due charges first, as a session's chunk produces them before it takes the tenant's usage
    // lock (releasing takes it): two transactions making the same scheduled charge never wait on
    // each other the other way round.
    await produceDueCharges(s, doc, deps.clock);
    await releaseClaims(s, doc);
    const snapshot = await takeSnapshot(s, doc);
    await commitDocument(s, doc, snapshot, computeDocument(snapshot.input));
    return 'computed' as const;
  });
  if (outcome instanceof AppError) {
    await markFailed(deps, job, `${outcome.code}: ${outcome.detail}`);
    return false;
  }
  return outcome === 'computed';
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
