import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { BulkActionItem, BulkActionRecord } from '../ports/bulk-actions.ts';
import { AppError, notFound } from '../errors.ts';
import { killPoint } from '../reliability/kill-points.ts';
import { cancelDocument, issueDocument } from '../documents/issue-document.ts';
import { deleteDraft } from '../documents/edit-draft.ts';
import { deleteDrafts } from '../documents/delete-drafts.ts';
import { recalculateDraft } from '../documents/recalculate-draft.ts';
import { issueDrafts, NumbersTaken, type IssueItem, type IssueOutcomes } from '../documents/issue-documents.ts';
import { alreadyDone, finishedStatus } from '../../core/sessions/bulk-actions.ts';

/** Pending items are read in pages of this many; each document still commits on its own. */
const PAGE = 200;

/** An issue or a delete works in pages of this many documents, each page in one transaction. */
const SET_PAGE = 500;

/** The action runs as whoever started it, so each document's audit event names them. */
const actingAs = (action: BulkActionRecord): CallContext => ({
  tenantId: action.tenantId,
  actor: action.startedBy,
  role: 'admin',
});

/**
 * One document: the same use case a single request calls (issue, cancel, delete, or the
 * generation pipeline for recalculate), so bulk and single actions cannot drift apart.
 */
async function act(deps: Deps, ctx: CallContext, action: BulkActionRecord, documentId: string): Promise<void> {
  const doc = await deps.uow.run((s) => s.documents.getDocument(ctx.tenantId, documentId));
  if (!doc) {
    // A repeated delete finds its drafts gone: the tenant's audit trail says this one was deleted.
    const events = await deps.uow.run((s) =>
      s.audit.list(ctx.tenantId, { objectId: documentId, objectType: 'document' }, { limit: 100 }),
    );
    if (action.action === 'delete' && events.data.some((e) => e.action === 'deleted')) return;
    throw notFound('Document', documentId);
  }
  if (alreadyDone(action.action, doc.status)) return;
  switch (action.action) {
    case 'issue':
      await issueDocument(deps, ctx, documentId);
      return;
    case 'cancel':
      await cancelDocument(deps, ctx, documentId, action.reason ?? undefined);
      return;
    case 'delete':
      await deleteDraft(deps, ctx, documentId);
      return;
    case 'recalculate':
      await recalculateDraft(deps, ctx, documentId);
      return;
  }
}

/**
 * Acts on one document and records its outcome in the same transaction: after a crash the
 * document is either done with its outcome recorded, or untouched and still pending (an issue
 * that took a number and died rolls the number back too, so the series stays gapless).
 * A refusal (AppError) is the document's error; anything else fails the job, which retries.
 */
async function processItem(deps: Deps, action: BulkActionRecord, item: BulkActionItem): Promise<void> {
  const held = await deps.uow.hold();
  try {
    let error: { code: string; message: string } | undefined;
    try {
      await held.enter(() => act(deps, actingAs(action), action, item.documentId));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      error = { code: e.code, message: e.detail };
    }
    const recorded = await held.run((s) =>
      s.bulkActions.finishItem(action.id, item.position, error ? 'failed' : 'done', error),
    );
    // Another run of the same action recorded this document first: leave its outcome alone.
    if (!recorded) return await held.rollback();
    killPoint('bulk-action.item-recorded');
    await held.commit();
    killPoint('bulk-action.item-committed');
  } finally {
    if (!held.finished) await held.rollback();
  }
}

/** Another run of the same action recorded some of the page's documents first. */
class RecordedElsewhere extends Error {}

/** The set-based form of an action, over one page of its documents in the caller's transaction. */
type PageAction = (
  s: Session,
  deps: Deps,
  ctx: CallContext,
  items: readonly BulkActionItem[],
) => Promise<IssueOutcomes>;

/**
 * Issue and delete go a page at a time, set-based: a page's plain drafts issued (or deleted) and
 * their outcomes recorded in one transaction. An issue takes its numbers as consecutive ranges in
 * the action's order, so a crash rolls the whole page back, numbers with it, and the retried job
 * finds it pending again. The rest of the page (custom numbers, converted invoices, documents gone
 * or not drafts) goes one by one as before; so does the whole page when a number of the range is
 * already held, or another run recorded some of it first.
 */
async function pageAtOnce(
  deps: Deps,
  action: BulkActionRecord,
  items: readonly BulkActionItem[],
  run: PageAction,
): Promise<void> {
  let made: { recorded: number; single: IssueItem[] };
  try {
    made = await deps.uow.run(async (s) => {
      const outcomes = await run(s, deps, actingAs(action), items);
      const recorded = await s.bulkActions.finishItems(action.id, outcomes.recorded);
      if (recorded !== outcomes.recorded.length) throw new RecordedElsewhere();
      for (let i = 0; i < recorded; i++) killPoint('bulk-action.item-recorded');
      return { recorded, single: outcomes.single };
    });
  } catch (error) {
    if (!(error instanceof NumbersTaken || error instanceof RecordedElsewhere)) throw error;
    for (const item of items) await processItem(deps, action, item);
    return;
  }
  for (let i = 0; i < made.recorded; i++) killPoint('bulk-action.item-committed');
  const byPosition = new Map(items.map((i) => [i.position, i]));
  for (const { position } of made.single) await processItem(deps, action, byPosition.get(position)!);
}

/** The actions that have a set-based form. */
const PAGE_ACTIONS: Partial<Record<BulkActionRecord['action'], PageAction>> = {
  issue: issueDrafts,
  delete: deleteDrafts,
};

/**
 * The bulk action job: works through the pending documents in order, then sets the final status.
 * It starts from what is still pending, so a run after a crash (the queue retries the job)
 * continues where the last one stopped and never acts on a document twice.
 */
export async function runBulkAction(deps: Deps, tenantId: string, id: string): Promise<void> {
  const action = await deps.uow.run(async (s) => {
    const found = await s.bulkActions.get(tenantId, id, { forUpdate: true });
    if (!found || found.finishedAt) return null;
    if (found.status === 'queued')
      await s.bulkActions.update(tenantId, id, { status: 'running', startedAt: deps.clock.now().toString() });
    return found;
  });
  if (!action) return;
  const atOnce = PAGE_ACTIONS[action.action];
  const page = atOnce ? SET_PAGE : PAGE;
  for (;;) {
    const pending = await deps.uow.run((s) => s.bulkActions.items(id, { outcome: 'pending', limit: page }));
    if (pending.length === 0) break;
    if (atOnce) await pageAtOnce(deps, action, pending, atOnce);
    else for (const item of pending) await processItem(deps, action, item);
  }
  await finish(deps, tenantId, id);
}

async function finish(deps: Deps, tenantId: string, id: string): Promise<void> {
  await deps.uow.run(async (s) => {
    const counts = await s.bulkActions.counts(id);
    await s.bulkActions.update(tenantId, id, {
      status: finishedStatus(counts.failed),
      finishedAt: deps.clock.now().toString(),
    });
  });
}

/** The queue handler, registered in main.ts. */
export function bulkActionJob(deps: Deps) {
  return async (data: Record<string, unknown>): Promise<void> => {
    if (typeof data.tenantId !== 'string' || typeof data.bulkActionId !== 'string') return;
    await runBulkAction(deps, data.tenantId, data.bulkActionId);
  };
}

/**
 * The give-up handler: a bulk action whose job failed on every attempt ends, its untouched
 * documents marked failed with BULK_ACTION_GAVE_UP, so it never shows `running` with nobody
 * behind it; starting the same action again picks those documents up (the rest count as done).
 */
export function giveUpBulkAction(deps: Deps) {
  return async (data: Record<string, unknown>): Promise<void> => {
    if (typeof data.tenantId !== 'string' || typeof data.bulkActionId !== 'string') return;
    const { tenantId, bulkActionId } = data;
    const pending = await deps.uow.run((s) => s.bulkActions.items(bulkActionId, { outcome: 'pending' }));
    await deps.uow.run(async (s) => {
      for (const item of pending)
        await s.bulkActions.finishItem(bulkActionId, item.position, 'failed', {
          code: 'BULK_ACTION_GAVE_UP',
          message: 'the bulk action was interrupted on every attempt; start it again for the documents left',
        });
    });
    await finish(deps, tenantId, bulkActionId);
  };
}
