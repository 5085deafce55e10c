import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { BulkActionRecord } from '../ports/bulk-actions.ts';
import type { Session } from '../ports/session.ts';
import { conflict, invalid, notFound, type FieldError } from '../errors.ts';
import { newId } from '../ids.ts';
import { recordChange } from '../audit/record-change.ts';
import { BULK_ACTIONS, type BulkAction } from '../../core/sessions/bulk-actions.ts';
import { issueOrder, type IssueOrderKey } from '../../core/sessions/issue-order.ts';

export const BULK_ACTION_QUEUE = 'bulk-action';

/** The most documents one request may select; larger runs go by generation session or in parts. */
export const MAX_BULK_DOCUMENTS = 100_000;

export interface BulkActionRequest {
  action: string;
  documentIds: string[];
  /** Issue only: number by customer name (default) or by account code. */
  issueOrder?: IssueOrderKey | undefined;
  /** Cancel only: why, recorded on each document's audit event. */
  reason?: string | undefined;
}

function check(req: BulkActionRequest): FieldError[] {
  const errors: FieldError[] = [];
  if (!(BULK_ACTIONS as readonly string[]).includes(req.action))
    errors.push({
      field: 'action',
      code: 'INVALID_ACTION',
      message: `action must be one of ${BULK_ACTIONS.join(', ')}`,
    });
  if (!Array.isArray(req.documentIds) || req.documentIds.length === 0)
    errors.push({ field: 'documentIds', code: 'EMPTY_SELECTION', message: 'select at least one document' });
  else if (req.documentIds.length > MAX_BULK_DOCUMENTS)
    errors.push({
      field: 'documentIds',
      code: 'TOO_MANY_DOCUMENTS',
      message: `at most ${MAX_BULK_DOCUMENTS} documents per bulk action`,
    });
  if (req.issueOrder !== undefined && req.action !== 'issue')
    errors.push({ field: 'issueOrder', code: 'NOT_APPLICABLE', message: 'issueOrder applies to action issue' });
  if (req.reason !== undefined && req.action !== 'cancel')
    errors.push({ field: 'reason', code: 'NOT_APPLICABLE', message: 'reason applies to action cancel' });
  return errors;
}

/**
 * The order a bulk action treats its documents in. Issue follows the stable issue order (so a
 * selection gets consecutive numbers by customer name or account code, whatever order it was
 * sent in); ids the tenant does not have go last, each to fail on its own. Other actions keep
 * the order of the request.
 */
async function ordered(s: Session, tenantId: string, action: BulkAction, ids: string[], key: IssueOrderKey) {
  if (action !== 'issue') return ids;
  const found = await s.bulkActions.candidates(tenantId, ids);
  const known = new Set(found.map((c) => c.id));
  return [...issueOrder(found, key).map((c) => c.id), ...ids.filter((id) => !known.has(id))];
}

/**
 * Accepts a bulk action: records it with one item per selected document (duplicates once) and
 * queues the job that works through them, in one transaction. Nothing is checked per document
 * here: each document's refusal (another tenant's, issued where only drafts are allowed) becomes
 * that document's error, while the others go ahead.
 */
export async function startBulkAction(deps: Deps, ctx: CallContext, req: BulkActionRequest): Promise<BulkActionRecord> {
  const errors = check(req);
  if (errors.length) throw invalid(errors);
  return deps.uow.run((s) => accept(deps, s, ctx, req, null));
}

/**
 * A bulk action over the documents a generation session made (those still there: deleted drafts
 * are gone). Refused with 409 SESSION_IN_PROGRESS while the session still makes documents, so an
 * issue numbers the whole session in one stable order; a session that made nothing gets an empty
 * action that completes at once. Safe to repeat, like any bulk action.
 */
export async function startSessionBulkAction(
  deps: Deps,
  ctx: CallContext,
  sessionId: string,
  req: Omit<BulkActionRequest, 'documentIds'>,
): Promise<BulkActionRecord> {
  // The selection is the session: only the per-action options are checked.
  const errors = check({ ...req, documentIds: ['-'] });
  if (errors.length) throw invalid(errors);
  return deps.uow.run(async (s) => {
    const session = await s.generationSessions.get(ctx.tenantId, sessionId);
    if (!session) throw notFound('Generation session', sessionId);
    if (session.status === 'in_progress')
      throw conflict(
        'SESSION_IN_PROGRESS',
        `generation session ${sessionId} is still making documents; act on them once it has finished`,
        { sessionId },
      );
    const documentIds = await s.generationSessions.documentIds(ctx.tenantId, sessionId);
    return accept(deps, s, ctx, { ...req, documentIds }, sessionId);
  });
}

async function accept(
  deps: Deps,
  s: Session,
  ctx: CallContext,
  req: BulkActionRequest,
  generationSessionId: string | null,
): Promise<BulkActionRecord> {
  const action = req.action as BulkAction;
  const key = req.issueOrder ?? 'customer_name';
  const ids = await ordered(s, ctx.tenantId, action, [...new Set(req.documentIds)], key);
  const record = await s.bulkActions.insert(
    {
      id: newId('bulk'),
      tenantId: ctx.tenantId,
      action,
      status: 'queued',
      generationSessionId,
      issueOrder: key,
      startedBy: ctx.actor,
      total: ids.length,
      reason: req.reason ?? null,
    },
    ids,
  );
  await s.jobs.enqueue(BULK_ACTION_QUEUE, { tenantId: ctx.tenantId, bulkActionId: record.id });
  await recordChange(s, ctx, deps.clock, {
    objectType: 'bulk_action',
    objectId: record.id,
    action: 'created',
    after: { ...record, documentIds: ids.length <= 1000 ? ids : undefined },
  });
  return record;
}
