import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import { recordChange } from '../audit/record-change.ts';
import { loadDraft } from './generate-document.ts';
import { presentDocument, type DocumentOut } from './present.ts';

/**
 * Renames a line of a draft (a catalog name the customer should read differently, say). Amounts do
 * not move and nothing is released; the render goes blank until the draft is generated again, and
 * that generation keeps the edited text. Issued documents never change: 409 DOCUMENT_NOT_DRAFT.
 */
export function editLineDescription(
  deps: Deps,
  ctx: CallContext,
  id: string,
  lineId: string,
  description: string,
): Promise<DocumentOut> {
  const text = description.trim();
  if (!text) throw invalid([{ field: 'description', code: 'EMPTY', message: 'description must not be blank' }]);
  return deps.uow.run(async (s) => {
    const doc = await loadDraft(s, ctx.tenantId, id, 'edit');
    const before = (await s.documentLines.lines(ctx.tenantId, id)).find((l) => l.id === lineId);
    if (!before) throw notFound('Document line', lineId);
    await s.documentLines.editDescription(ctx.tenantId, id, lineId, text);
    const after = await s.documents.updateDocument(ctx.tenantId, id, {
      renderStatus: null,
      renderError: null,
      needsRegeneration: true,
      revision: doc.revision + 1,
    });
    await recordChange(s, ctx, deps.clock, {
      objectType: 'document',
      objectId: id,
      action: 'line_description_edited',
      before: { lineId, description: before.description },
      after: { lineId, description: text },
    });
    return presentDocument(after, await s.documentLines.lines(ctx.tenantId, id));
  });
}
