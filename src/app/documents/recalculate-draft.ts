import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { refused } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { loadDraft, computeDraft } from './generate-document.ts';
import { deferRender, renderQueue } from './render-document.ts';
import { resolveSender } from './create-document.ts';
import { recipientSnapshot, senderSnapshot } from './snapshots.ts';

/**
 * Brings a draft up to date with current data: the customer's and the sender's details as they
 * are now, then lines and totals from the period's usage and charges through the same generation
 * pipeline as POST /documents/{id}/generate (rules, snapshot, computeDocument, claims), and a new
 * PDF queued. A draft that breaks a rule now is left `failed` with the reason, and the refusal
 * says which rule.
 */
export async function recalculateDraft(deps: Deps, ctx: CallContext, id: string): Promise<void> {
  const revision = await deps.uow.run(async (s) => {
    const doc = await loadDraft(s, ctx.tenantId, id, 'generate');
    const customer = (await s.customers.get(ctx.tenantId, doc.customerId))!;
    const sender = await resolveSender(s, ctx.tenantId, doc.legalEntityId ?? undefined);
    const after = await s.documents.updateDocument(ctx.tenantId, id, {
      recipient: recipientSnapshot(customer),
      customerTimezone: customer.timezone,
      sender: senderSnapshot(sender),
      legalEntityId: sender.id,
      renderStatus: 'waiting',
      renderError: null,
      revision: doc.revision + 1,
    });
    await recordChange(s, ctx, deps.clock, {
      objectType: 'document',
      objectId: id,
      action: 'recalculated',
      before: { recipient: doc.recipient, sender: doc.sender, total: doc.total },
    });
    return after.revision;
  });
  const job = { tenantId: ctx.tenantId, documentId: id, revision };
  if (!(await computeDraft(deps, job))) {
    const doc = await deps.uow.run((s) => s.documents.getDocument(ctx.tenantId, id));
    const [code, ...detail] = (doc?.renderError ?? 'GENERATION_FAILED: the draft could not be computed').split(': ');
    throw refused(code!, detail.join(': ') || code!);
  }
  if (!(await deferRender(deps, job))) await deps.uow.run((s) => s.jobs.enqueue(renderQueue, job));
}
