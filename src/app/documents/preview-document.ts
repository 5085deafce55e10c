import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { DocumentRecord } from '../ports/documents.ts';
import type { DocumentRenderer } from '../ports/rendering.ts';
import { notFound } from '../errors.ts';
import { computeDocument } from '../../core/invoice/compute-document.ts';
import { draftHeader, type CreateDocumentInput } from './create-document.ts';
import { takeSnapshot } from './document-snapshot.ts';
import { pendingDueCharges } from './due-charges.ts';
import { toStoredLines, totalsOf } from './commit-document.ts';
import { presentDocument, type DocumentOut } from './present.ts';

/**
 * The dry run: the document that creating and generating now would make, computed by the same
 * header, snapshot and `computeDocument` as generation, with nothing stored or claimed. Its id and
 * line ids are placeholders that the real document will not share.
 */
export function previewDocument(
  deps: Deps,
  renderer: DocumentRenderer,
  ctx: CallContext,
  input: CreateDocumentInput,
): Promise<DocumentOut> {
  return deps.uow.run(async (s) => {
    // The customer is the resource in the path here: unknown is 404, not a refused field.
    if (!(await s.customers.get(ctx.tenantId, input.customerId))) throw notFound('Customer', input.customerId);
    const header = await draftHeader(deps, s, renderer, ctx, input);
    // The scheduled charges generation would produce first are computed here, never stored.
    const snapshot = await takeSnapshot(s, header, await pendingDueCharges(s, header, deps.clock.now()), {
      claim: false,
    });
    const computation = computeDocument(snapshot.input);
    const now = deps.clock.now().toString();
    const doc: DocumentRecord = {
      ...header,
      ...totalsOf(computation),
      accompaniesDocumentId: header.accompaniesDocumentId ?? null,
      convertedToDocumentId: null,
      convertedFromDocumentId: header.convertedFromDocumentId ?? null,
      paid: '0',
      renderStatus: null,
      renderError: null,
      renderOnView: header.renderOnView ?? false,
      needsRegeneration: false,
      revision: 0,
      createdAt: now,
      updatedAt: now,
      issuedAt: null,
      cancelledAt: null,
    };
    return presentDocument(doc, toStoredLines(snapshot, computation, []));
  });
}
