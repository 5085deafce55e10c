import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { refusalFor } from '../../core/documents/lifecycle.ts';
import { refuseIf } from './refuse.ts';
import { recordChange } from '../audit/record-change.ts';
import { renderQueue, type RenderJob } from './render-document.ts';
import { presentDocument, type DocumentOut } from './present.ts';

/**
 * Renders an issued or cancelled document again: the way out of a `failed` render (a template
 * fixed since, a worker that gave up after repeated crashes), and a safe repeat otherwise — the
 * render job stores the same file for the same revision. A draft is computed and rendered by
 * `generate` instead, because its content may have changed.
 */
export function requestRender(deps: Deps, ctx: CallContext, id: string): Promise<DocumentOut> {
  return deps.uow.run(async (s) => {
    const doc = await s.documents.getDocument(ctx.tenantId, id, { forUpdate: true });
    if (!doc) throw notFound('Document', id);
    refuseIf(refusalFor('render', doc));
    const after = await s.documents.updateDocument(ctx.tenantId, id, { renderStatus: 'waiting', renderError: null });
    const job: RenderJob = { tenantId: ctx.tenantId, documentId: id, revision: doc.revision };
    await s.jobs.enqueue(renderQueue, { ...job });
    await recordChange(s, ctx, deps.clock, {
      objectType: 'document',
      objectId: id,
      action: 'render_requested',
      before: { renderStatus: doc.renderStatus, renderError: doc.renderError },
    });
    return presentDocument(after, await s.documentLines.lines(ctx.tenantId, id));
  });
}

/**
 * The give-up handler of the generate and render queues: a job that crashed or failed on every
 * attempt leaves the document `failed` with the reason, never `waiting` for ever.
 */
export async function giveUpRendering(deps: Deps, job: RenderJob): Promise<void> {
  await deps.uow.run(async (s) => {
    const doc = await s.documents.getDocument(job.tenantId, job.documentId, { forUpdate: true });
    if (!doc || doc.revision !== job.revision || doc.renderStatus === 'created' || doc.renderStatus === 'failed')
      return;
    const retry = doc.status === 'draft' ? 'generate' : 'render';
    await s.documents.updateDocument(job.tenantId, doc.id, {
      renderStatus: 'failed',
      renderError: `RENDER_GAVE_UP: rendering was interrupted or failed on every attempt; retry with POST /documents/${doc.id}/${retry}`,
    });
  });
}
