import type { Deps } from '../deps.ts';
import type { CallContext } from '../context.ts';
import type { Session } from '../ports/session.ts';
import type { BulkActionRecord } from '../ports/bulk-actions.ts';
import type { Page, PageRequest } from '../ports/audit.ts';
import { notFound } from '../errors.ts';

/** A bulk action's errors are listed up to this many; the counts always cover every document. */
export const MAX_LISTED_ERRORS = 1000;

export interface BulkActionOut extends Omit<BulkActionRecord, 'tenantId' | 'total'> {
  counts: { total: number; done: number; failed: number; pending: number };
  errors: Array<{ documentId: string; code: string; message: string }>;
}

async function present(s: Session, record: BulkActionRecord, withErrors: boolean): Promise<BulkActionOut> {
  const { tenantId: _t, total, ...rest } = record;
  const counts = await s.bulkActions.counts(record.id);
  const failed = withErrors
    ? await s.bulkActions.items(record.id, { outcome: 'failed', limit: MAX_LISTED_ERRORS })
    : [];
  return {
    ...rest,
    counts: { total, ...counts },
    errors: failed.map((i) => ({
      documentId: i.documentId,
      code: i.errorCode ?? 'FAILED',
      message: i.errorMessage ?? '',
    })),
  };
}

export function getBulkAction(deps: Deps, ctx: CallContext, id: string): Promise<BulkActionOut> {
  return deps.uow.run(async (s) => {
    const record = await s.bulkActions.get(ctx.tenantId, id);
    if (!record) throw notFound('Bulk action', id);
    return present(s, record, true);
  });
}

/** The tenant's bulk actions, oldest first, with counts (errors on the single action). */
export function listBulkActions(deps: Deps, ctx: CallContext, page: PageRequest): Promise<Page<BulkActionOut>> {
  return deps.uow.run(async (s) => {
    const found = await s.bulkActions.list(ctx.tenantId, page);
    const data: BulkActionOut[] = [];
    for (const record of found.data) data.push(await present(s, record, false));
    return { data, next: found.next };
  });
}

/** What POST answers: the action as just recorded, every document pending. */
export function presentStarted(record: BulkActionRecord): BulkActionOut {
  const { tenantId: _t, total, ...rest } = record;
  return { ...rest, counts: { total, done: 0, failed: 0, pending: total }, errors: [] };
}
