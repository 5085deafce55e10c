import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { IssueItem, IssueOutcomes } from './issue-documents.ts';
import { releaseClaimsOf } from './commit-document.ts';
import { recordChanges } from '../audit/record-change.ts';
import { refusalFor } from '../../core/documents/lifecycle.ts';

/**
 * Deletes many drafts of one tenant in the caller's transaction, with the single delete's effects
 * run over the whole set: the drafts locked in one read, their usage and charges released with one
 * statement each, the documents deleted in one statement and their audit events inserted in one.
 * A draft converted from a proforma (whose deletion gives the proforma back), a missing document
 * and a document that is not a draft are left to the single delete (`single`), which records what
 * it does with them as a single request would.
 */
export async function deleteDrafts(
  s: Session,
  deps: Deps,
  ctx: CallContext,
  items: readonly IssueItem[],
): Promise<IssueOutcomes> {
  const out: IssueOutcomes = { recorded: [], single: [] };
  if (items.length === 0) return out;
  const docs = await s.documents.getDocumentsForUpdate(
    ctx.tenantId,
    items.map((i) => i.documentId),
  );
  const plain = items.flatMap((item) => {
    const doc = docs.get(item.documentId);
    if (!doc || doc.convertedFromDocumentId || refusalFor('delete', doc)) {
      out.single.push(item);
      return [];
    }
    return [{ item, doc }];
  });
  const ids = plain.map((p) => p.doc.id);
  await releaseClaimsOf(s, ctx.tenantId, ids);
  await s.documents.deleteDocuments(ctx.tenantId, ids);
  await recordChanges(
    s,
    ctx,
    deps.clock,
    plain.map(({ doc }) => ({ objectType: 'document', objectId: doc.id, action: 'deleted', before: doc })),
  );
  for (const { item } of plain) out.recorded.push({ position: item.position, outcome: 'done' });
  return out;
}
