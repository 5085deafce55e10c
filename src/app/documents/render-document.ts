import type { Deps } from '../deps.ts';
import type { DocumentRenderer } from '../ports/rendering.ts';
import { buildDocumentView } from './build-view.ts';
import { defaultTemplateId, findTemplate } from './templates.ts';
import { computeDraft, markFailed } from './generate-document.ts';
import { reconciliationStatement } from './reconciliation.ts';
import { killPoint } from '../reliability/kill-points.ts';
import type { Session } from '../ports/session.ts';
import type { DocumentRecord, RenderStatus } from '../ports/documents.ts';

export const renderQueue = 'document.render';
/** Render jobs a worker takes at once (see renderDocuments). */
export const RENDER_BATCH_SIZE = 10;

export interface RenderJob {
  tenantId: string;
  documentId: string;
  revision: number;
}

/**
 * Renders the document's current state to PDF through its template, outside any transaction
 * (Chromium takes a while), then stores the file only if the document did not change meanwhile.
 * A template that fails — syntax, a loop stopped by the render limit, a forbidden include — marks
 * the document `failed` with the reason; the worker itself carries on.
 */
export async function renderDocument(deps: Deps, renderer: DocumentRenderer, job: RenderJob): Promise<void> {
  await renderDocuments(deps, renderer, [job]);
}

/**
 * Renders several documents with one call to the renderer, which prints pages of the same
 * template together: the render stage of a bulk issue or a session costs far less per document.
 * Each document is prepared, failed and stored on its own, exactly as when rendered alone.
 */
export async function renderDocuments(deps: Deps, renderer: DocumentRenderer, jobs: readonly RenderJob[]) {
  const prepared = await Promise.all(jobs.map((job) => prepareRender(deps, renderer, job)));
  const htmls: Array<{ job: RenderJob; html: string }> = [];
  for (const [i, item] of prepared.entries()) {
    if (!item) continue;
    try {
      htmls.push({ job: jobs[i]!, html: await renderer.renderHtml(item.source, item.view) });
    } catch (error) {
      await markFailed(deps, jobs[i]!, failureReason(error));
    }
  }
  const pdfs =
    htmls.length === 1
      ? [await settle(renderer.renderPdf(htmls[0]!.html))]
      : await renderer.renderPdfs(htmls.map((h) => h.html));
  for (const [i, { job }] of htmls.entries()) {
    const pdf = pdfs[i]!;
    if (pdf instanceof Error) await markFailed(deps, job, failureReason(pdf));
    else await storeRender(deps, job, pdf);
  }
}

const failureReason = (error: unknown) =>
  `${(error as { code?: string }).code ?? 'RENDER_FAILED'}: ${(error as Error).message}`;

const settle = (pdf: Promise<Buffer>): Promise<Buffer | Error> =>
  pdf.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));

/** The template and the view of the document as it is now; null when the job is stale. */
function prepareRender(deps: Deps, renderer: DocumentRenderer, job: RenderJob) {
  return deps.uow.run(async (s) => {
    const doc = await s.documents.getDocument(job.tenantId, job.documentId);
    if (!doc || doc.revision !== job.revision) return null;
    const customer = await s.customers.get(doc.tenantId, doc.customerId);
    const template =
      (doc.templateId ? await findTemplate(s, renderer, doc.tenantId, doc.templateId) : null) ??
      (await findTemplate(s, renderer, doc.tenantId, defaultTemplateId(doc.type, customer?.language ?? 'en')))!;
    const locale = template.locale === 'ru' ? 'ru' : 'en';
    const view = await buildDocumentView(s, doc, {
      withCalls: /\bcalls\b/.test(template.source),
      locale,
      statement: await reconciliationStatement(s, doc, locale),
    });
    return { source: template.source, view };
  });
}

async function storeRender(deps: Deps, job: RenderJob, pdf: Buffer): Promise<void> {
  killPoint('document.render.rendered');
  await deps.uow.run(async (s) => {
    const doc = await s.documents.getDocument(job.tenantId, job.documentId, { forUpdate: true });
    if (!doc || doc.revision !== job.revision) return;
    await s.documentFiles.saveFile(doc.tenantId, doc.id, 'pdf', pdf, doc.revision);
    await s.documents.updateDocument(doc.tenantId, doc.id, { renderStatus: 'created', renderError: null });
  });
  killPoint('document.render.stored');
}

/** What a change that blanks the PDF leaves: `waiting` for a render job, or `on_view` for the first download. */
export const blankedRenderStatus = (doc: Pick<DocumentRecord, 'renderOnView'>): RenderStatus =>
  doc.renderOnView ? 'on_view' : 'waiting';

/** Queues the render of the document's current revision, unless it waits for its first view. */
export async function queueRender(s: Session, doc: DocumentRecord): Promise<void> {
  if (doc.renderOnView) return;
  await s.jobs.enqueue(renderQueue, { tenantId: doc.tenantId, documentId: doc.id, revision: doc.revision });
}

/**
 * After a draft was computed: marks it `on_view` when it is rendered on first download (answers
 * true), else leaves it for the caller to render or queue (false; also when it changed meanwhile).
 */
export function deferRender(deps: Deps, job: RenderJob): Promise<boolean> {
  return deps.uow.run(async (s) => {
    const doc = await s.documents.getDocument(job.tenantId, job.documentId, { forUpdate: true });
    if (!doc || doc.revision !== job.revision || !doc.renderOnView) return false;
    await s.documents.updateDocument(doc.tenantId, doc.id, { renderStatus: 'on_view', renderError: null });
    return true;
  });
}

/**
 * Queues the render of a document that waits for its first view, because something other than a
 * download needs its file now (an email attachment). Repeating it is harmless.
 */
export function renderWaitingForView(deps: Deps, tenantId: string, documentId: string): Promise<void> {
  return deps.uow.run(async (s) => {
    const doc = await s.documents.getDocument(tenantId, documentId, { forUpdate: true });
    if (doc?.renderStatus !== 'on_view') return;
    await s.documents.updateDocument(tenantId, documentId, { renderStatus: 'waiting', renderError: null });
    await s.jobs.enqueue(renderQueue, { tenantId, documentId, revision: doc.revision });
  });
}

/** The generation job: compute, then render (or leave the render to the first download). */
export async function generateDocument(deps: Deps, renderer: DocumentRenderer, job: RenderJob): Promise<void> {
  await failVisibly(deps, job, async () => {
    if (!(await computeDraft(deps, job))) return;
    killPoint('document.generate.computed');
    if (await deferRender(deps, job)) return;
    await renderDocument(deps, renderer, job);
  });
}

/** The render jobs of a batch (after issue or cancel): one renderer call, an outcome per job. */
export async function renderJobs(
  deps: Deps,
  renderer: DocumentRenderer,
  jobs: readonly RenderJob[],
): Promise<Array<Error | null>> {
  try {
    await renderDocuments(deps, renderer, jobs);
    return jobs.map(() => null);
  } catch (error) {
    // Unexpected (a database error): every document of the batch shows it, and the queue retries each.
    for (const job of jobs)
      await markFailed(deps, job, `INTERNAL_ERROR: ${(error as Error).message}`).catch(() => undefined);
    return jobs.map(() => error as Error);
  }
}

/**
 * An unexpected failure (a database error, a defect) must not leave the document `waiting` or
 * `processing` for ever: it is marked `failed` with the reason, and the error still reaches the
 * queue, which logs it and retries; a retry that succeeds sets the status again.
 */
async function failVisibly(deps: Deps, job: RenderJob, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    await markFailed(deps, job, `INTERNAL_ERROR: ${(error as Error).message}`).catch(() => undefined);
    throw error;
  }
}
